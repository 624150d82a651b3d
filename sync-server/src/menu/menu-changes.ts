/**
 * Menu changes a manager makes: prices from an instant, allergens, a product
 * off in one store, promotions and discount limits. Each runs in the caller's
 * transaction and adds one menu version, so counters get it on their next
 * pull and GET /api/v1/menu at once (or, for a price scheduled ahead, when it
 * takes effect). Checking the request is the route's job (routes/menu-admin.ts).
 */
import { and, asc, eq, gt, max } from "drizzle-orm";

import type { Allergen, PromotionInput } from "@ocpizza/schema";
import {
  categories,
  discountLimits,
  menuVersions,
  priceChanges,
  productAllergens,
  products,
  productSizes,
  productUnavailability,
  promotions,
} from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export interface ChangeContext {
  db: Database;
  nowMs: number;
  /** The manager making the change; null for the operator's token. */
  staffId: string | null;
}

/** Adds the menu version that announces a change; effectiveAtMs in the future schedules it. */
export async function addMenuVersion(
  ctx: ChangeContext,
  note: string,
  effectiveAtMs?: number,
): Promise<void> {
  const scheduled = effectiveAtMs !== undefined && effectiveAtMs > ctx.nowMs;
  await ctx.db.insert(menuVersions).values({
    createdAt: new Date(ctx.nowMs),
    note: note.slice(0, 255),
    effectiveAt: scheduled ? new Date(effectiveAtMs) : null,
  });
}

export async function productExists(db: Database, productId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.id, productId));
  return row !== undefined;
}

export async function productSizeNames(db: Database, productId: string): Promise<string[]> {
  const rows = await db
    .select({ size: productSizes.size })
    .from(productSizes)
    .where(eq(productSizes.productId, productId));
  return rows.map((row) => row.size);
}

/** New prices for some sizes of a product, in force from `effectiveAtMs`. */
export async function changePrices(
  ctx: ChangeContext,
  productId: string,
  prices: readonly { size: string; priceCents: number }[],
  effectiveAtMs: number,
): Promise<void> {
  await ctx.db.insert(priceChanges).values(
    prices.map(({ size, priceCents }) => ({
      productId,
      size,
      priceCents,
      effectiveAt: new Date(effectiveAtMs),
      createdAt: new Date(ctx.nowMs),
      createdByStaffId: ctx.staffId,
    })),
  );
  const sizes = prices.map((p) => `${p.size} ${p.priceCents}`).join(", ");
  await addMenuVersion(ctx, `prices of ${productId}: ${sizes}`, effectiveAtMs);
}

/** Price changes not in force yet, for the manager's page. */
export async function scheduledPrices(db: Database, nowMs: number) {
  return db
    .select({
      productId: priceChanges.productId,
      size: priceChanges.size,
      priceCents: priceChanges.priceCents,
      effectiveAt: priceChanges.effectiveAt,
    })
    .from(priceChanges)
    .where(gt(priceChanges.effectiveAt, new Date(nowMs)))
    .orderBy(asc(priceChanges.effectiveAt), asc(priceChanges.id));
}

export async function setAllergens(
  ctx: ChangeContext,
  productId: string,
  allergens: readonly Allergen[],
): Promise<void> {
  await ctx.db.delete(productAllergens).where(eq(productAllergens.productId, productId));
  if (allergens.length > 0) {
    await ctx.db
      .insert(productAllergens)
      .values([...new Set(allergens)].map((allergen) => ({ productId, allergen })));
  }
  await addMenuVersion(ctx, `allergens of ${productId}: ${allergens.join(", ") || "none"}`);
}

/** Turns a product on or off in one store; a no-op adds no version. */
export async function setAvailability(
  ctx: ChangeContext,
  productId: string,
  storeId: string,
  available: boolean,
): Promise<void> {
  const where = and(
    eq(productUnavailability.productId, productId),
    eq(productUnavailability.storeId, storeId),
  );
  const [off] = await ctx.db.select().from(productUnavailability).where(where);
  if (available === (off === undefined)) return;
  if (available) {
    await ctx.db.delete(productUnavailability).where(where);
  } else {
    await ctx.db
      .insert(productUnavailability)
      .values({ productId, storeId, since: new Date(ctx.nowMs) });
  }
  await addMenuVersion(ctx, `${productId} ${available ? "on" : "off"} in ${storeId}`);
}

