/**
 * Menu changes end to end on a real database: the price in force at an
 * instant (a change scheduled ahead, across the spring DST change), a new
 * menu version on every change reaching a counter through pull and the
 * public menu at once, orders keeping the price they were taken at,
 * availability per store, allergens, and discounts flagged, never refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2";

import { newId, zonedTimeToEpochMs, type MenuSnapshot, type Order } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  createMutation,
  getPull,
  pairDevice,
  postPush,
  pushBody,
  type PairedDevice,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let clockMs = Date.UTC(2027, 2, 27, 12);
let app: TestDatabase["app"];

beforeAll(async () => {
  t = await createTestDatabase();
  app = t.makeApp({ now: () => clockMs });
});
afterAll(() => t?.drop());

async function menu(storeId?: string): Promise<MenuSnapshot> {
  const query = storeId ? `?storeId=${storeId}` : "";
  return (await (await app.request(`/api/v1/menu${query}`)).json()) as MenuSnapshot;
}

function priceOf(snapshot: MenuSnapshot, productId: string, size: string): number | undefined {
  return snapshot.products.find((p) => p.id === productId)?.sizes.find((s) => s.size === size)
    ?.priceCents;
}

async function admin(method: string, path: string, json: unknown): Promise<Response> {
  return app.request(path, {
    method,
    headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(json),
  });
}

const setPrice = (productId: string, size: string, priceCents: number, effectiveAt?: number) =>
  admin("PUT", `/api/v1/admin/menu/products/${productId}/prices`, {
    prices: [{ size, priceCents }],
    ...(effectiveAt !== undefined && { effectiveAt: new Date(effectiveAt).toISOString() }),
  });

async function lineRows(orderId: string) {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    "SELECT unit_price_cents, total_cents, discount_cents, flags FROM order_lines " +
      "WHERE order_id = UNHEX(REPLACE(?, '-', '')) ORDER BY line_no",
    [orderId],
  );
  return rows;
}

async function orderRow(orderId: string) {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    "SELECT total_cents, flags FROM orders WHERE id = UNHEX(REPLACE(?, '-', ''))",
    [orderId],
  );
  return rows[0];
}

describe("the price in force at an instant", () => {
  it("a change scheduled across the spring DST night takes effect by itself, to the ms", async () => {
    // 2027-03-28 03:00 in Paris is 01:00 UTC, just after the clocks jump from 02:00 to 03:00.
    const effectiveAt = zonedTimeToEpochMs("2027-03-28", "03:00", "Europe/Paris");
    expect(effectiveAt).toBe(Date.UTC(2027, 2, 28, 1));
    const before = await menu();
    const oldPrice = priceOf(before, "hawaiian", "M")!;

    expect((await setPrice("hawaiian", "M", oldPrice + 100, effectiveAt)).status).toBe(200);

    const scheduled = await menu();
    expect(scheduled.version).toBe(before.version);
    expect(priceOf(scheduled, "hawaiian", "M")).toBe(oldPrice);

    clockMs = effectiveAt - 1;
    expect(priceOf(await menu(), "hawaiian", "M")).toBe(oldPrice);

    clockMs = effectiveAt;
    const after = await menu();
    expect(after.version).toBe(before.version + 1);
    expect(priceOf(after, "hawaiian", "M")).toBe(oldPrice + 100);
    // The other sizes keep their price.
    expect(priceOf(after, "hawaiian", "S")).toBe(priceOf(before, "hawaiian", "S"));
  });

  it("the manager's page lists a change still to come, then no longer", async () => {
    const effectiveAt = clockMs + 86_400_000;
    await setPrice("pepperoni", "L", 1999, effectiveAt);
    const read = async () =>
      (await (await admin("GET", "/api/v1/admin/menu", undefined)).json()) as {
        scheduledPrices: { productId: string; effectiveAt: string }[];
      };
    expect((await read()).scheduledPrices).toContainEqual(
      expect.objectContaining({
        productId: "pepperoni",
        effectiveAt: new Date(effectiveAt).toISOString(),
      }),
    );
    clockMs = effectiveAt;
    expect((await read()).scheduledPrices.map((p) => p.productId)).not.toContain("pepperoni");
  });
});

describe("every change is a new menu version, pulled by the counters", () => {
  let device: PairedDevice;
  beforeAll(async () => {
    device = await pairDevice({ app, adminToken: t.adminToken }, "bastille");
  });

  it("a price changed now reaches a counter on its next pull and the public menu at once", async () => {
    const before = await menu();
    const firstPull = await getPull(app, device, { since: 0, menuVersion: before.version });
    expect(firstPull.body.menu).toBeUndefined();

    expect((await setPrice("the_greek", "XL", 3333)).status).toBe(200);

    const after = await menu();
    expect(after.version).toBe(before.version + 1);
    expect(priceOf(after, "the_greek", "XL")).toBe(3333);
    const pulled = await getPull(app, device, { since: 0, menuVersion: before.version });
    expect(pulled.body.menu.version).toBe(after.version);
    expect(priceOf(pulled.body.menu, "the_greek", "XL")).toBe(3333);
  });

  it("an order taken before a change keeps its price, pushed before or after it", async () => {
    const old = await menu();
    const oldPrice = priceOf(old, "mexicana", "M")!;
    const early = buildOrder(old, [{ productId: "mexicana", size: "M", quantity: 2 }], {
      createdAtMs: clockMs,
    });
    const late = buildOrder(old, [{ productId: "mexicana", size: "M" }], {
      createdAtMs: clockMs,
      callNumber: 2,
    });
    const pushed = await postPush(
      app,
      device,
      pushBody(device, [createMutation(1, early, { payments: [cashPayment(early.totalCents)] })]),
    );
    expect(pushed.body.results[0].outcome).toBe("applied");

    await setPrice("mexicana", "M", oldPrice + 250);

    // Taken offline before the change, pushed after: recorded at its price, flagged for a look.
    const offline = await postPush(app, device, pushBody(device, [createMutation(2, late)]));
    expect(offline.body.results[0]).toMatchObject({ outcome: "flagged", code: "price_mismatch" });
    expect((await lineRows(late.id))[0]).toMatchObject({ unit_price_cents: oldPrice });
    expect(await orderRow(late.id)).toMatchObject({ total_cents: oldPrice });

    const kept = await lineRows(early.id);
    expect(kept[0]).toMatchObject({ unit_price_cents: oldPrice, total_cents: oldPrice * 2 });
    const pulled = await getPull(app, device, { since: 0, menuVersion: 0 });
    const snapshot = pulled.body.orders.find((o: Order) => o.id === early.id);
    expect(snapshot.lines[0].unitPriceCents).toBe(oldPrice);
    expect(priceOf(pulled.body.menu, "mexicana", "M")).toBe(oldPrice + 250);
  });

  it("allergens changed are in the next version", async () => {
    const before = await menu();
    expect(before.products.find((p) => p.id === "hawaiian")?.allergens).toEqual(["gluten", "milk"]);
    const response = await admin("PUT", "/api/v1/admin/menu/products/hawaiian/allergens", {
      allergens: ["milk", "gluten", "celery"],
    });
    expect(response.status).toBe(200);
    const after = await menu();
    expect(after.version).toBe(before.version + 1);
    expect(after.products.find((p) => p.id === "hawaiian")?.allergens).toEqual([
      "gluten",
      "milk",
      "celery",
    ]);
  });

  it("a promotion created is in the next version", async () => {
    const before = await menu();
    const response = await admin("POST", "/api/v1/admin/menu/promotions", {
      nameFr: "Boissons -20 %",
      nameEn: "Drinks -20%",
      kind: "percent_off",
      percentBp: 2000,
      categoryIds: ["drinks"],
      startsOn: "2027-03-01",
      endsOn: "2027-12-31",
    });
    expect(response.status).toBe(201);
    const after = await menu();
    expect(after.version).toBe(before.version + 1);
    expect(after.promotions?.map((p) => p.nameEn)).toContain("Drinks -20%");
  });
});

describe("availability per store", () => {
  it("a product off in one store leaves that store's menu and its counters' pulls only", async () => {
    const deviceB = await pairDevice({ app, adminToken: t.adminToken }, "montmartre");
    const before = await menu();
    const off = await admin("PUT", "/api/v1/admin/menu/products/tiramisu/availability/montmartre", {
      available: false,
    });
    expect(off.status).toBe(200);

    const ids = (m: MenuSnapshot) => m.products.map((p) => p.id);
    expect(ids(await menu("montmartre"))).not.toContain("tiramisu");
    expect(ids(await menu("bastille"))).toContain("tiramisu");
    const whole = await menu();
    expect(whole.version).toBe(before.version + 1);
    expect(whole.products.find((p) => p.id === "tiramisu")?.unavailableStoreIds).toEqual([
      "montmartre",
    ]);
    const pulled = await getPull(app, deviceB, { since: 0, menuVersion: before.version });
    expect(ids(pulled.body.menu)).not.toContain("tiramisu");

    // Turning it off again changes nothing, so no new version.
    await admin("PUT", "/api/v1/admin/menu/products/tiramisu/availability/montmartre", {
      available: false,
    });
    expect((await menu()).version).toBe(whole.version);
    await admin("PUT", "/api/v1/admin/menu/products/tiramisu/availability/montmartre", {
      available: true,
    });
    expect(ids(await menu("montmartre"))).toContain("tiramisu");
  });
});

describe("discounts on a pushed sale", () => {
  let device: PairedDevice;
  let seq = 0;
  beforeAll(async () => {
    device = await pairDevice({ app, adminToken: t.adminToken }, "batignolles");
  });

  /** A takeaway pizza M x2 and a cola, with a discount shaped by `shape`. */
  async function pushDiscounted(shape: (order: Order) => Order, approvedByStaffId?: string) {
    const current = await menu();
    const order = shape(
      buildOrder(current, [
        { productId: "hawaiian", size: "M", quantity: 2 },
        { productId: "coca_cola_33", size: "U" },
      ]),
    );
    seq += 1;
    const mutation = {
      ...createMutation(seq, order),
      ...(approvedByStaffId && { approvedByStaffId }),
    };
    const pushed = await postPush(app, device, pushBody(device, [mutation]));
    return { order, result: pushed.body.results[0] };
  }

  /** 10 % or 20 % on the pizza line, written in as the counter does. */
  const linePercent =
    (bp: number) =>
    (order: Order): Order => {
      const [pizza, cola] = order.lines;
      const gross = pizza.unitPriceCents * pizza.quantity;
      const discountCents = Math.round((gross * bp) / 10_000);
      const lines = [
        { ...pizza, discount: { kind: "percent" as const, value: bp }, discountCents },
        cola,
      ];
      return { ...order, lines, totalCents: order.totalCents - discountCents };
    };

  it("10 % by a counter is within the limit: recorded net, VAT on the net", async () => {
    const { order, result } = await pushDiscounted(linePercent(1000));
    expect(result.outcome).toBe("applied");
    const [pizza] = await lineRows(order.id);
    expect(pizza.discount_cents).toBe(order.lines[0].discountCents);
    expect(pizza.total_cents).toBe(order.lines[0].unitPriceCents * 2 - pizza.discount_cents);
    expect((await orderRow(order.id)).total_cents).toBe(order.totalCents);
    const [vat] = await t.pool.query<RowDataPacket[]>(
      "SELECT rate_bp, total_cents, vat_cents FROM order_vat " +
        "WHERE order_id = UNHEX(REPLACE(?, '-', '')) ORDER BY rate_bp",
      [order.id],
    );
    expect(vat.map((r) => r.total_cents).reduce((a, b) => a + b, 0)).toBe(order.totalCents);
    const pizzaVat = vat.find((r) => r.rate_bp === 1000)!;
    expect(pizzaVat.vat_cents).toBe(Math.round((pizza.total_cents * 1000) / 11000));
  });

  it("20 % without a manager's approval is recorded and flagged discount_over_limit", async () => {
    const { order, result } = await pushDiscounted(linePercent(2000));
    expect(result).toMatchObject({ outcome: "flagged", code: "discount_over_limit" });
    expect((await orderRow(order.id)).total_cents).toBe(order.totalCents);
  });

  it("a discountCents the rules do not give is flagged discount_mismatch", async () => {
    const { result } = await pushDiscounted((order) => {
      const [pizza, cola] = order.lines;
      return {
        ...order,
        lines: [{ ...pizza, discountCents: 500 }, cola],
        totalCents: order.totalCents - 500,
      };
    });
    expect(result.outcome).toBe("flagged");
    expect(result.code).toContain("discount_mismatch");
  });

  it("20 % approved by someone unknown stays flagged over the limit", async () => {
    const { result } = await pushDiscounted(linePercent(2000), newId());
    expect(result.code).toContain("discount_over_limit");
    expect(result.code).toContain("unknown_staff");
  });
});

