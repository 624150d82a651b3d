/**
 * Reads of the daily sums (sales_summary) for a period and some stores: the
 * order sums per store, day, channel and service mode, and every other
 * dimension summed over the period. Three queries answer the whole dashboard.
 */
import { and, between, inArray, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import { salesSummary } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import type { DayRange } from "./sales-queries.js";

const n = (value: unknown) => Number(value ?? 0);

function inRange(range: DayRange, dimensions: readonly string[]): SQL {
  return and(
    inArray(salesSummary.storeId, range.storeIds.length ? [...range.storeIds] : [""]),
    inArray(salesSummary.dimension, [...dimensions]),
    between(salesSummary.businessDay, range.from, range.to),
  ) as SQL;
}

const sums = {
  orders: sql<string>`SUM(${salesSummary.orders})`,
  lines: sql<string>`SUM(${salesSummary.lines})`,
  items: sql<string>`SUM(${salesSummary.items})`,
  amountCents: sql<string>`SUM(${salesSummary.amountCents})`,
  vatCents: sql<string>`SUM(${salesSummary.vatCents})`,
};

function numbers<T extends Record<keyof typeof sums, unknown>>(row: T) {
  return {
    orders: n(row.orders),
    lines: n(row.lines),
    items: n(row.items),
    amountCents: n(row.amountCents),
    vatCents: n(row.vatCents),
  };
}

/** Orders per store, business day, channel (key1) and service mode (key2). */
export async function readOrderSums(db: Database, range: DayRange) {
  const rows = await db
    .select({
      storeId: salesSummary.storeId,
      day: salesSummary.businessDay,
      channel: salesSummary.key1,
      serviceMode: salesSummary.key2,
      ...sums,
    })
    .from(salesSummary)
    .where(inRange(range, ["order"]))
    .groupBy(salesSummary.storeId, salesSummary.businessDay, salesSummary.key1, salesSummary.key2);
  return rows.map((row) => ({
    storeId: row.storeId,
    day: row.day,
    channel: row.channel,
    serviceMode: row.serviceMode,
    ...numbers(row),
  }));
}

/** The hour, product, size, category, VAT and payment sums over the whole period. */
export async function readOtherSums(db: Database, range: DayRange) {
  const rows = await db
    .select({
      dimension: salesSummary.dimension,
      key1: salesSummary.key1,
      key2: salesSummary.key2,
      key3: salesSummary.key3,
      ...sums,
    })
    .from(salesSummary)
    .where(inRange(range, ["hour", "product", "size", "category", "vat", "payment"]))
    .groupBy(salesSummary.dimension, salesSummary.key1, salesSummary.key2, salesSummary.key3);
  return rows.map((row) => ({
    dimension: row.dimension,
    key1: row.key1,
    key2: row.key2,
    key3: row.key3,
    ...numbers(row),
  }));
}

/** The order totals and the VAT per rate only (the previous period). */
export async function readTotals(db: Database, range: DayRange) {
  const rows = await db
    .select({ dimension: salesSummary.dimension, key1: salesSummary.key1, ...sums })
    .from(salesSummary)
    .where(inRange(range, ["order", "vat"]))
    .groupBy(salesSummary.dimension, salesSummary.key1);
  const orderRows = rows.filter((row) => row.dimension === "order").map(numbers);
  const total = orderRows.reduce(
    (sum, row) => ({
      orders: sum.orders + row.orders,
      lines: sum.lines + row.lines,
      items: sum.items + row.items,
      salesCents: sum.salesCents + row.amountCents,
    }),
    { orders: 0, lines: 0, items: 0, salesCents: 0 },
  );
  const vat = rows
    .filter((row) => row.dimension === "vat")
    .map((row) => ({ rateBp: Number(row.key1), ...numbers(row) }))
    .map((row) => ({ rateBp: row.rateBp, revenueCents: row.amountCents, vatCents: row.vatCents }));
  return { total, vat };
}
