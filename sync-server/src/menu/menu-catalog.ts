/**
 * The current menu as a MenuSnapshot, read from the menu tables in one
 * snapshot and cached by menu version. Any menu change must add a
 * menu_versions row: that is what tells this cache (and every device) to reload.
 */
import type { Pool } from "mysql2/promise";
import { asc, eq, max } from "drizzle-orm";

import type { MenuSnapshot } from "@ocpizza/schema";
import {
  categories,
  ingredients,
  menuVersions,
  products,
  productSizes,
  recipeItems,
} from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";

export class MenuCatalog {
  private cached: MenuSnapshot | null = null;
  private loading: Promise<MenuSnapshot> | null = null;

  constructor(private readonly pool: Pool) {}

  /** The current menu; one cheap query when the cached version is still current. */
  async current(db: Database): Promise<MenuSnapshot> {
    const version = await currentMenuVersion(db);
    if (this.cached?.version === version) return this.cached;

    // Concurrent requests share one reload.
    this.loading ??= inTransaction(this.pool, { snapshot: true }, ({ db: tx }) => readMenu(tx))
      .then((menu) => {
        this.cached = menu;
        return menu;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}

export async function currentMenuVersion(db: Database): Promise<number> {
  const [row] = await db.select({ version: max(menuVersions.id) }).from(menuVersions);
  return row?.version ?? 0;
}

/** Reads the whole menu; inactive products are left out (a device must not sell them). */
export async function readMenu(db: Database): Promise<MenuSnapshot> {
  const version = await currentMenuVersion(db);
  const [categoryRows, productRows, sizeRows, ingredientRows, recipeRows] = await Promise.all([
    db.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.id)),
    db
      .select()
      .from(products)
      .where(eq(products.active, true))
      .orderBy(asc(products.sortOrder), asc(products.id)),
    db.select().from(productSizes).orderBy(asc(productSizes.priceCents)),
    db.select().from(ingredients).orderBy(asc(ingredients.id)),
    db.select().from(recipeItems),
  ]);

  const active = new Set(productRows.map((p) => p.id));
  const recipes = recipeRows.filter((r) => active.has(r.productId));
  return {
    version,
    categories: categoryRows.map(({ id, nameFr, nameEn, kind, sortOrder }) => ({
      id,
      nameFr,
      nameEn,
      kind,
      sortOrder,
    })),
    products: productRows.map((p) => ({
      id: p.id,
      categoryId: p.categoryId,
      nameFr: p.nameFr,
      nameEn: p.nameEn,
      vat: { eat_in: p.vatEatInBp, takeaway: p.vatTakeawayBp, delivery: p.vatDeliveryBp },
      sizes: sizeRows
        .filter((s) => s.productId === p.id)
        .map(({ size, priceCents }) => ({ size, priceCents })),
      ingredientIds: [
        ...new Set(recipes.filter((r) => r.productId === p.id).map((r) => r.ingredientId)),
      ],
      sortOrder: p.sortOrder,
    })),
    ingredients: ingredientRows.map(({ id, nameFr, nameEn, unit, extraPriceCents }) => ({
      id,
      nameFr,
      nameEn,
      unit,
      extraPriceCents,
    })),
    recipes: recipes.map(({ productId, size, ingredientId, quantity }) => ({
      productId,
      size,
      ingredientId,
      quantity,
    })),
  };
}
