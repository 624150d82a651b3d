/**
 * Erasing a customer (GDPR art. 17) while keeping the sales records the law
 * requires (French tax rules: orders, lines, payments and the journal for
 * six years). Their orders keep every amount and product but lose who they
 * were for; the customers row stays as an anonymous marker with erased_at,
 * so the erasure itself can be shown. Journal rows are not touched: they
 * never hold a customer's name, phone or address (schema/src/journal.ts).
 */
import type { Pool } from "mysql2/promise";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";

import { ORDER_STATUSES, TERMINAL_STATUSES } from "@ocpizza/schema";
import {
  customers,
  emailVerifications,
  onlineOrders,
  orders,
  passwordResets,
  sessions,
  stores,
} from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";

/** Statuses of an order still to be made, handed over or delivered. */
const UNDER_WAY = ORDER_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

/**
 * The customer's oldest order not yet handed over, cancelled or refused, or
 * null. Erasure waits for it: stripped, it would lose the address the driver
 * needs, the phone the counter calls and the email its follow-up mails go to.
 */
export async function orderUnderWay(db: Database, customerId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), inArray(orders.status, UNDER_WAY)))
    .orderBy(asc(orders.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/** What an erased customer's name becomes (the column is NOT NULL). */
export const ERASED_NAME = "(erased)";

export interface ErasureResult {
  ordersStripped: number;
  sessionsRevoked: number;
}

export async function eraseCustomer(
  pool: Pool,
  customerId: string,
  nowMs: number,
): Promise<ErasureResult> {
  const now = new Date(nowMs);

  // Orders first, one transaction per store (none spans two stores), so a failure
  // leaves the account in place and the customer can simply try again.
  let ordersStripped = await stripAllOrders(pool, customerId);

  const sessionsRevoked = await inTransaction(
    pool,
    { isolation: "READ COMMITTED" },
    async ({ db }) => {
      await db
        .update(customers)
        .set({ email: null, name: ERASED_NAME, phone: null, passwordHash: null, erasedAt: now })
        .where(and(eq(customers.id, customerId), isNull(customers.erasedAt)));
      const [revoked] = await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(
          and(
            eq(sessions.subjectKind, "customer"),
            eq(sessions.subjectId, customerId),
            isNull(sessions.revokedAt),
          ),
        );
      await db
        .delete(passwordResets)
        .where(
          and(eq(passwordResets.subjectKind, "customer"), eq(passwordResets.subjectId, customerId)),
        );
      await db.delete(emailVerifications).where(eq(emailVerifications.customerId, customerId));
      return revoked.affectedRows;
    },
  );
  // Again: an order sent while the above ran (the session still open) may have landed since.
  ordersStripped += await stripAllOrders(pool, customerId);
  return { ordersStripped, sessionsRevoked };
}

async function stripAllOrders(pool: Pool, customerId: string): Promise<number> {
  const storeRows = await inTransaction(pool, {}, ({ db }) =>
    db
      .selectDistinct({ storeId: orders.storeId })
      .from(orders)
      .where(eq(orders.customerId, customerId)),
  );
  let stripped = 0;
  for (const { storeId } of storeRows) stripped += await stripOrders(pool, storeId, customerId);
  return stripped;
}

/**
 * Nulls who an order was for, under the store's row lock with a new store
 * version, so every counter of the store pulls the stripped order too.
 */
async function stripOrders(pool: Pool, storeId: string, customerId: string): Promise<number> {
  return inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    const [store] = await db
      .select({ version: stores.version })
      .from(stores)
      .where(eq(stores.id, storeId))
      .for("update");
    const ids = (
      await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.storeId, storeId), eq(orders.customerId, customerId)))
    ).map((row) => row.id);
    if (ids.length === 0) return 0;

    const version = store.version + 1;
    await db
      .update(orders)
      .set({
        customerId: null,
        customerName: null,
        customerPhone: null,
        deliveryAddress: null,
        deliveryNotes: null,
        note: null,
        version,
      })
      .where(inArray(orders.id, ids));
    // An online order keeps the email it was placed with (NOT NULL): emptied too.
    await db.update(onlineOrders).set({ email: "" }).where(inArray(onlineOrders.orderId, ids));
    await db.update(stores).set({ version }).where(eq(stores.id, storeId));
    return ids.length;
  });
}
