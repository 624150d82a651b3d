/**
 * Tests of the shared account rules: emails normalised, passwords judged
 * after NFC normalisation, names free of hidden characters.
 */
import { describe, expect, it } from "vitest";

import {
  customerSignUpSchema,
  emailSchema,
  newPasswordSchema,
  personNameSchema,
} from "./accounts.js";

describe("account rules", () => {
  it("trims and lowercases an email", () => {
    expect(emailSchema.parse("  Gerant.Bastille@OCPizza.FR ")).toBe("gerant.bastille@ocpizza.fr");
  });

  it.each(["", "no-at-sign", "a@b", "🍕@ocpizza.fr", "a@b.fr\u0000", `${"x".repeat(250)}@b.fr`])(
    "refuses the email %j",
    (email) => {
      expect(emailSchema.safeParse(email).success).toBe(false);
    },
  );

  it("counts a password's characters after NFC normalisation", () => {
    // "é" written as e + combining accent is two code units, one character after NFC.
    const decomposed = "e\u0301".repeat(12);

    expect(newPasswordSchema.parse(decomposed)).toBe("\u00e9".repeat(12));
    expect(newPasswordSchema.safeParse("e\u0301".repeat(11)).success).toBe(false);
  });

  it.each([
    ["too short", "pizza"],
    ["mostly spaces", `ab${" ".repeat(20)}`],
    ["a NUL", "a long enough password\u0000"],
    ["too long", "x".repeat(257)],
  ])("refuses a new password %s", (_, password) => {
    expect(newPasswordSchema.safeParse(password).success).toBe(false);
  });

  it("keeps accents and emoji in a name and refuses hidden characters", () => {
    expect(personNameSchema.parse("  Zoé 🍕 Lefèvre ")).toBe("Zoé 🍕 Lefèvre");
    expect(personNameSchema.safeParse("admin\u202Egpj.exe").success).toBe(false);
    expect(personNameSchema.safeParse("tab\there").success).toBe(false);
  });

  it("names the field in a refused sign-up", () => {
    const parsed = customerSignUpSchema.safeParse({ email: "a@b.fr", password: "x", name: "A" });

    expect(parsed.success).toBe(false);
    expect(new Set(parsed.error?.issues.map((issue) => issue.path.join(".")))).toEqual(
      new Set(["password"]),
    );
  });
});
