/**
 * The sales dashboard against the Pizza Place data replayed through the sync
 * API: January in one store (takeaway) and June in another (eat-in). Every
 * expected figure is computed here from the CSV files and the menu's VAT
 * rates, never copied from an output.
 */
import { serve, type ServerType } from "@hono/node-server";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, SalesDashboard, SalesRow } from "@ocpizza/schema";

import { callApi, REPO_ROOT } from "../cli/api-client.js";
import { replay } from "../cli/replay-run.js";
import { parseCsvValues } from "../csv.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

const data = join(REPO_ROOT, "sync-server/data/pizza-place");
let t: TestDatabase;
let server: ServerType;
let base: string;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase();
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve(info.port),
    );
  });
  base = `http://127.0.0.1:${port}`;
  const folder = mkdtempSync(join(tmpdir(), "ocp-dashboard-"));
  const common = { server: base, devices: 2, batchSize: 200, adminToken: t.adminToken };
  for (const [storeId, month, mode] of [
    ["bastille", "01", "takeaway"],
    ["montmartre", "06", "eat_in"],
  ] as const) {
    const summary = await replay({
      ...common,
      storeId,
      mode,
      ordersFile: join(data, `orders-2015-${month}.csv`),
      detailsFile: join(data, `order_details-2015-${month}.csv`),
      deviceFile: join(folder, `${storeId}.json`),
    });
    expect(summary.problems).toEqual([]);
  }
  menu = await callApi<MenuSnapshot>(base, "/api/v1/menu");
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

async function dashboard(query: Record<string, string>): Promise<SalesDashboard> {
  const params = new URLSearchParams(query);
  return callApi<SalesDashboard>(base, `/api/v1/reports/dashboard?${params}`, {
    token: t.adminToken,
  });
}

// ---- What the CSV files say, computed here ----

interface Figures {
  orders: number;
  items: number;
  salesCents: number;
}

interface Expected {
  total: Figures & { lines: number; vatCents: number };
  byDay: Map<string, Figures>;
  byHour: Map<string, Figures>;
  byProduct: Map<string, Figures>;
  bySize: Map<string, Figures>;
  byCategory: Map<string, Figures>;
  newestOrderAtMs: number;
}

/** From the data set's files, for business days from..to (closing hour 04:00, Paris). */
function expectedFromCsv(month: string, from: string, to: string, vatBp: number): Expected {
  const pizzas = new Map(
    parseCsvValues(readFileSync(join(data, "pizzas.csv"), "utf8")).map((p) => [
      p.pizza_id,
      { type: p.pizza_type_id, size: p.size, priceCents: Math.round(Number(p.price) * 100) },
    ]),
  );
  const categoryOf = new Map(
    parseCsvValues(readFileSync(join(data, "pizza_types.csv"), "utf8")).map((p) => [
      p.pizza_type_id,
      p.category,
    ]),
  );
  const orderRows = parseCsvValues(readFileSync(join(data, `orders-2015-${month}.csv`), "utf8"));
  const detailRows = parseCsvValues(
    readFileSync(join(data, `order_details-2015-${month}.csv`), "utf8"),
  );
  const when = new Map(orderRows.map((o) => [o.order_id, o]));
  const linesOf = new Map<string, typeof detailRows>();
  for (const line of detailRows) {
    linesOf.set(line.order_id, [...(linesOf.get(line.order_id) ?? []), line]);
  }

  const expected: Expected = {
    total: { orders: 0, items: 0, salesCents: 0, lines: 0, vatCents: 0 },
    byDay: new Map(),
    byHour: new Map(),
    byProduct: new Map(),
    bySize: new Map(),
    byCategory: new Map(),
    newestOrderAtMs: 0,
  };
  for (const [orderId, lines] of linesOf) {
    const { date, time } = when.get(orderId)!;
    const day = businessDayOf(date.replaceAll("/", "-"), time);
    if (day < from || day > to) continue;
    const hour = time.padStart(8, "0").slice(0, 2);
    let orderCents = 0;
    let orderItems = 0;
    const seen = { product: new Set<string>(), size: new Set<string>(), cat: new Set<string>() };
    for (const line of lines) {
      const pizza = pizzas.get(line.pizza_id)!;
      const quantity = Number(line.quantity);
      const cents = pizza.priceCents * quantity;
      orderCents += cents;
      orderItems += quantity;
      const category = categoryOf.get(pizza.type)!;
      add(expected.byProduct, pizza.type, seen.product, quantity, cents);
      add(expected.bySize, pizza.size, seen.size, quantity, cents);
      add(expected.byCategory, category, seen.cat, quantity, cents);
    }
    const figures = { orders: 1, items: orderItems, salesCents: orderCents };
    addFigures(expected.total, figures);
    expected.total.lines += lines.length;
    expected.total.vatCents += vatOf(orderCents, vatBp);
    addFigures(mapEntry(expected.byDay, day), figures);
    addFigures(mapEntry(expected.byHour, hour), figures);
    // January and June 2015 are in winter and summer time: UTC+1 and UTC+2.
    const offset = month === "01" ? "+01:00" : "+02:00";
    const atMs = Date.parse(`${date.replaceAll("/", "-")}T${time.padStart(8, "0")}${offset}`);
    expected.newestOrderAtMs = Math.max(expected.newestOrderAtMs, atMs);
  }
  return expected;
}

