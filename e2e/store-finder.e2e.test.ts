/**
 * The public store finder in Chromium, against the real server pointed at the
 * local fake Google: the five stores are listed with their hours and whether
 * they are open, the page says the map is off (no browser key), and an
 * address outside every zone gets the message with stores offered for pickup.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";

import {
  FAKE_PLACES,
  startFakeGoogle,
  type FakeGoogle,
} from "../sync-server/src/testing/fake-google.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";

let fake: FakeGoogle;
let harness: Harness;
let browser: Browser;

// Registered before the harness's hook, so the server starts with the fake's address.
beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(() => fake?.close());

useHarnessAndBrowser(
  (h, b) => {
    harness = h;
    browser = b;
  },
  () => ({
    env: {
      GOOGLE_SERVER_KEY: fake.key,
      GOOGLE_MAPS_API_BASE: fake.url,
      GOOGLE_ROUTES_API_BASE: fake.url,
    },
  }),
);

describe("the store finder", () => {
  it("lists the stores, says the map is off, and offers pickup out of zone", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    try {
      const page = await context.newPage();
      await page.goto(`${harness.server.url}/stores`);

      const cards = page.getByTestId("store-card");
      await cards.first().waitFor();
      expect(await cards.count()).toBe(5);
      const text = await page.locator(".store-list").innerText();
      for (const city of ["Paris", "Boulogne-Billancourt", "Vincennes"])
        expect(text).toContain(city);
      expect(text).toContain("14 rue de la Roquette");
      expect(await page.getByTestId("open-now").first().innerText()).toMatch(/^(Ouvert|Fermé)/);
      expect(await page.getByTestId("map-off").innerText()).toBe(
        "Carte indisponible : clé Google non configurée",
      );

      await page.getByLabel("Adresse de livraison").fill(FAKE_PLACES.versailles.address);
      await page.getByRole("button", { name: "Vérifier l'adresse" }).click();
      const result = page.getByTestId("quote-result");
      await result.waitFor();

      expect(await result.innerText()).toContain("aucune pizzeria ne livre cette adresse");
      const pickup = await page.getByTestId("pickup-list").locator("li").allInnerTexts();
      expect(pickup).toHaveLength(3);
      expect(pickup[0]).toContain("OC Pizza Boulogne");
      // The server really asked the fake Google (geocoding, then the route matrix).
      expect(fake.requests.map((r) => r.path)).toEqual([
        "/maps/api/geocode/json",
        "/distanceMatrix/v2:computeRouteMatrix",
      ]);
    } finally {
      await context.close();
    }
  });
});
