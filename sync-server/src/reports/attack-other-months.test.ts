/**
 * Hostile test of the sales dashboard on months the authors did not replay:
 * the spring and autumn clock changes, the year end, sales after midnight in
 * a store closing at 02:00, and the leap day of 2016. The months are made
 * here from the real January orders (days 20 to 31 moved to another month)
 * plus hand-made orders on the awkward nights; every expected figure is
 * computed here from those files, never copied from an output.
 */
import { serve, type ServerType } from "@hono/node-server";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, SalesDashboard, SalesRow } from "@ocpizza/schema";

import { callApi, REPO_ROOT } from "../cli/api-client.js";
import { replay } from "../cli/replay-run.js";
import { parseCsvValues } from "../csv.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

const data = join(REPO_ROOT, "sync-server/data/pizza-place");
const pizzas = new Map(
  parseCsvValues(readFileSync(join(data, "pizzas.csv"), "utf8")).map((p) => [
    p.pizza_id,
    { type: p.pizza_type_id, size: p.size, priceCents: Math.round(Number(p.price) * 100) },
  ]),
);

interface Sale {
  id: number;
  date: string; // YYYY-MM-DD, local
  time: string; // HH:MM:SS, local
  lines: { pizza: string; quantity: number }[];
}

/** January's days 20..31 moved to `month` (YYYY-MM), ids shifted by `idBase`. */
function fromJanuary(month: string, idBase: number): Sale[] {
  const orders = parseCsvValues(readFileSync(join(data, "orders-2015-01.csv"), "utf8"));
  const details = parseCsvValues(readFileSync(join(data, "order_details-2015-01.csv"), "utf8"));
  const sales = new Map<string, Sale>();
  for (const o of orders) {
    const day = o.date.slice(8, 10);
    if (day < "20") continue;
    const id = idBase + Number(o.order_id);
    sales.set(o.order_id, {
      id,
      date: `${month}-${day}`,
      time: o.time.padStart(8, "0"),
      lines: [],
    });
  }
  for (const d of details) {
    sales.get(d.order_id)?.lines.push({ pizza: d.pizza_id, quantity: Number(d.quantity) });
  }
  return [...sales.values()];
}

function write(folder: string, name: string, sales: Sale[]) {
  const orders = ["order_id,date,time"];
  const details = ["order_details_id,order_id,pizza_id,quantity"];
  let detailId = sales[0].id * 10;
  for (const s of sales) {
    orders.push(`${s.id},${s.date.replaceAll("-", "/")},${s.time}`);
    for (const l of s.lines) details.push(`${detailId++},${s.id},${l.pizza},${l.quantity}`);
  }
  const ordersFile = join(folder, `orders-${name}.csv`);
  const detailsFile = join(folder, `details-${name}.csv`);
  writeFileSync(ordersFile, orders.join("\n") + "\n");
  writeFileSync(detailsFile, details.join("\n") + "\n");
  return { ordersFile, detailsFile };
}

const extra = (
  id: number,
  date: string,
  time: string,
  pizza = "bbq_ckn_l",
  quantity = 2,
): Sale => ({
  id,
  date,
  time,
  lines: [{ pizza, quantity }],
});

// The awkward nights (Paris): clocks go 02:00 -> 03:00 on 2015-03-29 and
// 03:00 -> 02:00 on 2015-10-25.
const march = [
  ...fromJanuary("2015-03", 200_000),
  extra(290_001, "2015-03-29", "01:59:00"),
  extra(290_002, "2015-03-29", "03:05:00", "hawaiian_s", 1),
  extra(290_003, "2015-03-30", "00:30:00", "mexicana_m", 3),
  extra(290_004, "2015-03-31", "23:59:59"),
  extra(290_005, "2015-04-01", "03:59:59"), // still 31 March's business day
];
const october = [
  ...fromJanuary("2015-10", 300_000),
  extra(390_001, "2015-10-25", "01:30:00"),
  extra(390_002, "2015-10-25", "02:30:00", "hawaiian_s", 1),
  extra(390_003, "2015-10-25", "03:30:00", "mexicana_m", 3), // business day 24 Oct
  extra(390_004, "2015-10-26", "00:10:00"),
];
const december = [
  ...fromJanuary("2015-12", 400_000),
  extra(490_001, "2015-12-31", "23:50:00"),
  extra(490_002, "2016-01-01", "00:30:00", "hawaiian_s", 1),
  extra(490_003, "2016-01-01", "03:30:00", "mexicana_m", 3),
  extra(490_004, "2016-01-01", "04:00:00"), // first sale of 2016
  extra(490_005, "2016-02-28", "12:00:00"),
  extra(490_006, "2016-02-29", "12:00:00", "hawaiian_s", 4),
  extra(490_007, "2016-03-01", "02:00:00", "mexicana_m", 1), // leap day's business day
];
// A store closing at 02:00: a sale at 02:30 belongs to the new day.
const lateStore = [
  ...fromJanuary("2015-07", 500_000),
  extra(590_001, "2015-07-20", "01:45:00"),
  extra(590_002, "2015-07-20", "02:30:00", "hawaiian_s", 1),
  extra(590_003, "2015-07-21", "01:59:59", "mexicana_m", 2),
];

