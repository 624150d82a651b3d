/**
 * Card payment online, end to end in Chromium against a SIMULATED Square (the
 * fake Square started here; the server's SDK pointed at it by SQUARE_BASE_URL,
 * the page's card field drawn by the simulated Web Payments SDK). A customer
 * orders, a declined card leaves the order unpaid with the reason in plain
 * French, another card pays it; the paired counter then holds the order as
 * paid, and the manager's figures count the card money.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startFakeSquare, type FakeSquare } from "../sync-server/src/testing/fake-square/server.js";
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

describe("an online order paid by card", () => {
  let fake: FakeSquare;
  let harness: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  // Started before the harness: the server is pointed at it through its environment.
  beforeAll(async () => {
    fake = await startFakeSquare({ webhooks: null, defaultLocationId: "LFAKEBASTILLE" });
  });
  useHarnessAndBrowser(
    (h, b) => ((harness = h), (browser = b)),
    () => ({
      env: {
        SQUARE_BASE_URL: fake.url,
        SQUARE_ACCESS_TOKEN: fake.accessToken,
        SQUARE_ENVIRONMENT: "sandbox",
        SQUARE_APPLICATION_ID: "sandbox-sq0idb-e2e",
        SQUARE_LOCATION_IDS: "bastille=LFAKEBASTILLE",
        SQUARE_WEBHOOK_SIGNATURE_KEY: "e2e-signature-key",
        SQUARE_WEBHOOK_URL: "http://127.0.0.1/api/v1/webhooks/square",
      },
    }),
  );
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
    await fake?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    return page;
  }

  it("is paid by card, shows paid on the counter and counts in the manager's figures", async () => {
    const counter = await newPage();
    await pairCounter(
      counter,
      harness.server.url,
      await harness.pairingCode("bastille"),
      "Comptoir",
    );
    await waitForBadge(counter, [/^En ligne/, /Tout est envoyé/]);

    const customer = await newPage();
    const customerErrors = collectPageErrors(customer);
    await customer.goto(`${harness.server.url}/order?store=bastille`);
    await customer.locator('[data-testid^="product-"] button').first().click();
    await customer.getByLabel("Nom", { exact: true }).fill("Zoé Ngô");
    await customer.getByLabel("Téléphone").fill("06 12 34 56 78");
    await customer.getByLabel("E-mail (pour la confirmation)").fill("zoe@example.test");
    await customer.getByRole("button", { name: /^Confirmer la commande/ }).click();
    await customer.waitForURL(/\/order\/[0-9a-f-]{36}\?token=/);
    const orderId = /\/order\/([0-9a-f-]{36})/.exec(customer.url())![1];

    // The simulated card field, labelled as such; a declined card first.
    const cardSection = customer.getByTestId("online-card");
    const card = customer.getByTestId("simulated-card");
    await card.waitFor();
    expect(await textOf(cardSection)).toContain("SIMULATION");
    await card.selectOption("cnon:card-nonce-declined");
    await cardSection.getByRole("button", { name: /^Payer/ }).click();
    const failed = customer.getByTestId("card-failed");
    expect(await textOf(failed)).toContain("La carte a été refusée");
    const [unpaid] = await harness.sql.query<any[]>(
      "SELECT paid_cents AS paidCents, total_cents AS totalCents FROM orders " +
        "WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [orderId],
    );
    expect(unpaid[0].paidCents).toBe(0);

    await card.selectOption("cnon:card-nonce-ok");
    await cardSection.getByRole("button", { name: /^Payer/ }).click();
    expect(await textOf(customer.getByTestId("card-paid"))).toContain("Payé par carte");
    const totalCents = unpaid[0].totalCents as number;
    const charged = [...fake.state.payments.values()].filter(
      (p) => p.reference_id === orderId && p.status === "COMPLETED",
    );
    expect(charged.map((p) => p.amount_money.amount)).toEqual([totalCents]);

    // The counter hears of the order (paid), accepts it, and holds it as paid.
    const badge = counter.getByTestId("online-orders-badge");
    await waitFor(
      "the online order on the counter",
      () => textOf(badge),
      (t) => t === "Commandes web 1",
      SYNC_TIMEOUT_MS,
    );
    await badge.click();
    await counter.getByTestId("online-order").getByRole("button", { name: "Accepter" }).click();
    await waitFor(
      "no online order left to accept",
      () => textOf(badge),
      (t) => t === "Commandes web 0",
    );
    const localPaid = () =>
      counter.evaluate(async (id) => {
        const open = indexedDB.open("ocpizza-counter");
        const db: IDBDatabase = await new Promise((resolve, reject) => {
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const read = db.transaction("orders").objectStore("orders").get(id);
        const order = await new Promise<any>(
          (resolve) => (read.onsuccess = () => resolve(read.result)),
        );
        db.close();
        return order ? order.paidCents : null;
      }, orderId);
    await waitFor(
      "the counter to hold the order as paid",
      localPaid,
      (paid) => paid === totalCents,
      SYNC_TIMEOUT_MS,
    );

    // The manager's figures: the day's card money holds it.
    const [row] = await harness.sql.query<any[]>(
      "SELECT DATE_FORMAT(business_day, '%Y-%m-%d') AS day FROM orders " +
        "WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [orderId],
    );
    const day = row[0].day as string;
    const response = await fetch(
      `${harness.server.url}/api/v1/reports/dashboard?from=${day}&to=${day}&storeId=bastille`,
      { headers: { authorization: `Bearer ${harness.adminToken}` } },
    );
    expect(response.status).toBe(200);
    const dashboard = (await response.json()) as any;
    const cardMoney = JSON.stringify(dashboard.byPaymentMethod ?? dashboard);
    expect(cardMoney).toContain("card");
    expect(cardMoney).toContain(String(totalCents));
    expect(customerErrors).toEqual([]);
  });
});
