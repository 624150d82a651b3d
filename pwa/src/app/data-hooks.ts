/**
 * Live reads of the local database the screens share: the device row, the
 * menu, today's orders, the journal's tickets of an order and the counts the
 * sync badge shows.
 */
import { businessDay } from "@ocpizza/schema";

import { currentDrawer } from "../db/shift.js";
import type { DeviceMeta, JournalRow, LocalOrder } from "../db/types.js";
import { useServices } from "./services.js";
import { useLiveQuery } from "./use-live-query.js";

export function useMeta(): DeviceMeta | null | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => (await db.meta.get("device")) ?? null, [db]);
}

export function useMenu() {
  const { db } = useServices();
  return useLiveQuery(async () => (await db.menu.get("current"))?.menu ?? null, [db]);
}

export function useOrder(orderId: string | null): LocalOrder | null | undefined {
  const { db } = useServices();
  return useLiveQuery(
    async () => (orderId ? ((await db.orders.get(orderId)) ?? null) : null),
    [db, orderId],
  );
}

/** The open shift and what its drawer should hold now; null when the drawer is closed. */
export function useDrawer() {
  const { db } = useServices();
  return useLiveQuery(() => currentDrawer(db), [db]);
}

/** This register's tickets of one order (its sale ticket, then any credit note), in seq order. */
export function useOrderTickets(orderId: string | null): JournalRow[] | undefined {
  const { db } = useServices();
  return useLiveQuery(
    async () => (orderId ? db.journal.where("orderId").equals(orderId).sortBy("seq") : []),
    [db, orderId],
  );
}

/** The tickets of this register for the given orders, grouped by order id. */
export function useTicketsByOrder(
  orderIds: readonly string[] | undefined,
): Map<string, JournalRow[]> | undefined {
  const { db } = useServices();
  const key = orderIds?.join(",") ?? "";
  return useLiveQuery(async () => {
    const byOrder = new Map<string, JournalRow[]>();
    if (!orderIds?.length) return byOrder;
    const rows = await db.journal.where("orderId").anyOf(orderIds).sortBy("seq");
    for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
    return byOrder;
  }, [db, key]);
}

/** Orders of the store's current business day, newest first. */
export function useTodayOrders(
  meta: DeviceMeta | null | undefined,
  nowMs: number,
): LocalOrder[] | undefined {
  const { db } = useServices();
  const store = meta?.store;
  const day = store ? businessDay(nowMs, store.timeZone, store.closingMinutes) : null;
  return useLiveQuery(async () => {
    if (!day) return [];
    const orders = await db.orders.where("businessDay").equals(day).toArray();
    return orders.sort((a, b) => b.createdAtMs - a.createdAtMs);
  }, [db, day]);
}

export interface SyncCounts {
  /** Orders with at least one mutation not yet confirmed by the server (from the outbox). */
  waitingOrders: number;
  pendingMutations: number;
  unseenRejections: number;
}

export function useSyncCounts(): SyncCounts | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const pending = await db.outbox.where("state").equals("pending").toArray();
    const rejections = await db.rejections.filter((r) => r.acknowledgedAtMs === null).count();
    const orderEntries = pending.filter((entry) => entry.kind.startsWith("order."));
    return {
      waitingOrders: new Set(orderEntries.map((entry) => entry.orderId)).size,
      pendingMutations: pending.length,
      unseenRejections: rejections,
    };
  }, [db]);
}
