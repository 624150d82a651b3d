/**
 * What the online menu of a store cannot sell now: the product sizes the
 * ingredient stock allows none of (an ingredient tracked and short). Sizes
 * whose ingredients are not tracked are never sold out. Computed from the
 * server's stock, which already counts every synced and accepted sale.
 */
import { canStillMake, type MenuSnapshot } from "@ocpizza/schema";

import type { Database } from "../db/connection.js";
import { currentStock } from "./ledger.js";

export interface SoldOutSize {
  productId: string;
  size: string;
}

export async function soldOutSizes(
  db: Database,
  storeId: string,
  menu: Pick<MenuSnapshot, "products" | "recipes">,
): Promise<SoldOutSize[]> {
  const stock = await currentStock(db, storeId);
  if (stock.size === 0) return [];
  const soldOut: SoldOutSize[] = [];
  for (const product of menu.products) {
    for (const { size } of product.sizes) {
      if (canStillMake(menu.recipes, product.id, size, stock) === 0) {
        soldOut.push({ productId: product.id, size });
      }
    }
  }
  return soldOut;
}
