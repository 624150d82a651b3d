/**
 * The grouped reads of the order tables that build the daily sums
 * (sales-summary.ts) for one store and some business days. All count only
 * orders that are sales: not cancelled, refused or training, on the order's
 * own business day. Lines and VAT rows carry their order's store and day.
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
import { DELIVERY_FEE_PRODUCT } from "../online/online-order-db.js";
import { storeCondition } from "./credit-notes.js";

/** One store and the business days to sum. */
export interface DaysOfStore {
  storeId: string;
  days: readonly string[];
}

/** For the sums read by period (refunds). */
export interface DayRange {
  from: string;
  to: string;
  storeIds: readonly string[];
}

/** An online order still `pending` is not a sale until a counter accepts it. */
const NOT_SALES = ["pending", "cancelled", "refused"];
const n = (value: unknown) => Number(value ?? 0);

function salesOf(scope: DaysOfStore): SQL {
  return and(
    eq(orders.storeId, scope.storeId),
    inArray(orders.businessDay, [...scope.days]),
    notInArray(orders.status, NOT_SALES),
    eq(orders.training, false),
  ) as SQL;
}

/**
 * The orders of these days that are not sales (cancelled, refused, training):
 * few, so lines and VAT rows are read from their own covering index minus
 * these, with no join.
 */
function notSales(db: Database, scope: DaysOfStore) {
  return db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.storeId, scope.storeId),
        inArray(orders.businessDay, [...scope.days]),
        or(inArray(orders.status, NOT_SALES), eq(orders.training, true)),
      ),
    );
}

/** Orders per day, channel and service mode. */
export async function orderGroups(db: Database, scope: DaysOfStore) {
  const rows = await db
    .select({
      day: orders.businessDay,
      channel: orders.channel,
      serviceMode: orders.serviceMode,
      orders: count(),
      lines: sum(orders.lineCount),
      items: sum(orders.itemCount),
      salesCents: sum(orders.totalCents),
    })
    .from(orders)
    .where(salesOf(scope))
    .groupBy(orders.businessDay, orders.channel, orders.serviceMode);
  return rows.map((row) => ({
    ...row,
    orders: n(row.orders),
    lines: n(row.lines),
    items: n(row.items),
    salesCents: n(row.salesCents),
  }));
}

/**
 * Orders per day and UTC hour: the caller turns each hour into the store's
 * local hour, which SQL cannot do without the server's time zone tables.
 */
export async function hourGroups(db: Database, scope: DaysOfStore) {
  const utcHour = sql<number>`FLOOR(UNIX_TIMESTAMP(${orders.createdAt}) / 3600)`;
  const rows = await db
    .select({
      day: orders.businessDay,
      utcHour,
      orders: count(),
      items: sum(orders.itemCount),
      salesCents: sum(orders.totalCents),
    })
    .from(orders)
    .where(salesOf(scope))
    .groupBy(orders.businessDay, utcHour);
  return rows.map((row) => ({
    day: row.day,
    utcHourStartMs: n(row.utcHour) * 3_600_000,
    orders: n(row.orders),
    items: n(row.items),
    salesCents: n(row.salesCents),
  }));
}

/**
 * Order lines per day and product, size or category: items, sales, and the
 * orders holding one (an order of two Margheritas counts once).
 */
export async function lineGroups(
  db: Database,
  scope: DaysOfStore,
  by: "product" | "size" | "category",
) {
  const column = {
    product: orderLines.productId,
    size: orderLines.size,
    category: orderLines.categoryId,
  }[by];
  const rows = await db
    .select({
      day: orderLines.businessDay,
      key: column,
      orders: countDistinct(orderLines.orderId),
      // An online delivery's fee is a line of its own but no item (orders.item_count leaves it out).
      items: sum(
        sql`CASE WHEN ${orderLines.productId} = ${DELIVERY_FEE_PRODUCT} THEN 0 ELSE ${orderLines.quantity} END`,
      ),
      salesCents: sum(orderLines.totalCents),
    })
    .from(orderLines)
    .where(
      and(
        eq(orderLines.storeId, scope.storeId),
        inArray(orderLines.businessDay, [...scope.days]),
        notInArray(orderLines.orderId, notSales(db, scope)),
      ),
    )
    .groupBy(orderLines.businessDay, column);
  return rows.map((row) => ({
    ...row,
    orders: n(row.orders),
    items: n(row.items),
    salesCents: n(row.salesCents),
  }));
}

/** Each day and rate's tax-included total and VAT, over the orders' per-rate VAT. */
export async function vatGroups(db: Database, scope: DaysOfStore) {
  const rows = await db
    .select({
      day: orderVat.businessDay,
      rateBp: orderVat.rateBp,
      revenueCents: sum(orderVat.totalCents),
      vatCents: sum(orderVat.vatCents),
    })
    .from(orderVat)
    .where(
      and(
        eq(orderVat.storeId, scope.storeId),
        inArray(orderVat.businessDay, [...scope.days]),
        notInArray(orderVat.orderId, notSales(db, scope)),
      ),
    )
    .groupBy(orderVat.businessDay, orderVat.rateBp);
  return rows.map((row) => ({
    day: row.day,
    rateBp: row.rateBp,
    revenueCents: n(row.revenueCents),
    vatCents: n(row.vatCents),
  }));
}

/** What the day's sales were paid with, by the order's day (refunds are refundGroups'). */
export async function paymentGroups(db: Database, scope: DaysOfStore) {
  const rows = await db
    .select({
      day: orders.businessDay,
      method: payments.method,
      payments: count(),
      amountCents: sum(payments.amountCents),
    })
    .from(orders)
    .innerJoin(payments, eq(payments.orderId, orders.id))
    .where(and(salesOf(scope), gt(payments.amountCents, 0)))
    .groupBy(orders.businessDay, payments.method);
  return rows.map((row) => ({
    day: row.day,
    method: row.method,
    payments: n(row.payments),
    amountCents: n(row.amountCents),
  }));
}
