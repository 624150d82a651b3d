/**
 * The daily sums behind the dashboard follow the orders: a late sale of a
 * past day, a cancelled or training order, a local hour across the spring
 * clock change, a restored backup; and summing twice changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, Order, SalesDashboard } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
  statusMutation,
  type PairedDevice,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { refreshSalesSummary } from "./sales-summary.js";

let t: TestDatabase;
let menu: MenuSnapshot;
let device: PairedDevice;
let seq = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  device = await pairDevice(t, "bastille");
});

afterAll(async () => {
  await t?.drop();
});

/** A paid, handed-over counter sale at an instant. */
function sale(atIso: string, quantity = 1): Order {
  const items = [{ productId: "hawaiian", size: "M", quantity }];
  return buildOrder(menu, items, { createdAtMs: Date.parse(atIso) });
}

async function push(mutations: unknown[]): Promise<void> {
  const response = await postPush(t.app, device, pushBody(device, mutations));
  expect(response.status).toBe(200);
}

async function pushSale(order: Order): Promise<void> {
  seq += 1;
  await push([
    createMutation(seq, order, { payments: [cashPayment(order.totalCents)], status: "completed" }),
  ]);
}

async function dashboard(from: string, to = from): Promise<SalesDashboard> {
  const query = new URLSearchParams({ from, to, storeId: "bastille" });
  const response = await t.app.request(`/api/v1/reports/dashboard?${query}`, {
    headers: { authorization: `Bearer ${t.adminToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SalesDashboard;
}

describe("the dashboard's daily sums", () => {
  it("counts a sale of a past day that arrives late", async () => {
    const first = sale("2025-03-10T11:00:00Z");
    await pushSale(first);
    expect((await dashboard("2025-03-10")).totals.salesCents).toBe(first.totalCents);

    const late = sale("2025-03-10T19:30:00Z", 2);
    await pushSale(late);
    const after = await dashboard("2025-03-10");
    expect(after.totals.orders).toBe(2);
    expect(after.totals.salesCents).toBe(first.totalCents + late.totalCents);
    expect(after.byHour.map((h) => [h.key, h.orders])).toEqual([
      ["12", 1],
      ["20", 1],
    ]);
  });

  it("leaves out cancelled and training orders", async () => {
    const kept = sale("2025-03-11T12:00:00Z");
    await pushSale(kept);
    const training = { ...sale("2025-03-11T12:05:00Z"), training: true };
    await pushSale(training);
    const cancelled = sale("2025-03-11T12:10:00Z");
    seq += 1;
    await push([createMutation(seq, cancelled)]);
    expect((await dashboard("2025-03-11")).totals.orders).toBe(2);
    seq += 1;
    await push([statusMutation(seq, cancelled.id, "cancelled")]);

    const report = await dashboard("2025-03-11");
    expect(report.totals).toMatchObject({ orders: 1, salesCents: kept.totalCents });
    expect(report.byProduct.map((p) => [p.key, p.orders, p.items])).toEqual([["hawaiian", 1, 1]]);
  });

  it("gives each sale its local hour across the spring clock change", async () => {
    // 29 March 2025, 00:30 in Paris (winter time), and 30 March 03:30 (summer time):
    // both before the 04:00 closing, so both on the business day of 29 March.
    await pushSale(sale("2025-03-29T23:30:00Z"));
    await pushSale(sale("2025-03-30T01:30:00Z"));
    const report = await dashboard("2025-03-29");
    expect(report.byHour.map((h) => h.key)).toEqual(["00", "03"]);
    expect(report.byDay.map((d) => [d.key, d.orders])).toEqual([["2025-03-29", 2]]);
  });

  it("sums nothing again when nothing changed, and everything after a restore", async () => {
    // A whole month is read from the month rows, kept in step with the day rows.
    const before = await dashboard("2025-03-01", "2025-03-31");
    const salesOf = (rows: { salesCents: number }[]) => rows.reduce((n, r) => n + r.salesCents, 0);
    expect(before.totals.orders).toBe(5);
    for (const rows of [before.byHour, before.byProduct, before.bySize, before.byChannel]) {
      expect(salesOf(rows)).toBe(before.totals.salesCents);
    }
    expect(await refreshSalesSummary(t.pool, ["bastille"], Date.now())).toBe(0);

    // A backup restored: the store's version is below the one summed.
    await t.pool.query("UPDATE stores SET version = 1 WHERE id = 'bastille'");
    expect(await refreshSalesSummary(t.pool, ["bastille"], Date.now())).toBeGreaterThan(0);
    const after = await dashboard("2025-03-01", "2025-03-31");
    expect(after.totals).toEqual(before.totals);
    expect(after.byDay).toEqual(before.byDay);
  });
});
