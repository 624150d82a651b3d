/**
 * The one list of alerts a manager looks at (unsynced devices, flagged
 * sales, lost changes, journal problems, and whatever kinds later issues
 * add), newest first, and acknowledging one with who did it and when.
 */
import { and, desc, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";

import { alerts, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export type AlertStatus = "open" | "acknowledged" | "all";

export interface AlertListing {
  id: number;
  storeId: string;
  storeName: string;
  kind: string;
  message: string;
  orderId: string | null;
  deviceId: string | null;
  createdAtMs: number;
  /** When the condition ended (a device that synced again); null while it lasts. */
  resolvedAtMs: number | null;
  acknowledgedAtMs: number | null;
  acknowledgedBy: string | null;
  acknowledgedById: string | null;
}

export async function listAlerts(
  db: Database,
  query: { storeIds: readonly string[]; status: AlertStatus; limit: number; beforeId?: number },
): Promise<AlertListing[]> {
  if (query.storeIds.length === 0) return [];
  const rows = await db
    .select()
    .from(alerts)
    .where(
      and(
        inArray(alerts.storeId, [...query.storeIds]),
        query.status === "open" ? isNull(alerts.acknowledgedAt) : undefined,
        query.status === "acknowledged" ? isNotNull(alerts.acknowledgedAt) : undefined,
        query.beforeId === undefined ? undefined : lt(alerts.id, query.beforeId),
      ),
    )
    .orderBy(desc(alerts.id))
    .limit(query.limit);
  const names = await storeNames(db);
  return rows.map((row) => toListing(row, names));
}

export async function findAlert(db: Database, id: number) {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row ?? null;
}

/** Records who acknowledged an alert; the first acknowledgement is kept. */
export async function acknowledgeAlert(
  db: Database,
  id: number,
  by: { name: string; staffId: string | null },
  nowMs: number,
): Promise<AlertListing> {
  await db
    .update(alerts)
    .set({
      acknowledgedAt: new Date(nowMs),
      acknowledgedBy: by.name.slice(0, 120),
      acknowledgedById: by.staffId,
    })
    .where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt)));
  const row = await findAlert(db, id);
  if (!row) throw new Error(`alert ${id} disappeared`);
  return toListing(row, await storeNames(db));
}

async function storeNames(db: Database): Promise<Map<string, string>> {
  const rows = await db.select({ id: stores.id, name: stores.name }).from(stores);
  return new Map(rows.map((s) => [s.id, s.name]));
}

function toListing(row: typeof alerts.$inferSelect, names: Map<string, string>): AlertListing {
  return {
    id: row.id,
    storeId: row.storeId,
    storeName: names.get(row.storeId) ?? row.storeId,
    kind: row.kind,
    message: row.message,
    orderId: row.orderId,
    deviceId: row.deviceId,
    createdAtMs: row.createdAt.getTime(),
    resolvedAtMs: row.resolvedAt?.getTime() ?? null,
    acknowledgedAtMs: row.acknowledgedAt?.getTime() ?? null,
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedById: row.acknowledgedById,
  };
}
