/**
 * Keeps the daily sums of the sales dashboard (sales_summary) up to date.
 * Every write to an order, its lines, VAT or payments raises the order's
 * version to the store's new version (the pull cursor depends on it), so the
 * days to sum again are those of the orders above the version last summed.
 * Runs after each push and before each dashboard read; a day is always
 * summed again whole, so running twice changes nothing.
 */
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { addDays, localParts } from "@ocpizza/schema";
import { orders, salesSummary, salesSummaryState, stores } from "@ocpizza/schema/db";

import { bulkInsert } from "../db/bulk-insert.js";
import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import {
  hourGroups,
  lineGroups,
  orderGroups,
  paymentGroups,
  vatGroups,
  type DaysOfStore,
} from "./sales-queries.js";
import { DAY_DIMENSIONS, MONTH_OF, monthStart } from "./summary-periods.js";

/** Days summed per round of queries: a month keeps each statement small. */
const DAYS_PER_ROUND = 31;

type SummaryRow = typeof salesSummary.$inferInsert;

/** Brings the sums of these stores up to date; returns how many days were summed again. */
export async function refreshSalesSummary(
  pool: Pool,
  storeIds: readonly string[],
  nowMs: number,
): Promise<number> {
  let days = 0;
  for (const storeId of storeIds) days += await refreshStore(pool, storeId, nowMs);
  return days;
}

async function refreshStore(pool: Pool, storeId: string, nowMs: number): Promise<number> {
  return inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db, connection }) => {
    // The state row's lock makes two refreshes of one store take turns (pushes never wait).
    await db.insert(salesSummaryState).ignore().values({ storeId, summarizedVersion: 0 });
    const [state] = await db
      .select()
      .from(salesSummaryState)
      .where(eq(salesSummaryState.storeId, storeId))
      .for("update");
    // Read before the orders: every order at or below it is committed and visible.
    const [store] = await db
      .select({ version: stores.version, timeZone: stores.timeZone })
      .from(stores)
      .where(eq(stores.id, storeId));
    if (!store || store.version === state.summarizedVersion) return 0;
    // A version below the one summed means a restored backup: sum every day again.
    const since = store.version < state.summarizedVersion ? 0 : state.summarizedVersion;
    if (since === 0) await db.delete(salesSummary).where(eq(salesSummary.storeId, storeId));

    const changed = await db
      .selectDistinct({ day: orders.businessDay })
      .from(orders)
      .where(and(eq(orders.storeId, storeId), gt(orders.version, since)));
    const days = changed.map((row) => row.day).sort();
    for (let i = 0; i < days.length; i += DAYS_PER_ROUND) {
      const scope = { storeId, days: days.slice(i, i + DAYS_PER_ROUND) };
      const rows = await summarize(db, scope, store.timeZone);
      await db
        .delete(salesSummary)
        .where(
          and(
            eq(salesSummary.storeId, storeId),
            inArray(salesSummary.businessDay, [...scope.days]),
          ),
        );
      for (let j = 0; j < rows.length; j += 2000) {
        await bulkInsert(connection, salesSummary, rows.slice(j, j + 2000));
      }
    }
    for (const month of new Set(days.map(monthStart))) await sumMonth(db, storeId, month);
    await db
      .update(salesSummaryState)
      .set({ summarizedVersion: store.version, refreshedAt: new Date(nowMs) })
      .where(eq(salesSummaryState.storeId, storeId));
    return days.length;
  });
}

/** A month's rows of one store, from its day rows (summed again whole, as days are). */
async function sumMonth(db: Database, storeId: string, month: string): Promise<void> {
  const monthDimensions = DAY_DIMENSIONS.map((d) => MONTH_OF[d]);
  await db
    .delete(salesSummary)
    .where(
      and(
        eq(salesSummary.storeId, storeId),
        inArray(salesSummary.dimension, monthDimensions),
        eq(salesSummary.businessDay, month),
      ),
    );
  const toMonth = sql.join(
    DAY_DIMENSIONS.map((d) => sql`WHEN ${d} THEN ${MONTH_OF[d]}`),
    sql` `,
  );
  const lastDay = addDays(addDays(month, 32).slice(0, 8) + "01", -1);
  await db.execute(sql`
    INSERT INTO sales_summary
      (store_id, dimension, business_day, key1, key2, key3,
       orders, \`lines\`, items, amount_cents, vat_cents)
    SELECT store_id, CASE dimension ${toMonth} END, ${month}, key1, key2, key3,
      SUM(orders), SUM(\`lines\`), SUM(items), SUM(amount_cents), SUM(vat_cents)
    FROM sales_summary
    WHERE store_id = ${storeId} AND dimension IN (${sql.join(
      DAY_DIMENSIONS.map((d) => sql`${d}`),
      sql`, `,
    )})
      AND business_day BETWEEN ${month} AND ${lastDay}
    GROUP BY store_id, dimension, key1, key2, key3`);
}

/** The summary rows of some days of one store, from the order tables. */
export async function summarize(
  db: Database,
  scope: DaysOfStore,
  timeZone: string,
): Promise<SummaryRow[]> {
  const base = { storeId: scope.storeId };
  const rows: SummaryRow[] = [];
  for (const g of await orderGroups(db, scope)) {
    rows.push({
      ...base,
      dimension: "order",
      businessDay: g.day,
      key1: g.channel,
      key2: g.serviceMode,
      orders: g.orders,
      lines: g.lines,
      items: g.items,
      amountCents: g.salesCents,
    });
  }

  // Two UTC hours can fall on one local hour (the autumn change): add them up.
  const hours = new Map<string, SummaryRow>();
  for (const g of await hourGroups(db, scope)) {
    const hour = String(localParts(g.utcHourStartMs, timeZone).hour).padStart(2, "0");
    const key = `${g.day}|${hour}`;
    const row = hours.get(key) ?? {
      ...base,
      dimension: "hour",
      businessDay: g.day,
      key1: hour,
      orders: 0,
      items: 0,
      amountCents: 0,
    };
    row.orders! += g.orders;
    row.items! += g.items;
    row.amountCents! += g.salesCents;
    hours.set(key, row);
  }
  rows.push(...hours.values());

  for (const dimension of ["product", "size", "category"] as const) {
    for (const g of await lineGroups(db, scope, dimension)) {
      rows.push({
        ...base,
        dimension,
        businessDay: g.day,
        key1: g.key,
        orders: g.orders,
        items: g.items,
        amountCents: g.salesCents,
      });
    }
  }
  for (const g of await vatGroups(db, scope)) {
    rows.push({
      ...base,
      dimension: "vat",
      businessDay: g.day,
      key1: String(g.rateBp),
      amountCents: g.revenueCents,
      vatCents: g.vatCents,
    });
  }
  for (const g of await paymentGroups(db, scope)) {
    rows.push({
      ...base,
      dimension: "payment",
      businessDay: g.day,
      key1: g.method,
      orders: g.payments,
      amountCents: g.amountCents,
    });
  }
  return rows;
}
