/**
 * The devices panel: every paired device of some stores with what it last
 * reported at a push (app version, unsynced changes and since when) and how
 * many of its mutations the server rejected. Revoking and pairing live in
 * routes/admin.ts and routes/devices.ts.
 */
import { and, asc, count, inArray, isNotNull } from "drizzle-orm";

import { devices, rejections, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export interface DeviceStatus {
  id: string;
  storeId: string;
  storeName: string;
  name: string;
  registerCode: string | null;
  appVersion: string | null;
  pairedAtMs: number;
  lastSeenAtMs: number | null;
  /** Changes the device said it still held at its last push. */
  unsyncedCount: number;
  /** Since when it holds them: the oldest it reported, else its last contact. */
  unsyncedSinceMs: number | null;
  /** nowMs - unsyncedSinceMs, or null when it holds nothing. */
  unsyncedAgeMs: number | null;
  rejections: number;
  /**
   * Sequence numbers the device said it had assigned (its highest, at its last
   * contact) that never reached the server: after a tablet's data was wiped
   * or it was lost, these are the sales to take from its printed tickets.
   */
  notReceivedSeqs: { from: number; to: number } | null;
  revoked: boolean;
}

export async function devicesStatus(
  db: Database,
  storeIds: readonly string[],
  nowMs: number,
): Promise<DeviceStatus[]> {
  if (storeIds.length === 0) return [];
  const rows = await db
    .select()
    .from(devices)
    .where(inArray(devices.storeId, [...storeIds]))
    .orderBy(asc(devices.storeId), asc(devices.createdAt));
  const rejected = await db
    .select({ deviceId: rejections.deviceId, n: count() })
    .from(rejections)
    .where(and(inArray(rejections.storeId, [...storeIds]), isNotNull(rejections.deviceId)))
    .groupBy(rejections.deviceId);
  const rejectedBy = new Map(rejected.map((r) => [r.deviceId, Number(r.n)]));
  const storeNames = new Map(
    (await db.select({ id: stores.id, name: stores.name }).from(stores)).map((s) => [s.id, s.name]),
  );

  return rows.map((row) => {
    const since = unsyncedSince(row);
    return {
      id: row.id,
      storeId: row.storeId,
      storeName: storeNames.get(row.storeId) ?? row.storeId,
      name: row.name,
      registerCode: row.registerCode,
      appVersion: row.appVersion,
      pairedAtMs: row.createdAt.getTime(),
      lastSeenAtMs: row.lastSeenAt?.getTime() ?? null,
      unsyncedCount: row.reportedPending,
      unsyncedSinceMs: since,
      unsyncedAgeMs: since === null ? null : Math.max(0, nowMs - since),
      rejections: rejectedBy.get(row.id) ?? 0,
      notReceivedSeqs: notReceived(row),
      revoked: row.revokedAt !== null,
    };
  });
}

/** The seqs the device reported having assigned beyond the last one applied here. */
export function notReceived(row: {
  lastAppliedSeq: number;
  reportedHighestSeq: number;
}): { from: number; to: number } | null {
  if (row.reportedHighestSeq <= row.lastAppliedSeq) return null;
  return { from: row.lastAppliedSeq + 1, to: row.reportedHighestSeq };
}

/**
 * Since when a device holds unsynced changes, as last reported: the age of its
 * oldest one, or, when it did not say, its last contact (it held them then).
 */
export function unsyncedSince(row: {
  reportedPending: number;
  reportedOldestPendingAt: Date | null;
  lastSeenAt: Date | null;
}): number | null {
  if (row.reportedPending <= 0) return null;
  return (row.reportedOldestPendingAt ?? row.lastSeenAt)?.getTime() ?? null;
}
