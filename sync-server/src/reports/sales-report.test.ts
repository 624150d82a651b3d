/**
 * Tests of the sales report against figures computed in the test from the orders
 * pushed (categories, VAT rates, two months, a cancelled order).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, Mutation, Order, Payment, SalesReport } from "@ocpizza/schema";

import {
  buildOrder,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
  statusMutation,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let menu: MenuSnapshot;

/** Noon in Paris on a 2015 date. */
const noon = (day: string) => Date.parse(`${day}T11:00:00Z`);

interface Sale {
  order: Order;
  payments: Payment[];
  cancelled?: boolean;
}

let sales: Sale[];

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  const pay = (order: Order, method: Payment["method"]): Payment[] => [
    {
      id: crypto.randomUUID(),
      method,
      amountCents: order.totalCents,
      createdAtMs: order.createdAtMs,
    },
  ];
  const order = (
    day: string,
    items: Parameters<typeof buildOrder>[1],
    mode: Order["serviceMode"],
  ) => buildOrder(menu, items, { serviceMode: mode, createdAtMs: noon(day) });

  const jan1 = order(
    "2015-01-10",
    [
      { productId: "hawaiian", size: "L", quantity: 2 },
      { productId: "coca_cola_33", size: "U", quantity: 2 },
    ],
    "takeaway",
  );
  const jan2 = order(
    "2015-01-24",
    [
      { productId: "bbq_ckn", size: "M" },
      { productId: "vin_chianti_75", size: "U" },
    ],
    "eat_in",
  );
  const jun1 = order(
    "2015-06-05",
    [
      { productId: "five_cheese", size: "S", quantity: 3 },
      { productId: "tiramisu", size: "U", quantity: 3 },
    ],
    "delivery",
  );
  const jun2 = order(
    "2015-06-30",
    [
      { productId: "ital_supr", size: "M" },
      { productId: "biere_peroni_33", size: "U", quantity: 4 },
    ],
    "eat_in",
  );
  const cancelled = order(
    "2015-06-12",
    [{ productId: "the_greek", size: "XXL", quantity: 5 }],
    "takeaway",
  );
  sales = [
    { order: jan1, payments: pay(jan1, "cash") },
    { order: jan2, payments: pay(jan2, "card") },
    {
      order: { ...jun1, customer: { name: "Client", address: "1 rue de Lappe" } },
      payments: pay(jun1, "card"),
    },
    { order: jun2, payments: pay(jun2, "meal_voucher") },
    { order: cancelled, payments: [], cancelled: true },
  ];

  const device = await pairDevice(t, "bastille");
  const mutations: Mutation[] = sales.map((s, i) =>
    createMutation(i + 1, s.order, { payments: s.payments }),
  );
  mutations.push(statusMutation(mutations.length + 1, cancelled.id, "cancelled"));
  const other = await pairDevice(t, "vincennes");
  await postPush(
    t.app,
    other,
    pushBody(other, [
      createMutation(1, order("2015-01-10", [{ productId: "hawaiian", size: "S" }], "eat_in")),
    ]),
  );
  const response = await postPush(t.app, device, pushBody(device, mutations));
  if (response.body.results.some((r: { outcome: string }) => r.outcome !== "applied")) {
    throw new Error(JSON.stringify(response.body.results));
  }
});
afterAll(() => t?.drop());

async function fetchReport(query: string): Promise<SalesReport> {
  const response = await t.app.request(`/api/v1/reports/sales?${query}`, {
    headers: { authorization: `Bearer ${t.adminToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SalesReport;
}

/** The figures computed here from the orders themselves, not from the database. */
function expected(kept: Sale[]) {
  const lines = kept.flatMap((s) => s.order.lines);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const figures = (ls: typeof lines, orders: number) => ({
    orders,
    lines: ls.length,
    items: sum(ls.map((l) => l.quantity)),
    revenueCents: sum(ls.map((l) => l.unitPriceCents * l.quantity)),
  });

  const vatByRate: Record<
    string,
    { orders: number; revenueCents: number; vatCents: number; netCents: number }
  > = {};
  for (const { order } of kept) {
    for (const rate of new Set(order.lines.map((l) => l.vatRateBp))) {
      const total = sum(
        order.lines.filter((l) => l.vatRateBp === rate).map((l) => l.unitPriceCents * l.quantity),
      );
      const vat = Math.round((total * rate) / (10_000 + rate));
      const key = String(rate / 100);
      const row = (vatByRate[key] ??= { orders: 0, revenueCents: 0, vatCents: 0, netCents: 0 });
      row.orders += 1;
      row.revenueCents += total;
      row.vatCents += vat;
      row.netCents += total - vat;
    }
  }

  const names = Object.fromEntries(menu.categories.map((c) => [c.id, c.nameEn]));
  const byCategory: Record<string, ReturnType<typeof figures>> = {};
  for (const categoryId of new Set(lines.map((l) => l.categoryId))) {
    const ls = lines.filter((l) => l.categoryId === categoryId);
    const orders = kept.filter((s) =>
      s.order.lines.some((l) => l.categoryId === categoryId),
    ).length;
    byCategory[names[categoryId]] = figures(ls, orders);
  }
  const byMonth: Record<string, ReturnType<typeof figures>> = {};
  for (const month of ["2015-01", "2015-06"]) {
    const inMonth = kept.filter((s) =>
      new Date(s.order.createdAtMs).toISOString().startsWith(month),
    );
    if (inMonth.length)
      byMonth[month] = figures(
        inMonth.flatMap((s) => s.order.lines),
        inMonth.length,
      );
  }
  const byPaymentMethod: Record<string, { payments: number; amountCents: number }> = {};
  for (const p of kept.flatMap((s) => s.payments)) {
    const row = (byPaymentMethod[p.method] ??= { payments: 0, amountCents: 0 });
    row.payments += 1;
    row.amountCents += p.amountCents;
  }
  return { ...figures(lines, kept.length), vatByRate, byCategory, byMonth, byPaymentMethod };
}

describe("the sales report", () => {
  it("adds up the store's sales over two months, leaving out the cancelled order", async () => {
    const report = await fetchReport("from=2015-01-01&to=2015-06-30&storeId=bastille");

    const want = expected(sales.filter((s) => !s.cancelled));
    expect(report).toMatchObject({ from: "2015-01-01", to: "2015-06-30", storeId: "bastille" });
    expect({
      orders: report.orders,
      lines: report.lines,
      items: report.items,
      revenueCents: report.revenueCents,
    }).toEqual({
      orders: want.orders,
      lines: want.lines,
      items: want.items,
      revenueCents: want.revenueCents,
    });
    expect(report.vatByRate).toEqual(want.vatByRate);
    expect(Object.keys(report.vatByRate).sort()).toEqual(["10", "20", "5.5"]);
    expect(report.byCategory).toEqual(want.byCategory);
    expect(report.byMonth).toEqual(want.byMonth);
    expect(report.byPaymentMethod).toEqual(want.byPaymentMethod);
    expect(Object.keys(report.byDay)).toEqual([
      "2015-01-10",
      "2015-01-24",
      "2015-06-05",
      "2015-06-30",
    ]);
  });

  it("keeps to the days asked for and counts every store when none is named", async () => {
    const january = await fetchReport("from=2015-01-01&to=2015-01-31&storeId=bastille");
    const allStores = await fetchReport("from=2015-01-01&to=2015-01-31");

    expect(january.revenueCents).toBe(expected(sales.slice(0, 2)).revenueCents);
    expect(allStores.orders).toBe(3);
    expect(allStores.storeId).toBeNull();
  });
});
