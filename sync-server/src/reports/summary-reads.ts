/**
 * Reads of the sums (sales_summary) for a period and some stores: orders per
 * store and business day (the day rows), and every dimension summed over the
 * period, from month rows for the whole months and day rows around them
 * (summary-periods.ts). A row's dimension is given as the day dimension.
 */
import { and, between, inArray, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import { salesSummary } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import type { DayRange } from "./sales-queries.js";
import { dayDimension, MONTH_OF, splitRange, type DayDimension } from "./summary-periods.js";

const n = (value: unknown) => Number(value ?? 0);

function inStores(range: DayRange): SQL {
  return inArray(salesSummary.storeId, range.storeIds.length ? [...range.storeIds] : [""]);
}

/** These dimensions over the period: month rows for whole months, day rows for the rest. */
function inPeriod(range: DayRange, dimensions: readonly DayDimension[]): SQL {
  const split = splitRange(range.from, range.to);
  const parts = split.days.map((days) =>
    and(
      inArray(salesSummary.dimension, [...dimensions]),
      between(salesSummary.businessDay, days.from, days.to),
    ),
  );
  if (split.months) {
    parts.push(
      and(
        inArray(
          salesSummary.dimension,
          dimensions.map((d) => MONTH_OF[d]),
        ),
        between(salesSummary.businessDay, split.months.from, split.months.to),
      ),
    );
  }
  return and(inStores(range), or(...parts)) as SQL;
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

/** Orders per store and business day (the day rows of the "order" dimension). */
export async function readDaySums(db: Database, range: DayRange) {
  const rows = await db
    .select({ storeId: salesSummary.storeId, day: salesSummary.businessDay, ...sums })
    .from(salesSummary)
    .where(
      and(
        inStores(range),
        inArray(salesSummary.dimension, ["order"]),
        between(salesSummary.businessDay, range.from, range.to),
      ),
    )
    .groupBy(salesSummary.storeId, salesSummary.businessDay);
  return rows.map((row) => ({ storeId: row.storeId, day: row.day, ...numbers(row) }));
}

/**
 * Every dimension summed over the period, per key; a key can come twice (its
 * month rows and its day rows), the caller adds them up.
 */
export async function readPeriodSums(
  db: Database,
  range: DayRange,
  dimensions: readonly DayDimension[],
) {
  const rows = await db
    .select({
      dimension: salesSummary.dimension,
      key1: salesSummary.key1,
      key2: salesSummary.key2,
      key3: salesSummary.key3,
      ...sums,
    })
    .from(salesSummary)
    .where(inPeriod(range, dimensions))
    .groupBy(salesSummary.dimension, salesSummary.key1, salesSummary.key2, salesSummary.key3);
  return rows.map((row) => ({
    dimension: dayDimension(row.dimension),
    key1: row.key1,
    key2: row.key2,
    key3: row.key3,
    ...numbers(row),
  }));
}
