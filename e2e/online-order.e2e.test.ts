/**
 * An online order end to end, in two browser contexts: a customer orders on
 * /order, the paired counter of the store (which keeps the server's event
 * stream open) sees it arrive with its badge and accepts it, and the
 * customer's order page then shows it accepted. MySQL holds who accepted.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  collectPageErrors,
  pairCounter,
  textOf,
  waitFor,
  waitForBadge,
} from "./support/counter.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";
import { storedOrders } from "./support/store-rows.js";

describe("an online order", () => {
  let harness: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)));
  beforeAll(async () => {
    // Open around the clock, so the test does not depend on when it runs.
    await harness.sql.query("DELETE FROM store_opening_hours WHERE store_id = 'bastille'");
    await harness.sql.query("DELETE FROM store_closed_days WHERE store_id = 'bastille'");
    const week = [1, 2, 3, 4, 5, 6, 7].map((day) => ["bastille", day, 0, 0]);
    await harness.sql.query(
      "INSERT INTO store_opening_hours (store_id, weekday, opens_minute, closes_minute) VALUES ?",
      [week],
    );
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    return page;
  }

  it("reaches the counter, is accepted there, and the customer sees it accepted", async () => {
    const counter = await newPage();
    const streams: string[] = [];
    counter.on("request", (request) => {
      if (request.url().endsWith("/api/v1/sync/events")) streams.push(request.url());
    });
    await pairCounter(
      counter,
      harness.server.url,
      await harness.pairingCode("bastille"),
      "Comptoir",
    );
    await waitForBadge(counter, [/^En ligne/, /Tout est envoyé/]);
    const badge = counter.getByTestId("online-orders-badge");
    expect(await textOf(badge)).toBe("Commandes web 0");

    const customer = await newPage();
    const customerErrors = collectPageErrors(customer);
    await customer.goto(`${harness.server.url}/order?store=bastille`);
    await customer.locator('[data-testid^="product-"] button').first().click();
    await customer.getByLabel("Nom", { exact: true }).fill("Zoé Ngô");
    await customer.getByLabel("Téléphone").fill("06 12 34 56 78");
    await customer.getByLabel("E-mail (pour la confirmation)").fill("zoe@example.test");
    await customer.getByRole("button", { name: /^Confirmer la commande/ }).click();
    await customer.waitForURL(/\/order\/[0-9a-f-]{36}\?token=/);
    const status = customer.getByTestId("order-status");
    expect(await status.getAttribute("data-status")).toBe("received");

    // The counter pulls it when the event stream says the store changed (polling as fallback).
    await waitFor(
      "the online order on the counter",
      () => textOf(badge),
      (t) => t === "Commandes web 1",
      SYNC_TIMEOUT_MS,
    );
    expect(streams.length).toBeGreaterThan(0);
    await badge.click();
    const order = counter.getByTestId("online-order");
    expect(await textOf(order)).toContain("Zoé Ngô");
    await order.getByRole("button", { name: "Accepter" }).click();
    await waitFor(
      "no online order left to accept",
      () => textOf(badge),
      (t) => t === "Commandes web 0",
    );

    await waitFor(
      "the customer's page to show the order accepted",
      () => status.getAttribute("data-status"),
      (value) => value === "accepted",
      SYNC_TIMEOUT_MS,
    );
    expect(await textOf(status)).toBe("Acceptée");
    const [stored] = (await storedOrders(harness.sql)).filter((o) => o.deviceId === null);
    expect(stored).toMatchObject({ status: "accepted", lineCount: 1 });
    const [who] = await harness.sql.query<any[]>(
      "SELECT LOWER(HEX(status_by_staff_id)) AS staffId FROM orders WHERE channel = 'online'",
    );
    expect(who[0].staffId).toBe(harness.staffIds.clerk.replace(/-/g, ""));
    expect(customerErrors).toEqual([]);
  });
});
