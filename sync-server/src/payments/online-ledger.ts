/**
 * An online card charge written into the order's ledger once Square has
 * taken it: a `card` row of the sync's `payments` table (so the figures by
 * payment method and the counter see it), linked to the card record (so
 * orderMoney counts it once), the order's paidCents raised and its version
 * bumped under the store lock (the counters' next pull shows it paid).
 */
import { eq, sql } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { newId } from "@ocpizza/schema";
import { cardPayments, orders, payments, stores } from "@ocpizza/schema/db";

import { inTransaction } from "../db/transaction.js";

/** Writes the ledger row of a completed online charge; a second call finds it written. */
export async function recordOnlineCharge(pool: Pool, cardPaymentId: string, now: Date) {
  await inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    const [card] = await db
      .select()
      .from(cardPayments)
      .where(eq(cardPayments.id, cardPaymentId))
      .for("update");
    if (!card || card.ledgerPaymentId !== null || card.status !== "COMPLETED") return;
    const [order] = await db
      .select({ businessDay: orders.businessDay })
      .from(orders)
      .where(eq(orders.id, card.orderId));
    if (!order) return;
    const [store] = await db
      .select({ version: stores.version })
      .from(stores)
      .where(eq(stores.id, card.storeId))
      .for("update");
    const version = store.version + 1;
    const ledgerId = newId();

    await db.insert(payments).values({
      id: ledgerId,
      orderId: card.orderId,
      storeId: card.storeId,
      businessDay: order.businessDay,
      method: "card",
      amountCents: card.amountCents,
      createdAt: now,
    });
    await db
      .update(cardPayments)
      .set({ ledgerPaymentId: ledgerId, updatedAt: now })
      .where(eq(cardPayments.id, card.id));
    await db.update(stores).set({ version }).where(eq(stores.id, card.storeId));
    await db
      .update(orders)
      .set({ paidCents: sql`${orders.paidCents} + ${card.amountCents}`, version, updatedAt: now })
      .where(eq(orders.id, card.orderId));
  });
}
