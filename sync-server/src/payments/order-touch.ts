/**
 * An order changed by Square's word (an offline card sale declined): the
 * store's version is bumped under its row lock and the order takes it, so the
 * counters' next pull brings the order back with what it now owes. Called
 * once per card record, when it turns from counted to declined.
 */
import { eq, sql } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { orders, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";

/**
 * Inside the caller's transaction (a webhook's): lock the store, bump, stamp
 * the order. `takenBackCents` is counter card money Square declined: the
 * order's paidCents no longer counts it, so the counter asks for it again.
 */
export async function touchOrderIn(
  db: Database,
  orderId: string,
  now: Date,
  takenBackCents = 0,
): Promise<void> {
  const [order] = await db
    .select({ storeId: orders.storeId })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) return;
  const [store] = await db
    .select({ version: stores.version })
    .from(stores)
    .where(eq(stores.id, order.storeId))
    .for("update");
  const version = store.version + 1;
  await db.update(stores).set({ version }).where(eq(stores.id, order.storeId));
  const paidCents = sql`GREATEST(${orders.paidCents} - ${takenBackCents}, 0)`;
  await db.update(orders).set({ version, updatedAt: now, paidCents }).where(eq(orders.id, orderId));
}

/** Each declined sale in its own short transaction (the reconciliation's). */
export async function touchOrders(
  pool: Pool,
  declined: readonly { orderId: string; amountCents: number }[],
  now: Date,
) {
  for (const sale of declined) {
    await inTransaction(pool, { isolation: "READ COMMITTED" }, ({ db }) =>
      touchOrderIn(db, sale.orderId, now, sale.amountCents),
    );
  }
}
