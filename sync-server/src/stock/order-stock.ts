/**
 * The stock side of an order's life, for the code paths that change it
 * outside a device push: an online order accepted by the counter takes its
 * ingredients then (the push handles counter orders, accepted when created),
 * a customer's change of an accepted order settles the difference, and a
 * cancellation gives them back. Call inside the transaction that holds the
 * store's row lock.
 */
import { eq, inArray } from "drizzle-orm";

import type { LineOption } from "@ocpizza/schema";
import { orderLines, recipeItems } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { insertStockAlerts, settleOrderStock } from "./ledger.js";

/**
 * Takes the ingredients of a stored order (once: a second call does
 * nothing) and stores the stock alerts it raises.
 */
export function takeAcceptedOrderStock(
  db: Database,
  storeId: string,
  orderId: string,
  now: Date,
  staffId: string | null = null,
): Promise<void> {
  return settleStoredOrder(db, storeId, orderId, "sale", `sale:${orderId}`, now, staffId);
}

/**
 * After the lines of an accepted order were replaced (the customer changed
 * it online): the order now takes what its new lines take. `version` is the
 * store version the change was written with, which names this change once.
 */
export function changeAcceptedOrderStock(
  db: Database,
  storeId: string,
  orderId: string,
  version: number,
  now: Date,
): Promise<void> {
  const key = `change:${orderId}:v${version}`;
  return settleStoredOrder(db, storeId, orderId, "sale_change", key, now, null);
}

async function settleStoredOrder(
  db: Database,
  storeId: string,
  orderId: string,
  kind: "sale" | "sale_change",
  key: string,
  now: Date,
  staffId: string | null,
): Promise<void> {
  const lines = await db
    .select({
      productId: orderLines.productId,
      size: orderLines.size,
      quantity: orderLines.quantity,
      options: orderLines.options,
    })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId));
  if (lines.length === 0) return;
  // Every recipe of these sizes: an extra not in its pizza's recipe weighs as on another.
  const sizes = [...new Set(lines.map((line) => line.size))];
  const recipes = await db
    .select({
      productId: recipeItems.productId,
      size: recipeItems.size,
      ingredientId: recipeItems.ingredientId,
      quantity: recipeItems.quantity,
    })
    .from(recipeItems)
    .where(inArray(recipeItems.size, sizes));

  const raised = await settleOrderStock(db, {
    storeId,
    orderId,
    lines: lines.map((line) => ({ ...line, options: JSON.parse(line.options) as LineOption[] })),
    recipes,
    kind,
    key,
    staffId,
    now,
  });
  await insertStockAlerts(db, storeId, raised, now);
}

/**
 * Gives back everything a cancelled order took (nothing when it took
 * nothing, e.g. an online order cancelled before the counter accepted it).
 */
export async function returnCancelledOrderStock(
  db: Database,
  storeId: string,
  orderId: string,
  now: Date,
  staffId: string | null = null,
): Promise<void> {
  await settleOrderStock(db, {
    storeId,
    orderId,
    lines: [],
    recipes: [],
    kind: "cancel_return",
    key: `cancel:${orderId}`,
    staffId,
    now,
  });
}
