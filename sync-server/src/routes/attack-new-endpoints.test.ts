/**
 * Hostile input on every endpoint of the manager console, online ordering,
 * kitchen, delivery and stock: malformed, oversized or absurd bodies and
 * queries get a 4xx, never a 500, and write nothing.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createOnlineWorld, type OnlineWorld } from "../online/online-fixtures.js";

let w: OnlineWorld;
beforeAll(async () => {
  w = await createOnlineWorld();
});
afterAll(() => w?.close());

const ID = "0193b0c2-6f1e-7c3a-9d41-2b7e5f0a8c11";
const BODIES = [
  "not json",
  "[]",
  "null",
  '"text"',
  "{}",
  '{"__proto__":{"admin":true}}',
  JSON.stringify({ storeId: "bastille' OR 1=1 --", quantity: 1e308, items: "x" }),
  JSON.stringify({ items: [{ productId: null, size: 7, quantity: -1 }], clientTotalCents: "12" }),
  "[".repeat(5000) + "]".repeat(5000),
];

const WRITES: [string, string, "admin" | "device" | "none"][] = [
  ["POST", "/api/v1/admin/menu/products", "admin"],
  ["PATCH", "/api/v1/admin/menu/products/hawaiian", "admin"],
  ["PUT", "/api/v1/admin/menu/products/hawaiian/prices", "admin"],
  ["PUT", "/api/v1/admin/menu/products/hawaiian/allergens", "admin"],
  ["PUT", "/api/v1/admin/menu/products/hawaiian/availability/bastille", "admin"],
  ["POST", "/api/v1/admin/menu/promotions", "admin"],
  ["PUT", `/api/v1/admin/menu/promotions/${ID}`, "admin"],
  ["PUT", "/api/v1/admin/menu/promotions/1", "admin"],
  ["PUT", "/api/v1/admin/menu/discount-limits", "admin"],
  ["PUT", "/api/v1/admin/stores/bastille/settings", "admin"],
  ["POST", "/api/v1/admin/stores/bastille/stock/deliveries", "admin"],
  ["POST", "/api/v1/admin/stores/bastille/stock/counts", "admin"],
  ["POST", "/api/v1/admin/stores/bastille/stock/waste", "admin"],
  ["PUT", "/api/v1/admin/stores/bastille/stock/mozzarella/threshold", "admin"],
  ["POST", "/api/v1/alerts/1/acknowledge", "admin"],
  ["POST", "/api/v1/alerts/abc/acknowledge", "admin"],
  ["POST", "/api/v1/delivery/quote", "none"],
  ["POST", "/api/v1/online-orders", "none"],
  ["PUT", `/api/v1/online-orders/${ID}?token=x`, "none"],
  ["POST", `/api/v1/online-orders/${ID}/cancel?token=x`, "none"],
  ["PUT", "/api/v1/online-orders/nope?token=x", "none"],
  ["POST", "/api/v1/devices/me/driver-settlements", "device"],
  ["POST", "/api/v1/devices/me/delivery-round", "device"],
  ["POST", `/api/v1/devices/me/online-orders/${ID}/accept`, "device"],
  ["POST", `/api/v1/devices/me/online-orders/${ID}/refuse`, "device"],
  ["POST", "/api/v1/devices/me/online-orders/nope/refuse", "device"],
];

const READS = [
  "/api/v1/reports/dashboard?from=2015-02-30&to=2015-03-01",
  "/api/v1/reports/dashboard?from=2015-03-01&to=2015-02-01",
  "/api/v1/reports/dashboard?from=0001-01-01&to=9999-12-31",
  "/api/v1/reports/dashboard?from=2015-01-01&to=2015-01-31&storeId=%27%20OR%201%3D1",
  "/api/v1/reports/dashboard?from=2015-01-01&to=2015-01-31&format=xlsx",
  "/api/v1/reports/dashboard?from=2015-01-01&to=2015-01-31&format=csv&section=__proto__",
  "/api/v1/reports/dashboard?from=2015-01-01&from=2015-01-02&to=2015-01-31",
  "/api/v1/reports/dashboard",
  "/api/v1/reports/devices?storeId=nowhere",
  "/api/v1/alerts?status=everything",
  "/api/v1/alerts?limit=-1",
  "/api/v1/alerts?limit=99999999999999999999",
  "/api/v1/alerts?beforeId=abc",
  "/api/v1/alerts?beforeId=99999999999999999999999",
  "/api/v1/stores/bastille/slots?date=2026-13-45&fulfilment=pickup",
  "/api/v1/stores/bastille/slots?date=2026-12-08&fulfilment=teleport",
  "/api/v1/stores/bastille/slots?date=9999-12-31&fulfilment=pickup",
  "/api/v1/stores/bastille/slots",
  "/api/v1/stores/%00/slots?date=2026-12-08&fulfilment=pickup",
  `/api/v1/online-orders/${ID}`,
  "/api/v1/online-orders/nope?token=x",
  "/api/v1/menu?storeId=%27",
  "/api/v1/admin/stores/bastille/stock?x=1",
  "/api/v1/admin/stores/nowhere/stock",
  "/api/v1/admin/stores/bastille/driver-settlements?from=abc",
];

async function writtenRows(): Promise<string> {
  const counts = [];
  for (const table of [
    "orders",
    "stock_movements",
    "price_changes",
    "promotions",
    "menu_versions",
    "alerts",
  ]) {
    const [rows] = await w.t.pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`);
    counts.push(`${table}=${rows[0].n}`);
  }
  return counts.join(" ");
}

function headersFor(auth: "admin" | "device" | "none"): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth === "admin") headers.authorization = `Bearer ${w.t.adminToken}`;
  if (auth === "device") headers.authorization = `Bearer ${w.counter.token}`;
  return headers;
}

describe("hostile input on the new endpoints", () => {
  it.each(WRITES)(
    "%s %s: every bad body is a 4xx with an error, nothing written",
    async (method, path, auth) => {
      const before = await writtenRows();
      for (const body of BODIES) {
        const response = await w.app.request(path, { method, headers: headersFor(auth), body });
        const text = await response.text();
        expect(
          response.status,
          `${body.slice(0, 60)} -> ${text.slice(0, 200)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(response.status, `${body.slice(0, 60)} -> ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(JSON.parse(text).error.code).toBeTruthy();
      }
      expect(await writtenRows()).toBe(before);
    },
  );

  it.each(READS)("GET %s is an answer or a 4xx, never a 500", async (path) => {
    const response = await w.app.request(path, { headers: headersFor("admin") });
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBeLessThan(500);
  });
});
