/**
 * Lets a push apply a run of sales with a handful of statements instead of
 * several per order: the ids a batch mentions are looked up once before it
 * is applied, and new order rows wait in memory to be inserted together.
 * Pending rows are flushed before any command that reads orders back.
 */
import { inArray } from "drizzle-orm";
import type { PoolConnection } from "mysql2/promise";

import type { Mutation } from "@ocpizza/schema";
import { orderLines, orders, orderVat, payments } from "@ocpizza/schema/db";

import { bulkInsert } from "../db/bulk-insert.js";
import type { Database } from "../db/connection.js";
import { lookUpStaff, type KnownStaff } from "./staff-checks.js";

export interface KnownIds {
  /** order id -> its store, for every order id of the batch already stored. */
  orderStore: Map<string, string>;
  /** order line id -> its order, for every line id of the batch already stored. */
  lineOrder: Map<string, string>;
  /** payment id -> its order, for every payment id of the batch already stored. */
  paymentOrder: Map<string, string>;
  /** payment id -> its amount as stored (a refund negative), for the ids of paymentOrder. */
  paymentAmount: Map<string, number>;
  /** staff id -> the staff member, for every staffId and approvedByStaffId of the batch. */
  staff: Map<string, KnownStaff>;
}

export interface PendingWrites {
  orders: (typeof orders.$inferInsert)[];
  lines: (typeof orderLines.$inferInsert)[];
  vat: (typeof orderVat.$inferInsert)[];
  payments: (typeof payments.$inferInsert)[];
}

export function emptyWrites(): PendingWrites {
  return { orders: [], lines: [], vat: [], payments: [] };
}

/** One query per kind of id for everything the batch will look up. */
export async function lookUpKnownIds(db: Database, batch: readonly Mutation[]): Promise<KnownIds> {
  const orderIds: string[] = [];
  const lineIds: string[] = [];
  const paymentIds: string[] = [];
  for (const mutation of batch) {
    if (mutation.kind === "order.create") {
      orderIds.push(mutation.order.id);
      lineIds.push(...mutation.order.lines.map((line) => line.id));
      paymentIds.push(...mutation.payments.map((payment) => payment.id));
    } else if (mutation.kind === "order.update") {
      lineIds.push(...mutation.lines.map((line) => line.id));
    } else if (mutation.kind === "order.pay") {
      paymentIds.push(...mutation.payments.map((payment) => payment.id));
    } else if (mutation.kind === "order.credit_note") {
      paymentIds.push(...mutation.refunds.map((payment) => payment.id));
    }
  }

  const [orderRows, lineRows, paymentRows, staffById] = await Promise.all([
    orderIds.length === 0
      ? []
      : db
          .select({ id: orders.id, storeId: orders.storeId })
          .from(orders)
          .where(inArray(orders.id, orderIds)),
    lineIds.length === 0
      ? []
      : db
          .select({ id: orderLines.id, orderId: orderLines.orderId })
          .from(orderLines)
          .where(inArray(orderLines.id, lineIds)),
    paymentIds.length === 0
      ? []
      : db
          .select({ id: payments.id, orderId: payments.orderId, amountCents: payments.amountCents })
          .from(payments)
          .where(inArray(payments.id, paymentIds)),
    lookUpStaff(db, batch),
  ]);
  return {
    orderStore: new Map(orderRows.map((row) => [row.id, row.storeId])),
    lineOrder: new Map(lineRows.map((row) => [row.id, row.orderId])),
    paymentOrder: new Map(paymentRows.map((row) => [row.id, row.orderId])),
    paymentAmount: new Map(paymentRows.map((row) => [row.id, row.amountCents])),
    staff: staffById,
  };
}

/** Inserts the rows waiting in memory, one multi-row INSERT per table. */
export async function flushWrites(
  connection: PoolConnection,
  pending: PendingWrites,
): Promise<void> {
  await bulkInsert(connection, orders, pending.orders);
  await bulkInsert(connection, orderLines, pending.lines);
  await bulkInsert(connection, orderVat, pending.vat);
  await bulkInsert(connection, payments, pending.payments);
  Object.assign(pending, emptyWrites());
}
