/**
 * Live reads of the local database the screens share: the device row, the
 * menu, today's orders and the counts the sync badge shows.
 */
import { businessDay } from "@ocpizza/schema";

import type { DeviceMeta, LocalOrder } from "../db/types.js";
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
    return {
      waitingOrders: new Set(pending.map((entry) => entry.orderId)).size,
      pendingMutations: pending.length,
      unseenRejections: rejections,
    };
  }, [db]);
}
