/**
 * Store settings in MySQL: the stores row (zone, fee, minimum order, legal
 * identity, coordinates) plus one row per opening range and per closed day.
 * Reads build the public StoreDetails; writes replace every setting of one
 * store inside the caller's transaction. Validation happens before, in zod.
 */
import { asc, eq, inArray } from "drizzle-orm";

import {
  WEEKDAYS,
  clockMinutes,
  clockText,
  openStateAt,
  type OpeningHours,
  type StoreDetails,
  type StoreSettings,
  type WeeklyHours,
} from "@ocpizza/schema";
import { storeClosedDays, storeOpeningHours, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

type StoreRow = typeof stores.$inferSelect;
type HoursRow = typeof storeOpeningHours.$inferSelect;

export function emptyWeek(): WeeklyHours {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
}

export function hoursFromRows(rows: readonly HoursRow[]): WeeklyHours {
  const week = emptyWeek();
  const sorted = [...rows].sort((a, b) => a.weekday - b.weekday || a.opensMinute - b.opensMinute);
  for (const row of sorted) {
    const day = WEEKDAYS[row.weekday - 1];
    if (day)
      week[day].push({ opens: clockText(row.opensMinute), closes: clockText(row.closesMinute) });
  }
  return week;
}

export function hoursToRows(storeId: string, week: WeeklyHours): HoursRow[] {
  return WEEKDAYS.flatMap((day, index) =>
    week[day].map((range) => ({
      storeId,
      weekday: index + 1,
      opensMinute: clockMinutes(range.opens)!,
      closesMinute: clockMinutes(range.closes)!,
    })),
  );
}

/** Every store's details, in name order, with "open now" at `nowMs`. */
export async function listStoreDetails(db: Database, nowMs: number): Promise<StoreDetails[]> {
  const rows = await db.select().from(stores).orderBy(asc(stores.name));
  return detailsOf(db, rows, nowMs);
}

export async function findStoreDetails(
  db: Database,
  storeId: string,
  nowMs: number,
): Promise<StoreDetails | null> {
  const rows = await db.select().from(stores).where(eq(stores.id, storeId)).limit(1);
  const [details] = await detailsOf(db, rows, nowMs);
  return details ?? null;
}

/** Replaces one store's settings; the caller holds the transaction. */
export async function writeStoreSettings(
  db: Database,
  storeId: string,
  settings: StoreSettings,
): Promise<void> {
  await db
    .update(stores)
    .set({
      deliveryMaxMinutes: settings.delivery.maxMinutes,
      deliveryRadiusM: settings.delivery.radiusMeters,
      deliveryFeeCents: settings.delivery.feeCents,
      minimumOrderCents: settings.delivery.minimumOrderCents,
      legalName: settings.legal.companyName,
      legalAddress: settings.legal.address,
      siret: settings.legal.siret,
      vatNumber: settings.legal.vatNumber,
      latitude: settings.coordinates.latitude,
      longitude: settings.coordinates.longitude,
    })
    .where(eq(stores.id, storeId));

  await db.delete(storeOpeningHours).where(eq(storeOpeningHours.storeId, storeId));
  const hours = hoursToRows(storeId, settings.openingHours);
  if (hours.length > 0) await db.insert(storeOpeningHours).values(hours);

  await db.delete(storeClosedDays).where(eq(storeClosedDays.storeId, storeId));
  if (settings.closedDays.length > 0) {
    await db.insert(storeClosedDays).values(settings.closedDays.map((day) => ({ storeId, day })));
  }
}

async function detailsOf(
  db: Database,
  rows: readonly StoreRow[],
  nowMs: number,
): Promise<StoreDetails[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const hours = await db
    .select()
    .from(storeOpeningHours)
    .where(inArray(storeOpeningHours.storeId, ids));
  const closed = await db
    .select()
    .from(storeClosedDays)
    .where(inArray(storeClosedDays.storeId, ids))
    .orderBy(asc(storeClosedDays.day));

  return rows.map((row) => {
    const opening: OpeningHours = {
      weekly: hoursFromRows(hours.filter((h) => h.storeId === row.id)),
      closedDays: closed.filter((c) => c.storeId === row.id).map((c) => c.day),
    };
    return {
      id: row.id,
      name: row.name,
      address: row.address,
      postcode: row.postcode,
      city: row.city,
      phone: row.phone,
      timeZone: row.timeZone,
      latitude: row.latitude,
      longitude: row.longitude,
      openingHours: opening.weekly,
      closedDays: [...opening.closedDays],
      delivery: {
        maxMinutes: row.deliveryMaxMinutes,
        radiusMeters: row.deliveryRadiusM,
        feeCents: row.deliveryFeeCents,
        minimumOrderCents: row.minimumOrderCents,
      },
      legal: {
        companyName: row.legalName,
        address: row.legalAddress,
        siret: row.siret,
        vatNumber: row.vatNumber,
      },
      closingMinutes: row.closingMinutes,
      openNow: openStateAt(nowMs, opening, row.timeZone),
    };
  });
}
