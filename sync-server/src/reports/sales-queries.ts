/**
 * The grouped SQL reads behind the sales dashboard. Each returns raw sums
 * per group, numbers already converted; folding the groups into breakdowns
 * is sales-dashboard.ts's job. All read only orders that count as sales:
 * not cancelled, refused or training, by the order's own business day.
 */
import {
  and,
  between,
  count,
  countDistinct,
  eq,
  gt,
  inArray,
  lt,
  notInArray,
  or,
  sql,
  sum,
} from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import { orderLines, orders, orderVat, payments } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { storeCondition } from "./credit-notes.js";

export interface DayRange {
  from: string;
  to: string;
  storeIds: readonly string[];
}

const NOT_SALES = ["cancelled", "refused"];

/** The WHERE of every sales read: the period, the stores, sales only. */
export function salesCondition(range: DayRange): SQL {
  return and(
    storeCondition(orders.storeId, { storeId: null, storeIds: range.storeIds }),
    between(orders.businessDay, range.from, range.to),
    notInArray(orders.status, NOT_SALES),
    eq(orders.training, false),
  ) as SQL;
}

const n = (value: unknown) => Number(value ?? 0);

/** Orders per store, day, channel and service mode. */
export async function orderGroups(db: Database, range: DayRange) {
  const rows = await db
    .select({
      storeId: orders.storeId,
      day: orders.businessDay,
      channel: orders.channel,
      serviceMode: orders.serviceMode,
      orders: count(),
      lines: sum(orders.lineCount),
      items: sum(orders.itemCount),
      salesCents: sum(orders.totalCents),
    })
    .from(orders)
    .where(salesCondition(range))
    .groupBy(orders.storeId, orders.businessDay, orders.channel, orders.serviceMode);
  return rows.map((row) => ({
    ...row,
    orders: n(row.orders),
    lines: n(row.lines),
    items: n(row.items),
    salesCents: n(row.salesCents),
  }));
}

/**
 * Orders per store and UTC hour ("2015-01-01 10"): the caller turns each hour
 * into the store's local hour, which SQL cannot do without the server's
 * time zone tables.
 */
export async function hourGroups(db: Database, range: DayRange) {
  const utcHour = sql<string>`DATE_FORMAT(${orders.createdAt}, '%Y-%m-%d %H')`;
  const rows = await db
    .select({
      storeId: orders.storeId,
      utcHour,
      orders: count(),
      items: sum(orders.itemCount),
      salesCents: sum(orders.totalCents),
    })
    .from(orders)
    .where(salesCondition(range))
    .groupBy(orders.storeId, utcHour);
  return rows.map((row) => ({
    storeId: row.storeId,
    utcHourStartMs: Date.parse(`${row.utcHour.replace(" ", "T")}:00:00Z`),
    orders: n(row.orders),
    items: n(row.items),
    salesCents: n(row.salesCents),
  }));
}

/**
 * The orders of the period that are not sales (cancelled, refused, training):
 * few, so lines and VAT rows, which carry their order's store and business
 * day, are read from their own covering index minus these, with no join.
 */
function notSales(db: Database, range: DayRange) {
  return db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        storeCondition(orders.storeId, { storeId: null, storeIds: range.storeIds }),
        between(orders.businessDay, range.from, range.to),
        or(inArray(orders.status, NOT_SALES), eq(orders.training, true)),
      ),
    );
}

/** Order lines per product, size and category. */
export async function lineGroups(db: Database, range: DayRange) {
  const rows = await db
    .select({
      productId: orderLines.productId,
      size: orderLines.size,
      categoryId: orderLines.categoryId,
      orders: countDistinct(orderLines.orderId),
      items: sum(orderLines.quantity),
      salesCents: sum(orderLines.totalCents),
    })
    .from(orderLines)
    .where(
      and(
        storeCondition(orderLines.storeId, { storeId: null, storeIds: range.storeIds }),
        between(orderLines.businessDay, range.from, range.to),
        notInArray(orderLines.orderId, notSales(db, range)),
      ),
    )
    .groupBy(orderLines.productId, orderLines.size, orderLines.categoryId);
  return rows.map((row) => ({
    ...row,
    orders: n(row.orders),
    items: n(row.items),
    salesCents: n(row.salesCents),
  }));
}

/** Each rate's tax-included total and VAT, summed over the orders' per-rate VAT. */
export async function vatGroups(db: Database, range: DayRange) {
  const rows = await db
    .select({
      rateBp: orderVat.rateBp,
      revenueCents: sum(orderVat.totalCents),
      vatCents: sum(orderVat.vatCents),
    })
    .from(orderVat)
    .where(
      and(
        storeCondition(orderVat.storeId, { storeId: null, storeIds: range.storeIds }),
        between(orderVat.businessDay, range.from, range.to),
        notInArray(orderVat.orderId, notSales(db, range)),
      ),
    )
    .groupBy(orderVat.rateBp);
  return rows.map((row) => ({
    rateBp: row.rateBp,
    revenueCents: n(row.revenueCents),
    vatCents: n(row.vatCents),
  }));
}

/** What the period's sales were paid with (refunds, negative, are left to refundGroups). */
export async function paymentGroups(db: Database, range: DayRange) {
  const rows = await db
    .select({ key: payments.method, payments: count(), amountCents: sum(payments.amountCents) })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(salesCondition(range), gt(payments.amountCents, 0)))
    .groupBy(payments.method);
  return rows.map((row) => ({
    key: row.key,
    payments: n(row.payments),
    amountCents: n(row.amountCents),
  }));
}

/** Money paid back over the period (by the refund's own business day), per method. */
export async function refundGroups(db: Database, range: DayRange) {
  const rows = await db
    .select({ key: payments.method, refunds: count(), amountCents: sum(payments.amountCents) })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(
      and(
        storeCondition(payments.storeId, { storeId: null, storeIds: range.storeIds }),
        between(payments.businessDay, range.from, range.to),
        lt(payments.amountCents, 0),
        eq(orders.training, false),
      ),
    )
    .groupBy(payments.method);
  return rows.map((row) => ({
    key: row.key,
    refunds: n(row.refunds),
    amountCents: n(row.amountCents),
  }));
}

/** Order totals only (the previous period's comparison). */
export async function orderTotals(db: Database, range: DayRange) {
  const [row] = await db
    .select({
      orders: count(),
      lines: sum(orders.lineCount),
      items: sum(orders.itemCount),
      salesCents: sum(orders.totalCents),
    })
    .from(orders)
    .where(salesCondition(range));
  return {
    orders: n(row?.orders),
    lines: n(row?.lines),
    items: n(row?.items),
    salesCents: n(row?.salesCents),
  };
}
