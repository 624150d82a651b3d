/**
 * "Can still make N", computed on the device, also offline: the stock the
 * server last gave, less what this device's unsynced sales take (they are
 * not in the server's figure yet), divided by each recipe. Other counters'
 * unsynced sales are unknown here: the figure may be high by those, which
 * is why the server records an oversell instead of refusing it.
 */
import { canStillMake, linesIngredients, type MenuSnapshot, type Mutation } from "@ocpizza/schema";

import type { StockRow } from "./stock-types.js";

/** Ingredient -> quantity left once this device's pending sales are taken out. */
export function localStock(
  rows: readonly Pick<StockRow, "ingredientId" | "quantity">[],
  pending: readonly Mutation[],
  recipes: MenuSnapshot["recipes"],
): Map<string, number> {
  const stock = new Map(rows.map((row) => [row.ingredientId, row.quantity]));
  const sales = pending.flatMap((m) =>
    m.kind === "order.create" && !m.order.training ? m.order.lines : [],
  );
  for (const [ingredientId, quantity] of linesIngredients(recipes, sales)) {
    const onHand = stock.get(ingredientId);
    if (onHand !== undefined) stock.set(ingredientId, onHand - quantity);
  }
  return stock;
}

/** Size -> how many more can be made, for the sizes whose ingredients are tracked. */
export function canMakeBySize(
  menu: MenuSnapshot,
  productId: string,
  stock: ReadonlyMap<string, number>,
): Map<string, number> {
  const product = menu.products.find((p) => p.id === productId);
  const counts = new Map<string, number>();
  for (const { size } of product?.sizes ?? []) {
    const count = canStillMake(menu.recipes, productId, size, stock);
    if (count !== null) counts.set(size, count);
  }
  return counts;
}