function businessDayOf(date: string, time: string): string {
  if (time.padStart(8, "0") >= "04:00:00") return date;
  const previous = new Date(`${date}T00:00:00Z`);
  previous.setUTCDate(previous.getUTCDate() - 1);
  return previous.toISOString().slice(0, 10);
}

/** VAT in a tax-included amount, rounded half away from zero. */
function vatOf(totalCents: number, rateBp: number): number {
  return Math.round((totalCents * rateBp) / (10_000 + rateBp));
}

function mapEntry(map: Map<string, Figures>, key: string): Figures {
  if (!map.has(key)) map.set(key, { orders: 0, items: 0, salesCents: 0 });
  return map.get(key)!;
}

function addFigures(target: Figures, figures: Figures): void {
  target.orders += figures.orders;
  target.items += figures.items;
  target.salesCents += figures.salesCents;
}

/** A line's figures; the order counts once per key however many lines it has there. */
function add(map: Map<string, Figures>, key: string, seen: Set<string>, qty: number, c: number) {
  const entry = mapEntry(map, key);
  if (!seen.has(key)) entry.orders += 1;
  seen.add(key);
  entry.items += qty;
  entry.salesCents += c;
}

function asMap(rows: SalesRow[], keyOf: (row: SalesRow) => string = (r) => r.key) {
  return new Map(
    rows.map((r) => [keyOf(r), { orders: r.orders, items: r.items, salesCents: r.salesCents }]),
  );
}

type Summed = { salesCents: number; items: number };
function sum(rows: readonly Summed[], field: keyof Summed): number {
  return rows.reduce((total, row) => total + (row[field] ?? 0), 0);
}

function productVat(mode: "takeaway" | "eat_in"): number {
  const pizzaTypes = new Set(
    parseCsvValues(readFileSync(join(data, "pizza_types.csv"), "utf8")).map((p) => p.pizza_type_id),
  );
  const rates = new Set(menu.products.filter((p) => pizzaTypes.has(p.id)).map((p) => p.vat[mode]));
  expect(rates.size).toBe(1); // one rate for every pizza, so an order's VAT is one rounding
  return [...rates][0];
}

// ---- The tests ----

