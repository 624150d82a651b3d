/**
 * The kitchen and a delivery end to end in Chromium: a phone order for
 * delivery taken at the counter appears on the kitchen tab beside it (same
 * tablet, same local database), its pizza is moved to ready, it is assigned
 * to a driver, goes out and is delivered with the cash collected; the
 * server ends with the order handed over, the delivery paid, the stock down
 * by the recipe, and the driver's cash settled.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import {
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  addPizza,
  collectPageErrors,
  pairCounter,
  textOf,
  waitFor,
} from "./support/counter.js";
import {
  E2E_CLERK,
  E2E_MANAGER,
  useHarnessAndBrowser,
  type Harness,
  type StaffSpec,
} from "./support/harness.js";

const DRIVER: StaffSpec = { name: "Lou Bernard", role: "driver", pin: "5173" };
const PIZZA = { category: "Suprême", name: "Calabraise", size: "L" };
const CUSTOMER = "Nadia Kitchen";

interface RecipeItem {
  ingredientId: string;
  quantity: number;
}

describe("kitchen and delivery", () => {
  let harness: Harness;
  let browser: Browser;

  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)));

  async function admin(method: string, path: string, body?: unknown) {
    const response = await fetch(`${harness.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${harness.adminToken}`,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok).toBe(true);
    return response.json();
  }

  /** The recipe of the test pizza in its size, from the server's menu. */
  async function recipe(): Promise<RecipeItem[]> {
    const menu = (await (await fetch(`${harness.server.url}/api/v1/menu`)).json()) as {
      products: { id: string; nameFr: string }[];
      recipes: (RecipeItem & { productId: string; size: string })[];
    };
    const product = menu.products.find((p) => p.nameFr === PIZZA.name)!;
    return menu.recipes.filter((r) => r.productId === product.id && r.size === PIZZA.size);
  }

  async function stockOf(ingredientId: string): Promise<number> {
    const [rows] = await harness.sql.query(
      "SELECT l.initial_quantity + COALESCE(SUM(m.quantity), 0) AS q FROM stock_levels l " +
        "LEFT JOIN stock_movements m ON m.store_id = l.store_id AND " +
        "m.ingredient_id = l.ingredient_id WHERE l.store_id = 'bastille' AND l.ingredient_id = ? " +
        "GROUP BY l.initial_quantity",
      [ingredientId],
    );
    return Number((rows as { q: string }[])[0].q);
  }

  async function takeDeliveryOrder(counter: Page): Promise<void> {
    await counter.getByRole("radio", { name: "Téléphone", exact: true }).check();
    await counter.getByRole("radio", { name: "Livraison", exact: true }).check();
    await counter.getByLabel("Nom du client").fill(CUSTOMER);
    await counter.getByLabel("Téléphone du client").fill("06 12 34 56 78");
    await counter.getByLabel("Adresse de livraison").fill("12 rue de Lappe, 75011 Paris");
    await counter.getByLabel("Instructions de livraison").fill("2e étage, code 1234");
    await addPizza(counter, PIZZA);
    await counter.getByRole("button", { name: "Enregistrer sans payer" }).click();
    const opening = counter.getByRole("dialog", { name: "Ouvrir la caisse" });
    await opening.getByLabel("Fond de caisse").fill("150,00");
    await opening.getByRole("button", { name: "Ouvrir la caisse" }).click();
    await opening.waitFor({ state: "detached" });
  }

  it("takes the order to the kitchen, to the driver and to the customer", async () => {
    const driverId = await harness.createStaff({ ...DRIVER, storeIds: ["bastille"] });
    const items = await recipe();
    expect(items.length).toBeGreaterThan(1);
    await admin("POST", "/api/v1/admin/stores/bastille/stock/deliveries", {
      reference: crypto.randomUUID(),
      items: items.map((item) => ({
        ingredientId: item.ingredientId,
        quantity: 3 * item.quantity,
      })),
    });

    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const counter = await context.newPage();
    counter.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    const errors = collectPageErrors(counter);
    await pairCounter(counter, harness.server.url, await harness.pairingCode(), "Comptoir", [
      E2E_MANAGER,
      DRIVER,
      E2E_CLERK,
    ]);

    // The kitchen: a second tab of the same tablet, fed by the same local database.
    const kitchen = await context.newPage();
    kitchen.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    await kitchen.goto(`${harness.server.url}/kitchen`);
    await kitchen.getByRole("heading", { name: "Cuisine" }).waitFor();
    await kitchen.getByText("Rien à préparer.").waitFor();

    await takeDeliveryOrder(counter);
    const ticketOnKitchen = kitchen.locator("li.kitchen-order").filter({ hasText: PIZZA.name });
    await ticketOnKitchen.locator(".kitchen-recipe").waitFor();
    expect(await textOf(ticketOnKitchen)).toContain("Livraison");
    for (const item of items.slice(0, 1)) {
      expect(await textOf(ticketOnKitchen)).toContain(`${item.quantity} `);
    }
    for (const step of ["Commencer", "Au four", "Prête"]) {
      await ticketOnKitchen.getByRole("button", { name: step, exact: true }).click();
    }
    await kitchen.getByText("Rien à préparer.").waitFor();

    // Delivery: assigned to the driver, out, delivered with the cash collected.
    await kitchen.goto(`${harness.server.url}/delivery`);
    const card = kitchen.locator("li.delivery-card").filter({ hasText: CUSTOMER });
    await card.waitFor();
    const due = await textOf(card.getByText(/^À encaisser/));
    expect(await textOf(card)).toContain("2e étage, code 1234");
    const mapsLink = await card
      .getByRole("link", { name: "Itinéraire Google Maps" })
      .getAttribute("href");
    expect(mapsLink).toMatch(/^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&/);
    await card.getByLabel("Livreur").selectOption({ label: DRIVER.name });
    await card.getByRole("button", { name: "Attribuer" }).click();
    await card.getByRole("button", { name: "Partir" }).click();
    const cashField = card.getByLabel("Espèces encaissées");
    const cashText = await cashField.inputValue();
    expect(due).toContain(cashText.replace(".", ","));
    await card.getByRole("button", { name: "Livrée" }).click();
    await card.waitFor({ state: "detached" });

    // The server: handed over, delivered with its cash, the lines ready, the stock down.
    const order = await waitFor(
      "the delivered order on the server",
      async () => {
        const [rows] = await harness.sql.query(
          "SELECT o.status, o.total_cents, o.paid_cents, d.status AS delivery, " +
            "d.cash_collected_cents, LOWER(HEX(d.driver_staff_id)) AS driver FROM orders o " +
            "LEFT JOIN delivery_assignments d ON d.order_id = o.id WHERE o.customer_name = ?",
          [CUSTOMER],
        );
        return (rows as Record<string, unknown>[])[0];
      },
      (row) => row?.status === "completed" && row?.delivery === "delivered",
      SYNC_TIMEOUT_MS,
    );
    expect(order.paid_cents).toBe(order.total_cents);
    expect(order.cash_collected_cents).toBe(order.total_cents);
    expect(order.driver).toBe(driverId.replace(/-/g, ""));
    const [prepRows] = await harness.sql.query(
      "SELECT status FROM line_preparation WHERE order_id = " +
        "(SELECT id FROM orders WHERE customer_name = ?)",
      [CUSTOMER],
    );
    expect((prepRows as { status: string }[]).map((r) => r.status)).toEqual(["ready"]);
    for (const item of items) expect(await stockOf(item.ingredientId)).toBe(2 * item.quantity);

    // End of shift: the driver hands in the cash; the difference is zero.
    const panel = kitchen.getByRole("region", { name: "Caisse des livreurs" });
    await panel.getByLabel("Livreur").selectOption({ label: DRIVER.name });
    await panel.getByText(/^Attendu/).waitFor();
    await panel.getByLabel("Espèces remises").fill(cashText.replace(".", ","));
    await panel.getByRole("button", { name: "Clôturer" }).click();
    await panel.getByRole("status").waitFor();
    expect(await textOf(panel.getByRole("status"))).toMatch(/Écart : 0,00/);
    const [settlements] = await harness.sql.query(
      "SELECT deliveries, expected_cents, difference_cents FROM driver_settlements",
    );
    expect(settlements).toEqual([
      { deliveries: 1, expected_cents: order.total_cents, difference_cents: 0 },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows an order on a kitchen tablet of its own within two seconds of the server", async () => {
    const counterContext = await browser.newContext({
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
    });
    const kitchenContext = await browser.newContext({
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
    });
    const counter = await counterContext.newPage();
    const kitchen = await kitchenContext.newPage();
    counter.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    kitchen.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    await pairCounter(counter, harness.server.url, await harness.pairingCode(), "Comptoir 2");
    await pairCounter(kitchen, harness.server.url, await harness.pairingCode(), "Cuisine", []);
    await kitchen.goto(`${harness.server.url}/kitchen`);
    await kitchen.getByRole("heading", { name: "Cuisine" }).waitFor();
    const customer = "Marc Tablette";

    await counter.getByRole("radio", { name: "Téléphone", exact: true }).check();
    await counter.getByLabel("Nom du client").fill(customer);
    await counter.getByLabel("Téléphone du client").fill("06 98 76 54 32");
    await addPizza(counter, PIZZA);
    await counter.getByRole("button", { name: "Enregistrer sans payer" }).click();
    const opening = counter.getByRole("dialog", { name: "Ouvrir la caisse" });
    await opening.getByLabel("Fond de caisse").fill("150,00");
    await opening.getByRole("button", { name: "Ouvrir la caisse" }).click();

    // From the moment the server holds the order, the kitchen tablet has two seconds.
    await waitFor(
      "the order on the server",
      async () => {
        const [rows] = await harness.sql.query("SELECT id FROM orders WHERE customer_name = ?", [
          customer,
        ]);
        return (rows as unknown[]).length;
      },
      (count) => count === 1,
      SYNC_TIMEOUT_MS,
    );
    const onServerAt = Date.now();
    await kitchen
      .locator("li.kitchen-order")
      .filter({ hasText: PIZZA.name })
      .waitFor({ timeout: 5_000 });
    expect(Date.now() - onServerAt).toBeLessThan(2_000);
    await counterContext.close();
    await kitchenContext.close();
  });
});