let t: TestDatabase;
let server: ServerType;
let base: string;
let menu: MenuSnapshot;
let folder: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query("UPDATE stores SET closing_minutes = 120 WHERE id = 'boulogne'");
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve(info.port),
    );
  });
  base = `http://127.0.0.1:${port}`;
  folder = mkdtempSync(join(tmpdir(), "ocp-attack-months-"));
  const common = { server: base, devices: 2, batchSize: 200, adminToken: t.adminToken };
  for (const [storeId, name, sales] of [
    ["bastille", "march", march],
    ["montmartre", "october", october],
    ["batignolles", "december", december],
    ["boulogne", "late", lateStore],
  ] as const) {
    const summary = await replay({
      ...common,
      storeId,
      mode: "takeaway",
      ...write(folder, name, sales),
      deviceFile: join(folder, `${storeId}.json`),
    });
    expect(summary.problems).toEqual([]);
  }
  menu = await callApi<MenuSnapshot>(base, "/api/v1/menu");
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function dashboard(query: Record<string, string>): Promise<SalesDashboard> {
  const params = new URLSearchParams(query);
  return callApi<SalesDashboard>(base, `/api/v1/reports/dashboard?${params}`, {
    token: t.adminToken,
  });
}

interface Figures {
  orders: number;
  items: number;
  salesCents: number;
}

function addTo(map: Map<string, Figures>, key: string, f: Figures) {
  const e = map.get(key) ?? { orders: 0, items: 0, salesCents: 0 };
  e.orders += f.orders;
  e.items += f.items;
  e.salesCents += f.salesCents;
  map.set(key, e);
}

