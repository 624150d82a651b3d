/**
 * The SQUARE_* settings through loadConfig and checkProductionSettings: none
 * turns cards off with a reason, a partial set is refused in production and
 * names what is missing, the fake is refused in production, and the public
 * status endpoint says why cards are off.
 */
import { describe, expect, it } from "vitest";

import { checkProductionSettings, ConfigError, loadConfig } from "../../config.js";
import { cardStatus } from "../../routes/payments.js";
import { createTestDatabase } from "../../testing/test-database.js";

const PRODUCTION = {
  NODE_ENV: "production",
  ADMIN_TOKEN: "an-admin-token-of-24-chars-or-more",
  SESSION_SECRET: "q7Vb2xKp9LmZ3rTn8WcYh4JdF6sGa1Ue",
  ARCHIVE_SIGNING_KEY: "A".repeat(60),
  PUBLIC_URL: "https://caisse.ocpizza.fr",
};

const SQUARE = {
  SQUARE_ACCESS_TOKEN: "EAAAl-example-not-a-real-token",
  SQUARE_ENVIRONMENT: "production",
  SQUARE_APPLICATION_ID: "sq0idp-example",
  SQUARE_LOCATION_IDS: "bastille=L1A2B3C4D5E6F, montmartre=L9Z8Y7X6W5V4U",
  SQUARE_WEBHOOK_SIGNATURE_KEY: "example-signature-key",
  SQUARE_WEBHOOK_URL: "https://caisse.ocpizza.fr/api/v1/webhooks/square",
};

describe("the Square settings", () => {
  it("absent turn cards off with the reason square_not_configured, and production starts", () => {
    const config = loadConfig(PRODUCTION);
    expect(config.square).toMatchObject({ enabled: false, reason: "square_not_configured" });
    expect(() => checkProductionSettings(config)).not.toThrow();
    expect(cardStatus(config.square)).toEqual({
      card: { enabled: false, reason: "square_not_configured" },
    });
  });

  it("complete turn cards on, one location per store, not simulated", () => {
    const config = loadConfig({ ...PRODUCTION, ...SQUARE });
    expect(() => checkProductionSettings(config)).not.toThrow();
    expect(config.square).toMatchObject({
      enabled: true,
      settings: {
        environment: "production",
        locationIds: { bastille: "L1A2B3C4D5E6F", montmartre: "L9Z8Y7X6W5V4U" },
        simulated: false,
      },
    });
    const status = cardStatus(config.square);
    expect(status.card).toMatchObject({ enabled: true, simulated: false });
    expect(JSON.stringify(status)).not.toContain(SQUARE.SQUARE_ACCESS_TOKEN);
    expect(JSON.stringify(status)).not.toContain(SQUARE.SQUARE_WEBHOOK_SIGNATURE_KEY);
  });

  it.each(Object.keys(SQUARE))("without %s are refused in production, naming it", (name) => {
    const config = loadConfig({ ...PRODUCTION, ...SQUARE, [name]: "" });
    expect(config.square).toMatchObject({ enabled: false, reason: "square_partially_configured" });
    expect(() => checkProductionSettings(config)).toThrow(ConfigError);
    expect(() => checkProductionSettings(config)).toThrow(new RegExp(`${name} not set`));
  });

  it("partial outside production leave cards off with the reason, and the server starts", () => {
    const config = loadConfig({ SQUARE_ACCESS_TOKEN: SQUARE.SQUARE_ACCESS_TOKEN });
    expect(() => checkProductionSettings(config)).not.toThrow();
    expect(cardStatus(config.square).card).toEqual({
      enabled: false,
      reason: "square_partially_configured",
    });
  });

  it("pointing at the fake Square are labelled simulated, and refused in production", () => {
    const fake = { ...SQUARE, SQUARE_BASE_URL: "http://127.0.0.1:4010" };
    expect(loadConfig(fake).square).toMatchObject({ settings: { simulated: true } });
    expect(() => checkProductionSettings(loadConfig({ ...PRODUCTION, ...fake }))).toThrow(
      /SQUARE_BASE_URL/,
    );
  });

  it("refuse a plain-http webhook URL in production", () => {
    const config = loadConfig({
      ...PRODUCTION,
      ...SQUARE,
      SQUARE_WEBHOOK_URL: "http://caisse.ocpizza.fr/api/v1/webhooks/square",
    });
    expect(() => checkProductionSettings(config)).toThrow(/SQUARE_WEBHOOK_URL must be https/);
  });

  it.each([["bastille"], ["bastille=L-1"], ["=L123"], [","]])(
    "refuse SQUARE_LOCATION_IDS=%s, saying the form",
    (value) => {
      expect(() => loadConfig({ ...SQUARE, SQUARE_LOCATION_IDS: value })).toThrow(
        /SQUARE_LOCATION_IDS/,
      );
    },
  );
});

describe("GET /api/v1/payments/status", () => {
  it("tells anyone that cards are off and why when Square is not configured", async () => {
    const t = await createTestDatabase();
    try {
      const response = await t.app.request("/api/v1/payments/status");
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        card: { enabled: false, reason: "square_not_configured" },
      });
    } finally {
      await t.drop();
    }
  });
});
