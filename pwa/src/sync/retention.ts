/**
 * What the device forgets, and when. Confirmed outbox entries are kept
 * `retentionDays` after their confirmation so a server restored from a
 * backup can be brought back up to date (design rule 5); pending entries are
 * never purged. Orders of past business days go with them, unless still pending.
 */
import { addDays, businessDay } from "@ocpizza/schema";

import type { CounterDb } from "../db/database.js";
import { ordersWithPendingMutations } from "../db/outbox.js";

export const DAY_MS = 86_400_000;

export async function purgeExpired(
  db: CounterDb,
  nowMs: number,
  retentionDays: number,
): Promise<{ entries: number; orders: number }> {
  const cutoffMs = nowMs - retentionDays * DAY_MS;

  return db.transaction("rw", [db.outbox, db.orders, db.rejections, db.meta], async () => {
    const entries = await db.outbox
      .where("state")
      .equals("confirmed")
      .filter((entry) => (entry.confirmedAtMs ?? nowMs) < cutoffMs)
      .delete();

    const meta = await db.meta.get("device");
    if (!meta?.store) return { entries, orders: 0 };
    const today = businessDay(nowMs, meta.store.timeZone, meta.store.closingMinutes);
    const oldestKeptDay = addDays(today, -retentionDays);
    const pending = await ordersWithPendingMutations(db);
    const orders = await db.orders
      .where("businessDay")
      .below(oldestKeptDay)
      .filter((order) => !pending.has(order.id))
      .delete();
    await db.rejections.where("createdAtMs").below(cutoffMs).delete();
    return { entries, orders };
  });
}