describe("products", () => {
  it("a new dessert is on the menu at once, with its price and VAT", async () => {
    const before = await menu();
    const created = await admin("POST", "/api/v1/admin/menu/products", {
      id: "cannoli",
      categoryId: "desserts",
      nameFr: "Cannoli siciliens",
      nameEn: "Sicilian cannoli",
      vat: { eat_in: 1000, takeaway: 550, delivery: 550 },
      sizes: [{ size: "U", priceCents: 450 }],
    });
    expect(created.status).toBe(201);
    const after = await menu();
    expect(after.version).toBe(before.version + 1);
    const cannoli = after.products.find((p) => p.id === "cannoli");
    expect(cannoli).toMatchObject({
      categoryId: "desserts",
      vat: { eat_in: 1000, takeaway: 550, delivery: 550 },
      sizes: [{ size: "U", priceCents: 450 }],
    });
    expect(cannoli!.sortOrder).toBeGreaterThan(
      Math.max(...before.products.map((p) => p.sortOrder)),
    );
  });

  it("a VAT change, a rename, then off the menu and back", async () => {
    const patch = (json: object) => admin("PATCH", "/api/v1/admin/menu/products/cannoli", json);
    expect((await patch({ vat: { eat_in: 2000, takeaway: 2000, delivery: 2000 } })).status).toBe(
      200,
    );
    expect((await patch({ nameFr: "Cannoli" })).status).toBe(200);
    const changed = (await menu()).products.find((p) => p.id === "cannoli");
    expect(changed).toMatchObject({ nameFr: "Cannoli", vat: { takeaway: 2000 } });

    expect((await patch({ active: false })).status).toBe(200);
    expect((await menu()).products.map((p) => p.id)).not.toContain("cannoli");
    const page = (await (await admin("GET", "/api/v1/admin/menu", undefined)).json()) as {
      inactiveProducts: { id: string }[];
    };
    expect(page.inactiveProducts.map((p) => p.id)).toEqual(["cannoli"]);
    expect((await patch({ active: true })).status).toBe(200);
    expect((await menu()).products.map((p) => p.id)).toContain("cannoli");
  });
});