/** Creates (no id row yet) or replaces a promotion. */
export async function savePromotion(
  ctx: ChangeContext,
  id: string,
  input: PromotionInput,
): Promise<void> {
  const row = {
    nameFr: input.nameFr,
    nameEn: input.nameEn,
    kind: input.kind,
    percentBp: input.percentBp,
    categoryIds: [...new Set(input.categoryIds)].join(","),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    weekdays: [...new Set(input.weekdays)].sort().join(","),
    active: input.active,
  };
  const [existing] = await ctx.db
    .select({ id: promotions.id })
    .from(promotions)
    .where(eq(promotions.id, id));
  if (existing) {
    await ctx.db.update(promotions).set(row).where(eq(promotions.id, id));
  } else {
    await ctx.db.insert(promotions).values({ id, ...row, createdAt: new Date(ctx.nowMs) });
  }
  await addMenuVersion(ctx, `promotion ${id}`);
}

export async function promotionExists(db: Database, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: promotions.id })
    .from(promotions)
    .where(eq(promotions.id, id));
  return row !== undefined;
}

export async function setDiscountLimits(
  ctx: ChangeContext,
  limits: Record<"counter" | "pizzaiolo" | "driver", number>,
): Promise<void> {
  for (const [role, maxPercentBp] of Object.entries(limits)) {
    await ctx.db
      .insert(discountLimits)
      .values({ role, maxPercentBp })
      .onDuplicateKeyUpdate({ set: { maxPercentBp } });
  }
  await addMenuVersion(ctx, "discount limits");
}

export interface NewProduct {
  id: string;
  categoryId: string;
  nameFr: string;
  nameEn: string;
  vat: { eat_in: number; takeaway: number; delivery: number };
  sizes: readonly { size: string; priceCents: number }[];
}

/** A new product at the end of the menu, with its sizes' first prices. */
export async function createProduct(ctx: ChangeContext, product: NewProduct): Promise<void> {
  const [last] = await ctx.db.select({ sortOrder: max(products.sortOrder) }).from(products);
  await ctx.db.insert(products).values({
    id: product.id,
    categoryId: product.categoryId,
    nameFr: product.nameFr,
    nameEn: product.nameEn,
    vatEatInBp: product.vat.eat_in,
    vatTakeawayBp: product.vat.takeaway,
    vatDeliveryBp: product.vat.delivery,
    sortOrder: (last?.sortOrder ?? 0) + 1,
  });
  await ctx.db
    .insert(productSizes)
    .values(
      product.sizes.map(({ size, priceCents }) => ({ productId: product.id, size, priceCents })),
    );
  await addMenuVersion(ctx, `new product ${product.id}`);
}

export interface ProductChange {
  categoryId?: string;
  nameFr?: string;
  nameEn?: string;
  vat?: NewProduct["vat"];
  /** false takes it off the menu everywhere (its sales stay as they were). */
  active?: boolean;
}

export async function changeProduct(
  ctx: ChangeContext,
  productId: string,
  change: ProductChange,
): Promise<void> {
  await ctx.db
    .update(products)
    .set({
      ...(change.categoryId !== undefined && { categoryId: change.categoryId }),
      ...(change.nameFr !== undefined && { nameFr: change.nameFr }),
      ...(change.nameEn !== undefined && { nameEn: change.nameEn }),
      ...(change.vat && {
        vatEatInBp: change.vat.eat_in,
        vatTakeawayBp: change.vat.takeaway,
        vatDeliveryBp: change.vat.delivery,
      }),
      ...(change.active !== undefined && { active: change.active }),
    })
    .where(eq(products.id, productId));
  await addMenuVersion(ctx, `product ${productId}: ${Object.keys(change).join(", ")}`);
}

export async function categoryExists(db: Database, categoryId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.id, categoryId));
  return row !== undefined;
}

/** Products taken off the menu, so a manager can put them back. */
export async function inactiveProducts(db: Database) {
  return db
    .select({ id: products.id, nameFr: products.nameFr, nameEn: products.nameEn })
    .from(products)
    .where(eq(products.active, false))
    .orderBy(asc(products.sortOrder));
}
