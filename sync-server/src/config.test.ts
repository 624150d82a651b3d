/**
 * Tests of the settings: defaults, parsing, and refusals that name the setting.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { ConfigError, loadConfig, REPO_ROOT } from "./config.js";

describe("loadConfig", () => {
  it("gives every setting its documented default", () => {
    const config = loadConfig({});

    expect(config).toEqual({
      databaseUrl: "mysql://root@127.0.0.1:3306/pizzeria_management",
      port: 8080,
      host: "127.0.0.1",
      nodeEnv: "development",
      adminToken: null,
      dataDir: join(REPO_ROOT, ".data"),
      archiveDir: join(REPO_ROOT, ".data", "archives"),
      archiveSigningKey: null,
      pwaDist: join(REPO_ROOT, "pwa", "dist"),
      pullHistoryDays: 3,
      logLevel: "info",
      seed: true,
      lockWaitTimeoutS: 5,
      dbPoolSize: 10,
      sessionSecret: null,
      sessionTtlHours: 12,
      cookieSecure: true,
      publicUrl: "http://127.0.0.1:8080",
      smtpUrl: null,
      mailFrom: "OC Pizza <no-reply@ocpizza.invalid>",
      passwordResetTtlMin: 30,
      loginMaxPerAccount: 5,
      loginMaxPerAddress: 20,
      loginWindowMin: 15,
      trustProxy: false,
      googleServerKey: null,
      onlineCounterSilenceMinutes: 10,
      googleBrowserKey: null,
      googleMapsApiBase: "https://maps.googleapis.com",
      googleRoutesApiBase: "https://routes.googleapis.com",
      square: {
        enabled: false,
        reason: "square_not_configured",
        missing: expect.arrayContaining(["SQUARE_ACCESS_TOKEN", "SQUARE_WEBHOOK_URL"]),
      },
    });
  });

  it("reads values, treats empty ones as unset and does not seed in production by default", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      PORT: "9090",
      ADMIN_TOKEN: "",
      DATA_DIR: "/var/lib/ocpizza",
      PULL_HISTORY_DAYS: "7",
    });

    expect(config).toMatchObject({
      nodeEnv: "production",
      port: 9090,
      adminToken: null,
      dataDir: "/var/lib/ocpizza",
      pullHistoryDays: 7,
      seed: false,
    });
    expect(loadConfig({ NODE_ENV: "production", SEED: "yes" }).seed).toBe(true);
  });

  it.each([
    [{ PORT: "eighty" }, /PORT/],
    [{ DATABASE_URL: "postgres://localhost/x" }, /DATABASE_URL/],
    [{ ADMIN_TOKEN: "short" }, /ADMIN_TOKEN/],
    [{ SEED: "maybe" }, /SEED/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
  ])("refuses %o with a message naming the setting", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
