/**
 * What a store's manager records by hand: a delivery in, an inventory count
 * (recorded as the difference to the ledger's figure), waste, and the
 * low-stock threshold of an ingredient. Each entry runs in one transaction
 * under the store's row lock, after every ingredient id was checked; the
 * entry's reference (a UUID the client chooses) makes a retried entry count
 * once. Also the stock figures of a store, for managers and devices.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { ingredients, stockLevels, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import { HttpError } from "../http/errors.js";
import {
  currentStock,
  insertStockAlerts,
  recordManualMovements,
  type ManualMovement,
} from "./ledger.js";

export type EntryKind = "delivery" | "count" | "waste";

export interface StockEntry {
  kind: EntryKind;
  /** Idempotency key of the entry, chosen by the client. */
  reference: string;
  /** Delivery and waste: quantity > 0; count: the quantity counted (>= 0). */
  items: { ingredientId: string; quantity: number }[];
  note?: string;
}

export interface StockFigure {
  ingredientId: string;
  nameFr: string;
  nameEn: string;
  unit: string;
  quantity: number;
  lowThreshold: number | null;
  low: boolean;
}

export async function recordStockEntry(
  pool: Pool,
  storeId: string,
  entry: StockEntry,
  staffId: string | null,
  now: Date,
): Promise<StockFigure[]> {
  await inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId)).for("update");
    const ids = entry.items.map((item) => item.ingredientId);
    await checkIngredients(db, ids);
    await startTracking(db, storeId, ids, now);

    const onHand = entry.kind === "count" ? await currentStock(db, storeId, ids) : new Map();
    const movements: ManualMovement[] = entry.items.map((item) => ({
      ingredientId: item.ingredientId,
      kind: entry.kind,
      quantity:
        entry.kind === "delivery"
          ? item.quantity
          : entry.kind === "waste"
            ? -item.quantity
            : item.quantity - (onHand.get(item.ingredientId) ?? 0),
      note: entry.note ?? null,
    }));
    const key = `${entry.kind}:${entry.reference}`;
    const raised = await recordManualMovements(db, storeId, movements, key, staffId, now);
    await insertStockAlerts(db, storeId, raised, now);
  });
  return stockFigures(pool, storeId);
}

/** Starts tracking the ingredient if needed and sets (or clears) its threshold. */
export async function setThreshold(
  pool: Pool,
  storeId: string,
  ingredientId: string,
  lowThreshold: number | null,
  now: Date,
): Promise<StockFigure[]> {
  await inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId)).for("update");
    await checkIngredients(db, [ingredientId], "ingredientId");
    await startTracking(db, storeId, [ingredientId], now);
    await db
      .update(stockLevels)
      .set({ lowThreshold })
      .where(and(eq(stockLevels.storeId, storeId), eq(stockLevels.ingredientId, ingredientId)));
  });
  return stockFigures(pool, storeId);
}

/** Every tracked ingredient of the store with its quantity on hand. */
export async function stockFigures(pool: Pool, storeId: string): Promise<StockFigure[]> {
  return inTransaction(pool, { snapshot: true }, async ({ db }) => {
    const levels = await db
      .select({
        ingredientId: stockLevels.ingredientId,
        lowThreshold: stockLevels.lowThreshold,
        nameFr: ingredients.nameFr,
        nameEn: ingredients.nameEn,
        unit: ingredients.unit,
      })
      .from(stockLevels)
      .innerJoin(ingredients, eq(ingredients.id, stockLevels.ingredientId))
      .where(eq(stockLevels.storeId, storeId))
      .orderBy(ingredients.nameFr);
    const stock = await currentStock(db, storeId);
    return levels.map((level) => {
      const quantity = stock.get(level.ingredientId) ?? 0;
      return {
        ...level,
        quantity,
        low: level.lowThreshold !== null && quantity < level.lowThreshold,
      };
    });
  });
}

/** 400 naming the first ingredient id the menu does not know; nothing is written. */
async function checkIngredients(
  db: Database,
  ids: readonly string[],
  field = "items",
): Promise<void> {
  const known = await db
    .select({ id: ingredients.id })
    .from(ingredients)
    .where(inArray(ingredients.id, [...ids]));
  const knownIds = new Set(known.map((row) => row.id));
  const index = ids.findIndex((id) => !knownIds.has(id));
  if (index === -1) return;
  const path = field === "items" ? `items.${index}.ingredientId` : field;
  throw new HttpError(
    400,
    "invalid_message",
    `Invalid message: ${path}: ${JSON.stringify(ids[index])} is not an ingredient of the ` +
      "menu: see GET /api/v1/menu.",
  );
}

/** An ingredient is tracked from its first entry, starting at 0. */
async function startTracking(db: Database, storeId: string, ids: readonly string[], now: Date) {
  if (ids.length === 0) return;
  await db
    .insert(stockLevels)
    .values([...new Set(ids)].map((ingredientId) => ({ storeId, ingredientId, createdAt: now })))
    .onDuplicateKeyUpdate({ set: { storeId } });
}
