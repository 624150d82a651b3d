/**
 * The stock ledger of a store: stock = initial quantity + the sum of
 * signed movements, per ingredient. An order's movements are settled
 * against what its lines take (a sale, a change of lines, a cancellation
 * giving everything back), each under a key so a retried push or a second
 * accept never counts a sale twice. A sale is never refused for stock: an
 * oversell is recorded and a manager is alerted (stock_oversold); a stock
 * falling under its threshold raises stock_low once until it is lifted.
 * Callers hold the store's row lock, so movements of one store never race.
 */
import { and, eq, inArray, sql } from "drizzle-orm";

import { linesIngredients, type LineForRecipe, type MenuSnapshot } from "@ocpizza/schema";
import { alerts, stockLevels, stockMovements } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export const MOVEMENT_KINDS = [
  "sale",
  "sale_change",
  "cancel_return",
  "delivery",
  "count",
  "waste",
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface StockAlert {
  kind: "stock_oversold" | "stock_low";
  message: string;
  orderId: string | null;
}

export type Recipes = MenuSnapshot["recipes"];

export interface OrderStockChange {
  storeId: string;
  orderId: string;
  /** The order's lines now: empty for a cancellation (everything goes back). */
  lines: readonly LineForRecipe[];
  recipes: Recipes;
  kind: "sale" | "sale_change" | "cancel_return";
  /** Unique per cause: "sale:<order>", "cancel:<order>", "change:<order>:<device>:<seq>". */
  key: string;
  staffId?: string | null;
  now: Date;
  /** The order was just created in this transaction: it has no movements yet. */
  fresh?: boolean;
}

/**
 * Brings the order's movements to what its lines take now, under one key.
 * Returns the alerts to raise (the caller stores them with the rest of its
 * transaction's alerts). Nothing happens when the key was already used.
 */
export async function settleOrderStock(
  db: Database,
  change: OrderStockChange,
): Promise<StockAlert[]> {
  if (!change.fresh && (await keyUsed(db, change.storeId, change.key))) return [];

  const wanted = linesIngredients(change.recipes, change.lines);
  const taken = change.fresh ? new Map<string, number>() : await takenByOrder(db, change.orderId);
  const rows: (typeof stockMovements.$inferInsert)[] = [];
  for (const ingredientId of new Set([...wanted.keys(), ...taken.keys()])) {
    // The order should hold -wanted; it holds -taken: the movement is the difference.
    const delta = (taken.get(ingredientId) ?? 0) - (wanted.get(ingredientId) ?? 0);
    if (delta === 0) continue;
    rows.push({
      storeId: change.storeId,
      ingredientId,
      kind: change.kind,
      quantity: delta,
      movementKey: change.key,
      orderId: change.orderId,
      staffId: change.staffId ?? null,
      createdAt: change.now,
    });
  }
  if (rows.length === 0) return [];
  await insertMovements(db, rows);
  return checkLevels(
    db,
    change.storeId,
    rows.map((row) => row.ingredientId),
    change.kind === "cancel_return"
      ? null
      : { orderId: change.orderId, moved: new Map(rows.map((r) => [r.ingredientId, r.quantity])) },
  );
}

export interface ManualMovement {
  ingredientId: string;
  kind: "delivery" | "count" | "waste";
  /** Signed quantity to record (a count records counted - current). */
  quantity: number;
  note?: string | null;
}

/** Records movements a manager enters (deliveries, waste, count adjustments). */
export async function recordManualMovements(
  db: Database,
  storeId: string,
  movements: readonly ManualMovement[],
  key: string,
  staffId: string | null,
  now: Date,
): Promise<StockAlert[]> {
  const rows = movements
    .filter((m) => m.quantity !== 0)
    .map((m) => ({
      storeId,
      ingredientId: m.ingredientId,
      kind: m.kind,
      quantity: m.quantity,
      movementKey: key,
      orderId: null,
      staffId,
      note: m.note ?? null,
      createdAt: now,
    }));
  if (rows.length === 0) return [];
  await insertMovements(db, rows);
  return checkLevels(
    db,
    storeId,
    rows.map((row) => row.ingredientId),
    null,
  );
}

/** Ingredient id -> quantity on hand, for the ingredients the store tracks. */
export async function currentStock(
  db: Database,
  storeId: string,
  ingredientIds?: readonly string[],
): Promise<Map<string, number>> {
  const levels = await db
    .select({ ingredientId: stockLevels.ingredientId, initial: stockLevels.initialQuantity })
    .from(stockLevels)
    .where(
      and(
        eq(stockLevels.storeId, storeId),
        ingredientIds ? inArray(stockLevels.ingredientId, [...ingredientIds]) : undefined,
      ),
    );
  if (levels.length === 0) return new Map();
  const sums = await db
    .select({
      ingredientId: stockMovements.ingredientId,
      total: sql<string>`SUM(${stockMovements.quantity})`,
    })
    .from(stockMovements)
    .where(
      and(
        eq(stockMovements.storeId, storeId),
        inArray(
          stockMovements.ingredientId,
          levels.map((level) => level.ingredientId),
        ),
      ),
    )
    .groupBy(stockMovements.ingredientId);
  const moved = new Map(sums.map((row) => [row.ingredientId, Number(row.total)]));
  return new Map(
    levels.map((level) => [
      level.ingredientId,
      level.initial + (moved.get(level.ingredientId) ?? 0),
    ]),
  );
}

/** Stores alerts raised outside a push (the online accept, manager entries). */
export async function insertStockAlerts(
  db: Database,
  storeId: string,
  raised: readonly StockAlert[],
  now: Date,
): Promise<void> {
  if (raised.length === 0) return;
  await db.insert(alerts).values(
    raised.map((alert) => ({
      storeId,
      kind: alert.kind,
      message: alert.message.slice(0, 500),
      orderId: alert.orderId,
      createdAt: now,
    })),
  );
}

async function keyUsed(db: Database, storeId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(and(eq(stockMovements.storeId, storeId), eq(stockMovements.movementKey, key)))
    .limit(1);
  return row !== undefined;
}

/** Ingredient id -> quantity this order holds (positive: taken from stock). */
async function takenByOrder(db: Database, orderId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({
      ingredientId: stockMovements.ingredientId,
      total: sql<string>`SUM(${stockMovements.quantity})`,
    })
    .from(stockMovements)
    .where(eq(stockMovements.orderId, orderId))
    .groupBy(stockMovements.ingredientId);
  return new Map(rows.map((row) => [row.ingredientId, -Number(row.total)]));
}

/** The unique key makes a replay a no-op even if the keyUsed check was raced. */
async function insertMovements(db: Database, rows: (typeof stockMovements.$inferInsert)[]) {
  await db
    .insert(stockMovements)
    .values(rows)
    .onDuplicateKeyUpdate({ set: { id: sql`${stockMovements.id}` } });
}

/**
 * Alerts for the tracked ingredients just moved: an oversell by this order
 * (its movement took the stock from zero or more to below zero: the sales
 * after it, while the stock stays short, add nothing), and a low stock raised
 * once per crossing. A stock back at or above its threshold closes the
 * low-stock episode.
 */
async function checkLevels(
  db: Database,
  storeId: string,
  ingredientIds: readonly string[],
  sale: { orderId: string; moved: ReadonlyMap<string, number> } | null,
): Promise<StockAlert[]> {
  const levels = await db
    .select()
    .from(stockLevels)
    .where(
      and(eq(stockLevels.storeId, storeId), inArray(stockLevels.ingredientId, [...ingredientIds])),
    );
  if (levels.length === 0) return [];
  const stock = await currentStock(
    db,
    storeId,
    levels.map((level) => level.ingredientId),
  );

  const raised: StockAlert[] = [];
  const oversold = levels.filter((level) => {
    const after = stock.get(level.ingredientId) ?? 0;
    return after < 0 && after - (sale?.moved.get(level.ingredientId) ?? 0) >= 0;
  });
  if (sale && oversold.length > 0) {
    const list = oversold.map((l) => `${l.ingredientId} ${stock.get(l.ingredientId)}`).join(", ");
    raised.push({
      kind: "stock_oversold",
      message:
        `order ${sale.orderId} was sold with stock short: ${list}. ` +
        "Recorded as sold; check the shelves and record a delivery or a count.",
      orderId: sale.orderId,
    });
  }
  for (const level of levels) {
    if (level.lowThreshold === null) continue;
    const onHand = stock.get(level.ingredientId) ?? 0;
    const low = onHand < level.lowThreshold;
    if (low === level.lowAlertOpen) continue;
    await db
      .update(stockLevels)
      .set({ lowAlertOpen: low })
      .where(
        and(eq(stockLevels.storeId, storeId), eq(stockLevels.ingredientId, level.ingredientId)),
      );
    if (low) {
      raised.push({
        kind: "stock_low",
        message:
          `${level.ingredientId} is low in store ${storeId}: ${onHand} left, threshold ` +
          `${level.lowThreshold}. Order a delivery.`,
        orderId: null,
      });
    }
  }
  return raised;
}
