/**
 * A price change end to end in Chromium against the real server: a counter
 * sells a Hawaïenne M at its price, a manager of every store raises that
 * price at /manage/menu, the counter gets the new price on its next pull and
 * sells at it, and the order taken before keeps its old price in MySQL.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { RowDataPacket } from "mysql2";
import { afterAll, describe, expect, it } from "vitest";

import {
  addPizza,
  approveAsManager,
  cartTotal,
  collectPageErrors,
  pairCounter,
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  takeCashOrder,
  textOf,
  waitFor,
  waitForBadge,
} from "./support/counter.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";
import { centsFrom } from "./support/money.js";

const CHAIN_MANAGER = {
  email: "direction@ocpizza.test",
  password: "une phrase de passe pour la carte",
  name: "Alix Direction",
};
const OLD_CENTS = 1325;
const NEW_CENTS = 1475;
const HAWAIIAN_M = { kind: "pizza", category: "Classique", name: "Hawaïenne", size: "M" } as const;

describe("a price change reaches the counter; orders keep their price", () => {
  let harness: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let counterPage: Page;
  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)), {
    env: { COOKIE_SECURE: "false" },
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    return { page, errors: collectPageErrors(page) };
  }

  async function linesOf(callNumber: number) {
    const [rows] = await harness.sql.query<RowDataPacket[]>(
      "SELECT l.unit_price_cents, l.total_cents, o.total_cents AS order_total, o.flags " +
        "FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.call_number = ?",
      [callNumber],
    );
    return rows;
  }

  it("a manager changes the Hawaïenne's price; the counter sells at it after a pull", async () => {
    const created = await fetch(`${harness.server.url}/api/v1/admin/staff`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${harness.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ ...CHAIN_MANAGER, role: "manager", storeIds: ["*"] }),
    });
    expect(created.status).toBe(201);

    // The counter sells one at the old price, and sends it.
    const counter = await newPage();
    await pairCounter(counter.page, harness.server.url, await harness.pairingCode(), "Caisse 1");
    const first = await takeCashOrder(counter.page, {
      items: [HAWAIIAN_M],
      tenderedCents: 2000,
      callNumber: 1,
    });
    expect(first.totalCents).toBe(OLD_CENTS);
    await waitForBadge(counter.page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);

    // The manager raises the price of the M at once.
    const manager = await newPage();
    await manager.page.goto(`${harness.server.url}/manage`);
    await manager.page.getByLabel("Adresse e-mail").fill(CHAIN_MANAGER.email);
    await manager.page.getByLabel("Mot de passe").fill(CHAIN_MANAGER.password);
    await manager.page.getByRole("button", { name: "Se connecter" }).click();
    await manager.page.getByRole("link", { name: "Carte et prix" }).click();
    const row = manager.page.locator('tr[data-product="hawaiian"]');
    const priceM = row.getByLabel("Hawaïenne M", { exact: true });
    expect(await priceM.inputValue()).toBe("13,25");
    await priceM.fill("14,75");
    await row.getByRole("button", { name: "Enregistrer les prix" }).click();
    await manager.page.getByText(/^Enregistré/).waitFor();
    await waitFor(
      "the page to show the new price",
      () => priceM.inputValue(),
      (value) => value === "14,75",
    );

    // Within a sync interval the counter's pizza dialog shows the new price.
    await counter.page.getByRole("tab", { name: "Classique", exact: true }).click();
    await counter.page.getByRole("button", { name: /^Hawaïenne/ }).click();
    const dialog = counter.page.getByRole("dialog", { name: "Hawaïenne", exact: true });
    await dialog
      .getByRole("group", { name: "Taille" })
      .getByRole("radio", { name: /^M\s/ })
      .check();
    const livePrice = dialog.getByText(/^Prix :/);
    await waitFor(
      "the counter to pull the new price",
      async () => centsFrom(await textOf(livePrice)),
      (cents) => cents === NEW_CENTS,
      SYNC_TIMEOUT_MS,
    );
    // The dialog names the allergens the clerk reads out: dough and mozzarella.
    expect(await textOf(dialog.getByTestId("allergens"))).toBe(
      "Allergènes : Céréales contenant du gluten, Lait",
    );
    await dialog.getByRole("button", { name: "Annuler" }).click();

    const second = await takeCashOrder(counter.page, {
      items: [HAWAIIAN_M],
      tenderedCents: 2000,
      callNumber: 2,
    });
    expect(second.totalCents).toBe(NEW_CENTS);
    await waitForBadge(counter.page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);

    // In MySQL: the first order kept its price, the second has the new one, neither flagged.
    expect(await linesOf(1)).toEqual([
      { unit_price_cents: OLD_CENTS, total_cents: OLD_CENTS, order_total: OLD_CENTS, flags: "" },
    ]);
    expect(await linesOf(2)).toEqual([
      { unit_price_cents: NEW_CENTS, total_cents: NEW_CENTS, order_total: NEW_CENTS, flags: "" },
    ]);
    expect(counter.errors).toEqual([]);
    expect(manager.errors).toEqual([]);
    counterPage = counter.page;
  });

  it("the clerk gives 20 % on a line, a manager approves it, the ticket shows it", async () => {
    const page = counterPage;
    await addPizza(page, HAWAIIAN_M);
    await page.getByRole("button", { name: "Remise : Hawaïenne (M)" }).click();
    const dialog = page.getByRole("dialog", { name: "Remise : Hawaïenne (M)" });
    await dialog.getByLabel("Montant ou pourcentage").fill("20");
    await dialog.getByRole("button", { name: "Appliquer" }).click();
    // 20 % is above the counter's 10 %: a manager's PIN first.
    await approveAsManager(page);
    const discounted = NEW_CENTS - 295;
    await waitFor(
      "the discounted total",
      () => cartTotal(page),
      (c) => c === discounted,
    );

    await page.getByRole("button", { name: "Encaisser", exact: true }).click();
    const payment = page.getByRole("dialog", { name: "Encaissement" });
    await payment.getByRole("radio", { name: "Espèces", exact: true }).check();
    await payment.getByRole("button", { name: /^20\s€$/ }).click();
    await payment.getByRole("button", { name: "Valider", exact: true }).click();
    const ticket = page.getByRole("dialog", { name: "Ticket", exact: true });
    await ticket.waitFor();
    expect(await textOf(ticket)).toMatch(/Remise −2,95\s€/);
    await ticket.getByRole("button", { name: "Nouvelle commande" }).click();
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);

    const [rows] = await harness.sql.query<RowDataPacket[]>(
      "SELECT l.discount_cents, l.total_cents, o.flags, " +
        "LOWER(HEX(o.discount_approved_by_staff_id)) AS approver " +
        "FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.call_number = 3",
    );
    expect(rows).toEqual([
      {
        discount_cents: 295,
        total_cents: discounted,
        flags: "",
        approver: harness.staffIds.manager.replace(/-/g, ""),
      },
    ]);
  });
});