/** Business day by plain date arithmetic on the local wall clock. */
function dayOf(date: string, time: string, closing: string): string {
  if (time >= closing) return date;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function expected(sales: Sale[], from: string, to: string, closing = "04:00:00") {
  const rate = vatRate();
  const total = { orders: 0, items: 0, salesCents: 0, lines: 0, vatCents: 0 };
  const byDay = new Map<string, Figures>();
  const byHour = new Map<string, Figures>();
  for (const s of sales) {
    const day = dayOf(s.date, s.time, closing);
    if (day < from || day > to) continue;
    const f = { orders: 1, items: 0, salesCents: 0 };
    for (const l of s.lines) {
      f.items += l.quantity;
      f.salesCents += pizzas.get(l.pizza)!.priceCents * l.quantity;
    }
    total.orders += 1;
    total.items += f.items;
    total.salesCents += f.salesCents;
    total.lines += s.lines.length;
    total.vatCents += Math.round((f.salesCents * rate) / (10_000 + rate));
    addTo(byDay, day, f);
    addTo(byHour, s.time.slice(0, 2), f);
  }
  return { total, byDay, byHour };
}

function vatRate(): number {
  const rates = new Set(menu.products.filter((p) => p.id === "bbq_ckn").map((p) => p.vat.takeaway));
  expect(rates.size).toBe(1);
  return [...rates][0];
}

function asMap(rows: SalesRow[]) {
  return new Map(
    rows.map((r) => [r.key, { orders: r.orders, items: r.items, salesCents: r.salesCents }]),
  );
}

function check(report: SalesDashboard, want: ReturnType<typeof expected>) {
  expect(report.totals).toMatchObject({
    orders: want.total.orders,
    lines: want.total.lines,
    items: want.total.items,
    salesCents: want.total.salesCents,
    revenueCents: want.total.salesCents,
    vatCents: want.total.vatCents,
    revenueExVatCents: want.total.salesCents - want.total.vatCents,
    averageTicketCents: Math.round(want.total.salesCents / want.total.orders),
  });
  expect(asMap(report.byDay)).toEqual(want.byDay);
  expect(asMap(report.byHour)).toEqual(want.byHour);
  expect(report.vatByRate.reduce((n, r) => n + r.vatCents, 0)).toBe(want.total.vatCents);
  expect(report.byPaymentMethod).toEqual([
    { key: "cash", payments: want.total.orders, amountCents: want.total.salesCents },
  ]);
}

describe("the dashboard on other months", () => {
  it("counts March with the spring clock change to the cent, hours in local time", async () => {
    const report = await dashboard({ from: "2015-03-01", to: "2015-03-31", storeId: "bastille" });
    check(report, expected(march, "2015-03-01", "2015-03-31"));
    expect(report.byDay.find((r) => r.key === "2015-03-28")?.orders).toBeGreaterThan(0);
  });

  it("counts October with the autumn clock change, the repeated hour once", async () => {
    const report = await dashboard({ from: "2015-10-01", to: "2015-10-31", storeId: "montmartre" });
    check(report, expected(october, "2015-10-01", "2015-10-31"));
  });

  it("counts the year end on 31 December and starts 2016 at 04:00", async () => {
    const dec = await dashboard({ from: "2015-12-01", to: "2015-12-31", storeId: "batignolles" });
    check(dec, expected(december, "2015-12-01", "2015-12-31"));
    const jan = await dashboard({ from: "2016-01-01", to: "2016-01-31", storeId: "batignolles" });
    check(jan, expected(december, "2016-01-01", "2016-01-31"));
    // the previous period of January 2016 is December 2015 (31 days)
    expect(jan.previous.from).toBe("2015-12-01");
    expect(jan.previous.to).toBe("2015-12-31");
    expect(jan.previous.totals.salesCents).toBe(
      expected(december, "2015-12-01", "2015-12-31").total.salesCents,
    );
  });

  it("counts the leap day of 2016 and a period spanning two years", async () => {
    const leap = await dashboard({ from: "2016-02-29", to: "2016-02-29", storeId: "batignolles" });
    check(leap, expected(december, "2016-02-29", "2016-02-29"));
    expect(leap.previous.from).toBe("2016-02-28");
    expect(leap.previous.totals.salesCents).toBe(
      expected(december, "2016-02-28", "2016-02-28").total.salesCents,
    );
    const span = await dashboard({ from: "2015-12-15", to: "2016-03-15", storeId: "batignolles" });
    check(span, expected(december, "2015-12-15", "2016-03-15"));
  });

  it("puts sales after midnight on the right day in a store closing at 02:00", async () => {
    const report = await dashboard({ from: "2015-07-01", to: "2015-07-31", storeId: "boulogne" });
    check(report, expected(lateStore, "2015-07-01", "2015-07-31", "02:00:00"));
  });

  it("adds up every store over months and years", async () => {
    const report = await dashboard({ from: "2015-01-01", to: "2016-12-31" });
    const all = [
      expected(march, "2015-01-01", "2016-12-31"),
      expected(october, "2015-01-01", "2016-12-31"),
      expected(december, "2015-01-01", "2016-12-31"),
      expected(lateStore, "2015-01-01", "2016-12-31", "02:00:00"),
    ];
    expect(report.totals.salesCents).toBe(all.reduce((n, e) => n + e.total.salesCents, 0));
    expect(report.totals.orders).toBe(all.reduce((n, e) => n + e.total.orders, 0));
    expect(report.totals.vatCents).toBe(all.reduce((n, e) => n + e.total.vatCents, 0));
  });
});

describe("the daily sums after the fact", () => {
  it("take a late sale pushed for a day already summed, and its month", async () => {
    const before = await dashboard({ from: "2015-03-01", to: "2015-03-31", storeId: "bastille" });
    const late = [extra(299_001, "2015-03-10", "12:00:00", "mexicana_m", 2)];
    const summary = await replay({
      server: base,
      devices: 1,
      batchSize: 10,
      adminToken: t.adminToken,
      storeId: "bastille",
      mode: "takeaway",
      ...write(folder, "late-sale", late),
      deviceFile: join(folder, "bastille-late.json"),
    });
    expect(summary.problems).toEqual([]);
    const after = await dashboard({ from: "2015-03-01", to: "2015-03-31", storeId: "bastille" });
    check(after, expected([...march, ...late], "2015-03-01", "2015-03-31"));
    const cents = pizzas.get("mexicana_m")!.priceCents * 2;
    expect(after.totals.salesCents).toBe(before.totals.salesCents + cents);
    const year = await dashboard({ from: "2015-01-01", to: "2015-12-31", storeId: "bastille" });
    expect(year.totals.salesCents).toBe(
      expected([...march, ...late], "2015-01-01", "2015-12-31").total.salesCents,
    );
  });
});