describe("the sales dashboard on the replayed Pizza Place data", () => {
  it("gives January of one store to the cent, in every breakdown", async () => {
    const expected = expectedFromCsv("01", "2015-01-01", "2015-01-31", productVat("takeaway"));
    const report = await dashboard({ from: "2015-01-01", to: "2015-01-31", storeId: "bastille" });

    expect(report.totals).toMatchObject({
      orders: expected.total.orders,
      lines: expected.total.lines,
      items: expected.total.items,
      salesCents: expected.total.salesCents,
      creditNotes: 0,
      revenueCents: expected.total.salesCents,
      vatCents: expected.total.vatCents,
      revenueExVatCents: expected.total.salesCents - expected.total.vatCents,
      averageTicketCents: Math.round(expected.total.salesCents / expected.total.orders),
    });
    expect(asMap(report.byDay)).toEqual(expected.byDay);
    expect(asMap(report.byHour)).toEqual(expected.byHour);
    expect(asMap(report.byProduct)).toEqual(expected.byProduct);
    expect(asMap(report.bySize)).toEqual(expected.bySize);
    expect(asMap(report.byCategory, (r) => r.labelEn)).toEqual(expected.byCategory);
    expect(report.byStore.map((r) => [r.key, r.salesCents])).toEqual([
      ["bastille", expected.total.salesCents],
    ]);
  });

  it("adds every breakdown up to the totals, for all stores", async () => {
    const report = await dashboard({ from: "2015-01-01", to: "2015-06-30" });
    const { totals } = report;
    const january = expectedFromCsv("01", "2015-01-01", "2015-06-30", productVat("takeaway"));
    const june = expectedFromCsv("06", "2015-01-01", "2015-06-30", productVat("eat_in"));
    expect(totals.salesCents).toBe(january.total.salesCents + june.total.salesCents);
    expect(totals.orders).toBe(january.total.orders + june.total.orders);
    expect(totals.vatCents).toBe(january.total.vatCents + june.total.vatCents);

    for (const rows of [report.byStore, report.byDay, report.byHour, report.byChannel]) {
      expect(sum(rows, "salesCents")).toBe(totals.salesCents);
      expect(sum(rows, "items")).toBe(totals.items);
      expect(rows.reduce((n, r) => n + r.orders, 0)).toBe(totals.orders);
    }
    for (const rows of [report.byProduct, report.bySize, report.byCategory]) {
      expect(sum(rows, "salesCents")).toBe(totals.salesCents);
      expect(sum(rows, "items")).toBe(totals.items);
    }
    expect(sum(report.byServiceMode, "salesCents")).toBe(totals.salesCents);
    expect(report.byServiceMode.map((r) => [r.key, r.salesCents]).sort()).toEqual([
      ["eat_in", june.total.salesCents],
      ["takeaway", january.total.salesCents],
    ]);
    expect(report.byPaymentMethod).toEqual([
      { key: "cash", payments: totals.orders, amountCents: totals.salesCents },
    ]);
    expect(report.vatByRate.reduce((n, r) => n + r.revenueCents, 0)).toBe(totals.revenueCents);
    expect(report.vatByRate.reduce((n, r) => n + r.vatCents, 0)).toBe(totals.vatCents);
    expect(report.byStore.map((r) => r.key).sort()).toEqual(["bastille", "montmartre"]);
  });

  it("compares with the previous period of the same length", async () => {
    const vat = productVat("takeaway");
    const report = await dashboard({ from: "2015-01-16", to: "2015-01-31", storeId: "bastille" });
    const now = expectedFromCsv("01", "2015-01-16", "2015-01-31", vat);
    const before = expectedFromCsv("01", "2014-12-31", "2015-01-15", vat);

    expect(report.previous.from).toBe("2014-12-31");
    expect(report.previous.to).toBe("2015-01-15");
    expect(report.totals.salesCents).toBe(now.total.salesCents);
    expect(report.previous.totals).toMatchObject({
      orders: before.total.orders,
      items: before.total.items,
      salesCents: before.total.salesCents,
      vatCents: before.total.vatCents,
    });
  });

  it("says how fresh the figures are", async () => {
    const january = expectedFromCsv("01", "2015-01-01", "2015-01-31", productVat("takeaway"));
    const report = await dashboard({ from: "2015-01-01", to: "2015-01-31", storeId: "bastille" });
    expect(report.freshness.newestOrderAtMs).toBe(january.newestOrderAtMs);
    expect(report.freshness.unsyncedDevices).toEqual([]);
    expect(report.freshness.lastContactAtMs).toBeGreaterThan(Date.now() - 600_000);
  });

  it("exports the same figures as CSV (; and decimal comma)", async () => {
    const query = new URLSearchParams({ from: "2015-01-01", to: "2015-06-30", format: "csv" });
    const response = await fetch(`${base}/api/v1/reports/dashboard?${query}`, {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const report = await dashboard({ from: "2015-01-01", to: "2015-06-30" });
    const rows = (await response.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n")
      .map((line) => line.split(";"));
    expect(rows[0]).toEqual([
      "section",
      "key",
      "label",
      "orders",
      "items",
      "sales_eur",
      "credit_notes_eur",
      "revenue_eur",
      "vat_eur",
    ]);
    const cents = (text: string) => Math.round(Number(text.replace(",", ".")) * 100);
    const total = rows.find((r) => r[0] === "total")!;
    expect(cents(total[5])).toBe(report.totals.salesCents);
    expect(cents(total[8])).toBe(report.totals.vatCents);
    for (const section of ["store", "day", "hour", "product", "size", "category", "channel"]) {
      const lines = rows.filter((r) => r[0] === section);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.reduce((n, r) => n + cents(r[5]), 0)).toBe(report.totals.salesCents);
    }
  });
});
