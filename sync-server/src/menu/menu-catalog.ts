/**
 * The menu in force as a MenuSnapshot, read from the menu tables in one
 * snapshot and cached by menu version. Any menu change must add a
 * menu_versions row: that is what tells this cache (and every device) to
 * reload. A change scheduled ahead adds a row with effective_at in the future,
 * so the version (the count of rows in force) moves by itself when it comes.
 */
import type { Pool } from "mysql2/promise";
import { and, asc, count, eq, gte, isNull, lte, or } from "drizzle-orm";

import { DEFAULT_DISCOUNT_LIMITS, sortAllergens, type MenuSnapshot } from "@ocpizza/schema";
import type { DiscountLimits, Promotion, PromotionKind } from "@ocpizza/schema";
import {
  categories,
  discountLimits,
  ingredients,
  menuVersions,
  priceChanges,
  productAllergens,
  products,
  productSizes,
  productUnavailability,
  promotions,
  recipeItems,
  STAFF_ROLES,
} from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";

export class MenuCatalog {
  private cached: MenuSnapshot | null = null;
  private loading: Promise<MenuSnapshot> | null = null;

  constructor(
    private readonly pool: Pool,
    /** The clock, in epoch ms: what "in force" means. */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The menu in force; one cheap query when the cached version is still
   * current. With a store, the products that store has turned off are left out.
   */
  async current(db: Database, storeId?: string): Promise<MenuSnapshot> {
    const menu = await this.wholeMenu(db);
    return storeId === undefined ? menu : menuForStore(menu, storeId);
  }

  private async wholeMenu(db: Database): Promise<MenuSnapshot> {
    const version = await currentMenuVersion(db, this.now());
    if (this.cached?.version === version) return this.cached;

    // Concurrent requests share one reload.
    const atMs = this.now();
    this.loading ??= inTransaction(this.pool, { snapshot: true }, ({ db: tx }) =>
      readMenu(tx, atMs),
    )
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

/** The number of menu versions in force at an instant (default now). */
export async function currentMenuVersion(db: Database, atMs: number = Date.now()): Promise<number> {
  const [row] = await db
    .select({ version: count() })
    .from(menuVersions)
    .where(or(isNull(menuVersions.effectiveAt), lte(menuVersions.effectiveAt, new Date(atMs))));
  return row?.version ?? 0;
}

/** The store's own menu: what it has turned off is left out, and so is the list of stores. */
export function menuForStore(menu: MenuSnapshot, storeId: string): MenuSnapshot {
  return {
    ...menu,
    products: menu.products
      .filter((p) => !p.unavailableStoreIds?.includes(storeId))
      .map(({ unavailableStoreIds: _left, ...product }) => product),
  };
}

/**
 * Reads the whole menu in force at an instant: prices from the price history,
 * promotions not over yet. Inactive products are left out (a device must not sell them).
 */
export async function readMenu(db: Database, atMs: number = Date.now()): Promise<MenuSnapshot> {
  const version = await currentMenuVersion(db, atMs);
  const at = new Date(atMs);
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
  const [prices, allergenRows, offRows, promotionList, limits] = await Promise.all([
    pricesInForce(db, atMs),
    db.select().from(productAllergens),
    db.select().from(productUnavailability),
    readPromotions(db, at.toISOString().slice(0, 10)),
    readDiscountLimits(db),
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
        .map(({ size, priceCents }) => ({
          size,
          priceCents: prices.get(`${p.id}|${size}`) ?? priceCents,
        })),
      ingredientIds: [
        ...new Set(recipes.filter((r) => r.productId === p.id).map((r) => r.ingredientId)),
      ],
      sortOrder: p.sortOrder,
      allergens: sortAllergens(
        allergenRows.filter((a) => a.productId === p.id).map((a) => a.allergen),
      ),
      unavailableStoreIds: offRows
        .filter((o) => o.productId === p.id)
        .map((o) => o.storeId)
        .sort(),
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
    promotions: promotionList,
    discountLimits: limits,
  };
}

/** "product|size" -> the price of the latest change in force at the instant. */
export async function pricesInForce(db: Database, atMs: number): Promise<Map<string, number>> {
  const rows = await db
    .select()
    .from(priceChanges)
    .where(lte(priceChanges.effectiveAt, new Date(atMs)))
    .orderBy(asc(priceChanges.effectiveAt), asc(priceChanges.id));
  // Ordered oldest first, so the last write for a key is the one in force.
  return new Map(rows.map((row) => [`${row.productId}|${row.size}`, row.priceCents]));
}

/** Promotions whose last day is not before `fromDay` (UTC date; a day early is harmless). */
export async function readPromotions(db: Database, fromDay: string): Promise<Promotion[]> {
  const rows = await db
    .select()
    .from(promotions)
    .where(and(gte(promotions.endsOn, previousDay(fromDay))))
    .orderBy(asc(promotions.id));
  return rows.map(promotionOfRow);
}

export function promotionOfRow(row: typeof promotions.$inferSelect): Promotion {
  return {
    id: row.id,
    nameFr: row.nameFr,
    nameEn: row.nameEn,
    kind: row.kind as PromotionKind,
    percentBp: row.percentBp,
    categoryIds: row.categoryIds === "" ? [] : row.categoryIds.split(","),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    weekdays: row.weekdays === "" ? [] : row.weekdays.split(",").map(Number),
    active: row.active,
  };
}

export async function readDiscountLimits(db: Database): Promise<DiscountLimits> {
  const rows = await db.select().from(discountLimits);
  const limits = { ...DEFAULT_DISCOUNT_LIMITS };
  for (const row of rows) {
    if ((STAFF_ROLES as readonly string[]).includes(row.role)) {
      limits[row.role as keyof DiscountLimits] = row.maxPercentBp;
    }
  }
  limits.manager = DEFAULT_DISCOUNT_LIMITS.manager;
  return limits;
}

function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
