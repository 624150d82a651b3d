/**
 * The sync state shown on each order, derived from the outbox (never guessed):
 * pending while one of its mutations waits, rejected when the server refused
 * a command on it, synced otherwise. Call inside a transaction with orders and outbox.
 * When the last pending change was refused, the server's copy seen meanwhile comes back.
 */
import type { CounterDb } from "../db/database.js";

export async function refreshOrderSyncStates(db: CounterDb, orderIds: Iterable<string>) {
  for (const orderId of orderIds) {
    const order = await db.orders.get(orderId);
    if (!order) continue;
    const waiting = await db.outbox
      .where("orderId")
      .equals(orderId)
      .filter((entry) => entry.state === "pending")
      .count();
    const syncState = waiting > 0 ? "pending" : order.rejection ? "rejected" : "synced";
    if (waiting === 0 && order.serverCopy) {
      const settled = order.rejection ? { ...order, ...order.serverCopy } : order;
      await db.orders.put({ ...settled, syncState, serverCopy: null });
    } else if (syncState !== order.syncState) {
      await db.orders.update(orderId, { syncState });
    }
  }
}
