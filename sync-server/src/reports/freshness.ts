/**
 * How fresh the synced figures of some stores are: the newest order the
 * server holds, the last contact of any of their devices, and the devices
 * that said, at their last push, that they still hold unsynced changes.
 * What a device has not pushed cannot be known here, only what it reported.
 */
import { and, asc, eq, gt, isNull, max, sql } from "drizzle-orm";

import type { SalesFreshness } from "@ocpizza/schema";
import { devices, orders } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export async function salesFreshness(
  db: Database,
  storeIds: readonly string[],
): Promise<SalesFreshness> {
  if (storeIds.length === 0) {
    return { newestOrderAtMs: null, lastContactAtMs: null, unsyncedDevices: [] };
  }
  const inStores = sql`${devices.storeId} IN (${sql.join(
    storeIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  const unsynced = await db
    .select({
      deviceId: devices.id,
      storeId: devices.storeId,
      name: devices.name,
      pending: devices.reportedPending,
      oldestPendingAt: devices.reportedOldestPendingAt,
      lastSeenAt: devices.lastSeenAt,
    })
    .from(devices)
    .where(and(inStores, gt(devices.reportedPending, 0), isNull(devices.revokedAt)))
    .orderBy(asc(devices.reportedOldestPendingAt), asc(devices.name));
  const [contact] = await db
    .select({ at: max(devices.lastSeenAt) })
    .from(devices)
    .where(and(inStores, isNull(devices.revokedAt)));

  let newestOrderAtMs: number | null = null;
  for (const storeId of storeIds) {
    const at = await newestOrderAt(db, storeId);
    if (at !== null && (newestOrderAtMs === null || at > newestOrderAtMs)) newestOrderAtMs = at;
  }

  return {
    newestOrderAtMs,
    lastContactAtMs: contact?.at ? new Date(contact.at).getTime() : null,
    unsyncedDevices: unsynced.map((d) => ({
      deviceId: d.deviceId,
      storeId: d.storeId,
      name: d.name,
      pending: d.pending,
      oldestPendingAtMs: d.oldestPendingAt?.getTime() ?? null,
      lastSeenAtMs: d.lastSeenAt?.getTime() ?? null,
    })),
  };
}

/**
 * The newest order of one store, in two index reads: its latest business day
 * (store/day index), then the latest creation time within that day: a later
 * order never has an earlier business day.
 */
async function newestOrderAt(db: Database, storeId: string): Promise<number | null> {
  const [latest] = await db
    .select({ day: max(orders.businessDay) })
    .from(orders)
    .where(eq(orders.storeId, storeId));
  if (!latest?.day) return null;
  const [row] = await db
    .select({ at: max(orders.createdAt) })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.businessDay, latest.day)));
  return row?.at ? new Date(row.at).getTime() : null;
}
