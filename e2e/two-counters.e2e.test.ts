/**
 * Two counters of one store, each in its own browser context (its own
 * IndexedDB and service worker): an order taken on one reaches the other's
 * "Commandes du jour" through the server, marked as from another counter.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";

import {
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  openTodaysOrders,
  orderCard,
  pairCounter,
  takeCashOrder,
  textOf,
  waitFor,
  waitForBadge,
  type TakenOrder,
} from "./support/counter.js";
import { euros, moneyPattern } from "./support/money.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";
import { storedDevice, storedOrders } from "./support/store-rows.js";

/** The cards of orders taken on another counter, in this counter's list. */
function ordersFromOtherCounters(page: Page): Locator {
  return page.getByRole("listitem").filter({ hasText: "autre caisse" });
}

/** The card of another counter's order, by the call label its own counter printed. */
function fromAnotherCounter(page: Page, callLabel: string): Locator {
  return orderCard(page, callLabel).filter({ hasText: "autre caisse" });
}

/** Waits until this counter lists exactly `count` synced orders from other counters. */
async function waitForOthersOrders(page: Page, count: number): Promise<void> {
  await waitFor(
    `${count} synced order(s) from another counter on ${page.url()}`,
    () => ordersFromOtherCounters(page).allTextContents(),
    (list) => list.length === count && list.every((text) => text.includes("Synchronisée")),
    SYNC_TIMEOUT_MS,
  );
}

describe("two counters of the same store", () => {
  let harness: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)));
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function openCounter(name: string): Promise<Page> {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    await pairCounter(page, harness.server.url, await harness.pairingCode("bastille"), name);
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/]);
    return page;
  }

  it("shows an order taken on one counter in the other's orders of the day", async () => {
    const counterA = await openCounter("Comptoir A");
    const counterB = await openCounter("Comptoir B");
    await openTodaysOrders(counterB);
    expect(await ordersFromOtherCounters(counterB).count()).toBe(0);

    const fromA: TakenOrder = await takeCashOrder(counterA, {
      callNumber: 1,
      items: [
        { kind: "pizza", category: "Suprême", name: "Calabraise", size: "L" },
        { kind: "product", category: "Boissons", name: "Eau minérale 50 cl" },
      ],
      tenderedCents: 5000,
    });
    await waitForBadge(counterA, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);

    // Counter B pulls it in the background: same call label, A's total, paid, from another counter.
    await waitForOthersOrders(counterB, 1);
    const seenOnB = await textOf(fromAnotherCounter(counterB, fromA.callLabel));
    expect(seenOnB).toContain(euros(fromA.totalCents));
    expect(seenOnB).toContain("Payée");

    // And back: B's own sale reaches A, while A's own order is not marked as foreign.
    await counterB.getByRole("link", { name: "Caisse", exact: true }).click();
    const fromB = await takeCashOrder(counterB, {
      callNumber: 1,
      items: [{ kind: "product", category: "Desserts", name: "Fondant au chocolat" }],
      tenderedCents: 1000,
    });
    await waitForBadge(counterB, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);

    await openTodaysOrders(counterA);
    await waitForOthersOrders(counterA, 1);
    const seenOnA = await textOf(fromAnotherCounter(counterA, fromB.callLabel));
    expect(seenOnA).toContain(euros(fromB.totalCents));
    expect(seenOnA).toContain("Payée");
    const ownOnA = orderCard(counterA, fromA.callLabel).filter({ hasNotText: "autre caisse" });
    expect(await ownOnA.count()).toBe(1);
    expect(await textOf(ownOnA)).toMatch(moneyPattern(fromA.totalCents));

    // The server holds one order per counter, each from its own device.
    const deviceA = await storedDevice(harness.sql, "Comptoir A");
    const deviceB = await storedDevice(harness.sql, "Comptoir B");
    const stored = await storedOrders(harness.sql, "bastille");
    expect(stored.map((row) => [row.deviceId, row.totalCents]).sort()).toEqual(
      [
        [deviceA.id, fromA.totalCents],
        [deviceB.id, fromB.totalCents],
      ].sort(),
    );
  });
});
