/**
 * Tests of what production refuses to start without, and of the session
 * secret's strength rules: each refusal names the setting to fix.
 */
import { describe, expect, it } from "vitest";

import {
  checkProductionSettings,
  ConfigError,
  loadConfig,
  sessionSecretWeakness,
} from "./config.js";

const STRONG = "q7Vb2xKp9LmZ3rTn8WcYh4JdF6sGa1Ue";
const PRODUCTION = {
  NODE_ENV: "production",
  ADMIN_TOKEN: "an-admin-token-of-24-chars-or-more",
  SESSION_SECRET: STRONG,
  ARCHIVE_SIGNING_KEY: "A".repeat(60),
  PUBLIC_URL: "https://caisse.ocpizza.fr",
};

describe("checkProductionSettings", () => {
  it("starts in production with every secret set", () => {
    expect(() => checkProductionSettings(loadConfig(PRODUCTION))).not.toThrow();
  });

  it.each([
    ["ADMIN_TOKEN", { ADMIN_TOKEN: "" }, /ADMIN_TOKEN is not set/],
    ["a repetitive ADMIN_TOKEN", { ADMIN_TOKEN: "a".repeat(40) }, /ADMIN_TOKEN repeats/],
    [
      "a placeholder ADMIN_TOKEN",
      { ADMIN_TOKEN: "changeme-admin-token-0123456789" },
      /ADMIN_TOKEN looks like a placeholder/,
    ],
    ["SESSION_SECRET", { SESSION_SECRET: "" }, /SESSION_SECRET is not set/],
    ["a short SESSION_SECRET", { SESSION_SECRET: "abc123" }, /SESSION_SECRET is 6 characters long/],
    ["a repetitive SESSION_SECRET", { SESSION_SECRET: "ab".repeat(20) }, /SESSION_SECRET repeats/],
    [
      "Django's placeholder",
      { SESSION_SECRET: "django-insecure-changeme-0123456789abcdef" },
      /SESSION_SECRET looks like a placeholder/,
    ],
    ["ARCHIVE_SIGNING_KEY", { ARCHIVE_SIGNING_KEY: "" }, /ARCHIVE_SIGNING_KEY is not set/],
    ["COOKIE_SECURE=false", { COOKIE_SECURE: "false" }, /COOKIE_SECURE=false/],
    [
      "a plain-http PUBLIC_URL",
      { PUBLIC_URL: "http://caisse.ocpizza.fr" },
      /PUBLIC_URL must be https/,
    ],
  ])("refuses to start without %s, naming it", (_, env, message) => {
    const config = loadConfig({ ...PRODUCTION, ...env });

    expect(() => checkProductionSettings(config)).toThrow(ConfigError);
    expect(() => checkProductionSettings(config)).toThrow(message);
  });

  it("names every missing secret at once", () => {
    const config = loadConfig({ NODE_ENV: "production" });

    expect(() => checkProductionSettings(config)).toThrow(
      /ADMIN_TOKEN is not set; SESSION_SECRET is not set; ARCHIVE_SIGNING_KEY is not set/,
    );
  });

  it("allows an insecure cookie outside production only on a loopback PUBLIC_URL", () => {
    expect(() => checkProductionSettings(loadConfig({ COOKIE_SECURE: "false" }))).not.toThrow();
    expect(() =>
      checkProductionSettings(
        loadConfig({ COOKIE_SECURE: "false", PUBLIC_URL: "http://caisse.ocpizza.fr" }),
      ),
    ).toThrow(/COOKIE_SECURE=false is only allowed/);
  });

  it.each([
    [{ SESSION_TTL_HOURS: "0" }, /SESSION_TTL_HOURS/],
    [{ PUBLIC_URL: "ftp://x" }, /PUBLIC_URL/],
    [{ SMTP_URL: "http://mail" }, /SMTP_URL/],
    [{ LOGIN_MAX_PER_ACCOUNT: "many" }, /LOGIN_MAX_PER_ACCOUNT/],
    [{ TRUST_PROXY: "perhaps" }, /TRUST_PROXY/],
  ])("refuses %o with a message naming the setting", (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe("sessionSecretWeakness", () => {
  it("accepts a random secret", () => {
    expect(sessionSecretWeakness(STRONG)).toBeNull();
  });
});
