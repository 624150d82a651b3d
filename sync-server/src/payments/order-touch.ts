/**
 * An order changed by Square's word (an offline card sale declined): the
 * store's version is bumped under its row lock and the order takes it, so the
 * counters' next pull brings the order back with what it now owes.
 */
import { eq } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { orders, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";

/** Inside the caller's transaction (a webhook's): lock the store, bump, stamp the order. */
export async function touchOrderIn(db: Database, orderId: string, now: Date): Promise<void> {
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
  await db.update(orders).set({ version, updatedAt: now }).where(eq(orders.id, orderId));
}

/** Each order in its own short transaction (the reconciliation's declined sales). */
export async function touchOrders(pool: Pool, orderIds: readonly string[], now: Date) {
  for (const orderId of new Set(orderIds)) {
    await inTransaction(pool, { isolation: "READ COMMITTED" }, ({ db }) =>
      touchOrderIn(db, orderId, now),
    );
  }
}
