/**
 * Stores as devices see them (StoreInfo): the public list and one store by
 * id. Coordinates and sync counters stay on the server.
 */
import { asc, eq } from "drizzle-orm";

import type { StoreInfo } from "@ocpizza/schema";
import { stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

type StoreRow = typeof stores.$inferSelect;

export function toStoreInfo(row: StoreRow): StoreInfo {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    postcode: row.postcode,
    city: row.city,
    phone: row.phone,
    timeZone: row.timeZone,
    closingMinutes: row.closingMinutes,
    legal: {
      companyName: row.legalName,
      address: row.legalAddress,
      siret: row.siret,
      vatNumber: row.vatNumber,
    },
  };
}

export async function listStores(db: Database): Promise<StoreInfo[]> {
  const rows = await db.select().from(stores).orderBy(asc(stores.name));
  return rows.map(toStoreInfo);
}

export async function findStore(db: Database, storeId: string): Promise<StoreRow | null> {
  const [row] = await db.select().from(stores).where(eq(stores.id, storeId)).limit(1);
  return row ?? null;
}
