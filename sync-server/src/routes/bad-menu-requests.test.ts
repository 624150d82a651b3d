/**
 * Bad requests to the menu endpoints: each gets 400 (or 404) naming the
 * field, and nothing is written: no price, allergen, availability,
 * promotion, limit or menu version row, and no sale row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2";

import { countRows } from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

const MENU_TABLES = [
  "menu_versions",
  "price_changes",
  "product_allergens",
  "product_unavailability",
  "promotions",
  "discount_limits",
];

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(
    "INSERT INTO promotions (id, name_fr, name_en, kind, percent_bp, starts_on, ends_on, " +
      "created_at) VALUES ('promo-known', 'A', 'A', 'percent_off', 1000, '2027-01-01', " +
      "'2027-01-31', NOW(3))",
  );
});
afterAll(() => t?.drop());

async function menuRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of MENU_TABLES) {
    const [rows] = await t.pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${table}\``);
    counts[table] = Number(rows[0].n);
  }
  return { ...counts, ...(await countRows(t.pool)) };
}

const HOUR = 3_600_000;
const prices = (body: unknown, product = "hawaiian") => ({
  method: "PUT",
  path: `/api/v1/admin/menu/products/${product}/prices`,
  body,
});
const allergens = (body: unknown, product = "hawaiian") => ({
  method: "PUT",
  path: `/api/v1/admin/menu/products/${product}/allergens`,
  body,
});
const availability = (body: unknown, store = "bastille", product = "tiramisu") => ({
  method: "PUT",
  path: `/api/v1/admin/menu/products/${product}/availability/${store}`,
  body,
});
const promotion = (change: object) => ({
  method: "POST",
  path: "/api/v1/admin/menu/promotions",
  body: {
    nameFr: "Mardi",
    nameEn: "Tuesday",
    kind: "second_item",
    percentBp: 5000,
    startsOn: "2027-01-01",
    endsOn: "2027-12-31",
    ...change,
  },
});
const limits = (body: unknown) => ({
  method: "PUT",
  path: "/api/v1/admin/menu/discount-limits",
  body,
});
const iso = (ms: number) => new Date(ms).toISOString();

const newProduct = (change: object) => ({
  method: "POST",
  path: "/api/v1/admin/menu/products",
  body: {
    id: "cannoli",
    categoryId: "desserts",
    nameFr: "Cannoli",
    nameEn: "Cannoli",
    vat: { eat_in: 1000, takeaway: 550, delivery: 550 },
    sizes: [{ size: "U", priceCents: 450 }],
    ...change,
  },
});
const productChange = (body: unknown, product = "hawaiian") => ({
  method: "PATCH",
  path: `/api/v1/admin/menu/products/${product}`,
  body,
});

type Case = [string, { method: string; path: string; body: unknown }, number, RegExp];

const cases: Case[] = [
  ["a negative price", prices({ prices: [{ size: "M", priceCents: -1 }] }), 400, /priceCents/],
  [
    "a price above the largest amount",
    prices({ prices: [{ size: "M", priceCents: 10_000_001 }] }),
    400,
    /priceCents/,
  ],
  ["a price in euros", prices({ prices: [{ size: "M", priceCents: 13.25 }] }), 400, /priceCents/],
  ["a size the product lacks", prices({ prices: [{ size: "U", priceCents: 100 }] }), 400, /size/],
  ["no price at all", prices({ prices: [] }), 400, /prices/],
  [
    "two prices for one size",
    prices({
      prices: [
        { size: "M", priceCents: 1500 },
        { size: "M", priceCents: 1600 },
      ],
    }),
    400,
    /prices/,
  ],
  [
    "a date that is not a date",
    prices({ prices: [{ size: "M", priceCents: 1500 }], effectiveAt: "2027-02-30T25:00:00Z" }),
    400,
    /effectiveAt/,
  ],
  [
    "a price change in the past",
    prices({ prices: [{ size: "M", priceCents: 1500 }], effectiveAt: iso(Date.now() - 24 * HOUR) }),
    400,
    /effectiveAt/,
  ],
  [
    "a price change two years ahead",
    prices({
      prices: [{ size: "M", priceCents: 1500 }],
      effectiveAt: iso(Date.now() + 2 * 366 * 24 * HOUR),
    }),
    400,
    /effectiveAt/,
  ],
  [
    "an unknown product",
    prices({ prices: [{ size: "M", priceCents: 1500 }] }, "margherita_x"),
    404,
    /margherita_x/,
  ],
  [
    "a hostile product id",
    prices({ prices: [{ size: "M", priceCents: 1500 }] }, "%3Cscript%3E"),
    404,
    /Product/,
  ],
  ["an unknown allergen", allergens({ allergens: ["gluten", "pollen"] }), 400, /allergens\.1/],
  ["allergens not a list", allergens({ allergens: "milk" }), 400, /allergens/],
  [
    "a hostile allergen",
    allergens({ allergens: ["<img src=x onerror=alert(1)>"] }),
    400,
    /allergens\.0/,
  ],
  ["availability not a boolean", availability({ available: "no" }), 400, /available/],
  [
    "availability in an unknown store",
    availability({ available: false }, "nowhere"),
    404,
    /nowhere/,
  ],
  ["a promotion ending before it starts", promotion({ endsOn: "2026-12-31" }), 400, /endsOn/],
  ["a promotion on 31 February", promotion({ startsOn: "2027-02-31" }), 400, /startsOn/],
  ["a promotion above 100 %", promotion({ percentBp: 10_001 }), 400, /percentBp/],
  ["a promotion of an unknown kind", promotion({ kind: "free_beer" }), 400, /kind/],
  ["a promotion with markup in its name", promotion({ nameFr: "<b>Promo</b>" }), 400, /nameFr/],
  ["a promotion with a weekday 0", promotion({ weekdays: [0] }), 400, /weekdays/],
  [
    "a discount limit above 100 %",
    limits({ counter: 10_001, pizzaiolo: 0, driver: 0 }),
    400,
    /counter/,
  ],
  [
    "a change to an unknown promotion",
    { ...promotion({}), method: "PUT", path: "/api/v1/admin/menu/promotions/promo-nope" },
    404,
    /promo-nope/,
  ],
  [
    "a change to a promotion with a bad date",
    {
      ...promotion({ endsOn: "31/12/2027" }),
      method: "PUT",
      path: "/api/v1/admin/menu/promotions/promo-known",
    },
    400,
    /endsOn/,
  ],
  ["a new product with an id in use", newProduct({ id: "hawaiian" }), 400, /id/],
  ["a new product with a hostile id", newProduct({ id: "<svg onload=x>" }), 400, /id/],
  ["a new product in no category", newProduct({ categoryId: "starters" }), 400, /categoryId/],
  [
    "a new product at 7 % VAT",
    newProduct({ vat: { eat_in: 700, takeaway: 550, delivery: 550 } }),
    400,
    /vat\.eat_in/,
  ],
  [
    "a new product with a negative price",
    newProduct({ sizes: [{ size: "U", priceCents: -5 }] }),
    400,
    /priceCents/,
  ],
  [
    "a new product with one size twice",
    newProduct({
      sizes: [
        { size: "U", priceCents: 5 },
        { size: "U", priceCents: 6 },
      ],
    }),
    400,
    /sizes/,
  ],
  ["a new product named with markup", newProduct({ nameEn: "<script>x</script>" }), 400, /nameEn/],
  ["a product change that changes nothing", productChange({}), 400, /at least one/],
  ["a product moved to no category", productChange({ categoryId: "starters" }), 400, /categoryId/],
  [
    "a product change of an unknown product",
    productChange({ active: false }, "calzone"),
    404,
    /calzone/,
  ],
  ["a product renamed to nothing", productChange({ nameFr: "   " }), 400, /nameFr/],
  ["a negative discount limit", limits({ counter: -5, pizzaiolo: 0, driver: 0 }), 400, /counter/],
];

describe("bad menu requests", () => {
  it.each(cases)("%s -> %i naming the field, nothing written", async (_, req, status, field) => {
    const before = await menuRows();

    const response = await t.app.request(req.path, {
      method: req.method,
      headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify(req.body),
    });
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(status);
    expect(body.error.code).toBe(status === 404 ? "not_found" : "invalid_message");
    expect(body.error.message).toMatch(field);
    expect(await menuRows()).toEqual(before);
  });

  it("a good request of the same shape does write (the runner can see a write)", async () => {
    const before = await menuRows();
    const response = await t.app.request("/api/v1/admin/menu/products/hawaiian/allergens", {
      method: "PUT",
      headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ allergens: ["gluten"] }),
    });
    expect(response.status).toBe(200);
    expect((await menuRows()).menu_versions).toBe(before.menu_versions + 1);
  });
});
