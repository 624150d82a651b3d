/**
 * The counter working with no network at all: orders taken offline, the app
 * reloaded from its service worker, and every order reaching MySQL exactly
 * once when the network and the server come back.
 */
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";

import {
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  collectPageErrors,
  isControlledByServiceWorker,
  recordAppFiles,
  orderCard,
  pairCounter,
  takeCashOrder,
  textOf,
  waitFor,
  waitForBadge,
  waitForMenu,
  waitForServiceWorkerControl,
  type TakenOrder,
} from "./support/counter.js";
import { expectEachOrderOnce } from "./support/exactly-once.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";

const DEVICE = "Comptoir hors ligne";

describe("the counter offline", () => {
  let harness: Harness;
  let browser: Browser;

  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)));

  it("takes orders offline and every order reaches MySQL exactly once", async () => {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    const pageErrors = collectPageErrors(page);
    const baseUrl = harness.server.url;

    await pairCounter(page, baseUrl, await harness.pairingCode("bastille"), DEVICE);
    await waitForServiceWorkerControl(page);
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/]);

    // The network is cut for real: the browser is offline and the server is gone.
    await context.setOffline(true);
    await harness.server.stop("SIGTERM");
    await waitForBadge(page, [/^Hors ligne/]);

    const taken: TakenOrder[] = [];
    taken.push(
      await takeCashOrder(page, {
        callNumber: 1,
        items: [
          {
            kind: "pizza",
            category: "Poulet",
            name: "Poulet barbecue",
            size: "L",
            extras: ["Anchois"],
          },
          { kind: "product", category: "Boissons", name: "Coca-Cola 33 cl" },
        ],
        tenderedCents: 5000,
      }),
    );
    await waitForBadge(page, [/^Hors ligne/, /1 commande en attente/]);
    taken.push(
      await takeCashOrder(page, {
        callNumber: 2,
        items: [
          {
            kind: "pizza",
            category: "Classique",
            name: "Hawaïenne",
            size: "S",
            extras: ["Champignons"],
          },
        ],
        tenderedCents: 2000,
      }),
    );
    taken.push(
      await takeCashOrder(page, {
        callNumber: 3,
        items: [
          { kind: "product", category: "Desserts", name: "Tiramisu" },
          { kind: "product", category: "Boissons", name: "Orangina 33 cl" },
          {
            kind: "pizza",
            category: "Végétarienne",
            name: "Quatre fromages",
            size: "M",
            without: ["Ail"],
          },
        ],
        tenderedCents: 4321,
      }),
    );
    expect(new Set(taken.map((order) => order.totalCents)).size).toBe(3);
    await waitForBadge(page, [/^Hors ligne/, /3 commandes en attente/]);

    // Still offline, the app reloads from the service worker (not the HTTP cache) and keeps its orders.
    const appFiles = recordAppFiles(page);
    await page.reload();
    await waitForMenu(page);
    expect(await isControlledByServiceWorker(page)).toBe(true);
    await waitForBadge(page, [/^Hors ligne/, /3 commandes en attente/]);
    await page.goto(`${baseUrl}/orders`);
    await page.getByRole("heading", { name: "Commandes du jour" }).waitFor();
    const loaded = appFiles();
    expect(loaded.filter((file) => file.url.endsWith(".js")).length).toBeGreaterThan(0);
    expect(loaded.filter((file) => !file.fromServiceWorker)).toEqual([]);
    for (const order of taken) {
      const card = await textOf(orderCard(page, order.callLabel));
      expect(card).toContain("En attente d'envoi");
      expect(card).toContain("Payée");
    }

    // The network and the server come back: the outbox drains by itself.
    await harness.restartServer();
    await context.setOffline(false);
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);
    for (const order of taken) {
      await waitFor(
        `order ${order.callLabel} to show as synced`,
        () => textOf(orderCard(page, order.callLabel)),
        (text) => text.includes("Synchronisée"),
      );
    }

    await expectEachOrderOnce(harness.sql, DEVICE, taken);

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
