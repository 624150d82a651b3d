/**
 * The small rules of the manager and customer pages: which page an address
 * shows, what a new password needs before it is sent, and how a refusal
 * reads for the person in front of the page.
 */
import { describe, expect, it } from "vitest";

import { fr } from "../i18n/fr.js";
import { fill } from "../i18n/format.js";
import type { MessageKey } from "../i18n/fr.js";
import { ApiError, NetworkError } from "./api.js";
import { errorText } from "./error-text.js";
import { findManagePage, MANAGE_PAGES } from "./nav.js";
import { newPasswordProblem } from "./new-password.js";
import { isWebPage } from "./WebPages.js";

const t = (key: MessageKey, values?: Record<string, string | number>) => fill(fr[key], values);

describe("the manager shell's pages", () => {
  it("shows the first page at /manage and a page by its exact address", () => {
    expect(findManagePage("/manage")).toBe(MANAGE_PAGES[0]);
    expect(findManagePage("/manage/")).toBe(MANAGE_PAGES[0]);
    expect(findManagePage("/manage/staff")?.path).toBe("/manage/staff");
    expect(findManagePage("/manage/nothing-here")).toBeNull();
  });

  it("keeps the counter's addresses out of the online-only pages", () => {
    expect(["/manage", "/manage/devices", "/account", "/reset-password"].map(isWebPage)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["/", "/orders", "/x", "/pair", "/managex"].map(isWebPage)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("a new password in the page", () => {
  it("needs 12 characters without the surrounding spaces, and the same twice", () => {
    expect(newPasswordProblem("short", "short")).toBe("web.password.tooShort");
    expect(newPasswordProblem("   eleven ch   ", "   eleven ch   ")).toBe("web.password.tooShort");
    expect(newPasswordProblem("a long passphrase", "a long passphrasE")).toBe(
      "web.password.mismatch",
    );
    expect(newPasswordProblem("a long passphrase", "a long passphrase")).toBeNull();
  });
});

describe("a refusal as a sentence", () => {
  it("uses the page's words for known codes, the wait for a rate limit, else the server's", () => {
    const wrong = new ApiError(401, "invalid_credentials", "Wrong email or password.");
    const limited = new ApiError(429, "rate_limited", "Too many", {}, 42_000);
    const other = new ApiError(409, "email_taken", "A staff account already uses this email.");

    expect(errorText(t, wrong, { invalid_credentials: "web.signin.wrong" })).toBe(
      "E-mail ou mot de passe incorrect.",
    );
    expect(errorText(t, limited)).toBe("Trop d'essais : réessayez dans 42 secondes.");
    expect(errorText(t, other)).toContain("A staff account already uses this email.");
    expect(errorText(t, new NetworkError(new TypeError("fetch failed")))).toMatch(/injoignable/);
  });
});
