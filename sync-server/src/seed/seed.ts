/**
 * Seeds an empty database: the five stores, and menu version 1 built from
 * the Pizza Place files (32 pizzas, 96 priced sizes, their ingredients) plus
 * drinks and desserts. Idempotent: stores and menu are each seeded only when
 * none exist. The rows are built by pure functions so tests can check them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Pool } from "mysql2/promise";
import { count, eq } from "drizzle-orm";

import { parseEuros, storeSettingsSchema } from "@ocpizza/schema";
import {
  categories,
  ingredients,
  menuVersions,
  productAllergens,
  products,
  productSizes,
  recipeItems,
  storeOpeningHours,
  stores,
} from "@ocpizza/schema/db";

import { REPO_ROOT } from "../config.js";
import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import { parseCsvValues as parseCsv } from "../csv.js";
import { writeStoreSettings } from "../stores/store-settings-db.js";
import {
  EXTRA_PRODUCTS,
  INGREDIENT_KINDS,
  INGREDIENTS,
  PIECE_INGREDIENTS,
  PIZZA_NAMES_FR,
  PIZZA_VAT,
  SEED_CATEGORIES,
  SIZE_FACTORS,
  slug,
} from "./menu-data.js";
import { seedAllergenRows } from "./allergens-data.js";
import {
  SEED_CLOSING_MINUTES,
  SEED_STORE_SETTINGS,
  SEED_STORES,
  SEED_TIME_ZONE,
} from "./stores-data.js";

export const PIZZA_PLACE_DIR = join(REPO_ROOT, "sync-server", "data", "pizza-place");

export interface SeedMenu {
  categories: (typeof categories.$inferInsert)[];
  products: (typeof products.$inferInsert)[];
  sizes: (typeof productSizes.$inferInsert)[];
  ingredients: (typeof ingredients.$inferInsert)[];
  recipes: (typeof recipeItems.$inferInsert)[];
}

/** The menu rows, from the two CSV files of the data set and menu-data.ts. */
export function buildSeedMenu(pizzaTypesCsv: string, pizzasCsv: string): SeedMenu {
  const types = parseCsv(pizzaTypesCsv);
  const categoryByCsv = new Map(SEED_CATEGORIES.map((c) => [c.csvName, c.id]));

  const menu: SeedMenu = {
    categories: SEED_CATEGORIES.map((c, i) => ({
      id: c.id,
      nameFr: c.nameFr,
      nameEn: c.nameEn,
      kind: c.kind,
      sortOrder: i,
    })),
    products: [],
    sizes: [],
    ingredients: [],
    recipes: [],
  };

  types.forEach((type, i) => {
    const categoryId = categoryByCsv.get(type.category);
    const nameFr = PIZZA_NAMES_FR[type.pizza_type_id];
    if (!categoryId || !nameFr) {
      throw new Error(`pizza type ${type.pizza_type_id}: unknown category or no French name`);
    }
    menu.products.push({
      id: type.pizza_type_id,
      categoryId,
      nameFr,
      nameEn: type.name,
      vatEatInBp: PIZZA_VAT.eatIn,
      vatTakeawayBp: PIZZA_VAT.takeaway,
      vatDeliveryBp: PIZZA_VAT.delivery,
      sortOrder: i,
    });
  });

  for (const pizza of parseCsv(pizzasCsv)) {
    menu.sizes.push({
      productId: pizza.pizza_type_id,
      size: pizza.size,
      priceCents: parseEuros(pizza.price),
    });
  }

  const ingredientIds = new Map<string, string>();
  for (const name of Object.keys(INGREDIENTS).sort()) {
    const { nameFr, kind } = INGREDIENTS[name];
    const id = slug(name);
    ingredientIds.set(name, id);
    menu.ingredients.push({
      id,
      nameFr,
      nameEn: name,
      unit: PIECE_INGREDIENTS[name] ? "piece" : INGREDIENT_KINDS[kind].unit,
      extraPriceCents: INGREDIENT_KINDS[kind].extraPriceCents,
    });
  }

  for (const type of types) {
    const names = type.ingredients.split(",").map((name) => name.trim());
    for (const { size } of menu.sizes.filter((s) => s.productId === type.pizza_type_id)) {
      for (const name of names) {
        const id = ingredientIds.get(name);
        if (!id) throw new Error(`pizza type ${type.pizza_type_id}: unknown ingredient "${name}"`);
        const base = PIECE_INGREDIENTS[name] ?? INGREDIENT_KINDS[INGREDIENTS[name].kind].quantityM;
        const factor = SIZE_FACTORS[size] ?? 1;
        menu.recipes.push({
          productId: type.pizza_type_id,
          size,
          ingredientId: id,
          quantity: Math.max(1, Math.round(base * factor)),
        });
      }
    }
  }

  EXTRA_PRODUCTS.forEach((extra, i) => {
    menu.products.push({
      id: extra.id,
      categoryId: extra.categoryId,
      nameFr: extra.nameFr,
      nameEn: extra.nameEn,
      vatEatInBp: extra.vat.eatIn,
      vatTakeawayBp: extra.vat.takeaway,
      vatDeliveryBp: extra.vat.delivery,
      sortOrder: types.length + i,
    });
    menu.sizes.push({ productId: extra.id, size: "U", priceCents: extra.priceCents });
  });
  return menu;
}

export function readSeedMenu(dir: string = PIZZA_PLACE_DIR): SeedMenu {
  return buildSeedMenu(
    readFileSync(join(dir, "pizza_types.csv"), "utf8"),
    readFileSync(join(dir, "pizzas.csv"), "utf8"),
  );
}

export interface SeedResult {
  stores: boolean;
  menu: boolean;
}

/** Seeds what is missing, in one transaction; says what it did. */
export async function seedDatabase(pool: Pool, nowMs: number = Date.now()): Promise<SeedResult> {
  return inTransaction(pool, {}, async ({ db }) => {
    const now = new Date(nowMs);
    const [storeCount] = await db.select({ n: count() }).from(stores);
    const [menuCount] = await db.select({ n: count() }).from(menuVersions);
    const result: SeedResult = { stores: storeCount.n === 0, menu: menuCount.n === 0 };

    if (result.stores) {
      await db.insert(stores).values(
        SEED_STORES.map((store) => ({
          ...store,
          timeZone: SEED_TIME_ZONE,
          closingMinutes: SEED_CLOSING_MINUTES,
          createdAt: now,
        })),
      );
    }
    await seedStoreSettings(db);
    if (result.menu) {
      const menu = readSeedMenu();
      await db.insert(categories).values(menu.categories);
      await db.insert(products).values(menu.products);
      await db.insert(productSizes).values(menu.sizes);
      await db.insert(ingredients).values(menu.ingredients);
      await db.insert(recipeItems).values(menu.recipes);
      await db.insert(menuVersions).values({ id: 1, createdAt: now, note: "Pizza Place menu" });
    }
    await seedAllergens(db, now, result.menu);
    return result;
  });
}

/**
 * Gives the seeded products their allergens when none are recorded yet; on a
 * menu seeded before allergens existed, as a new menu version so counters get them.
 * (A chain that cleared every product's allergens would get them back at the
 * next start: a flag row would be needed if that ever were a real case.)
 */
async function seedAllergens(db: Database, now: Date, freshMenu: boolean): Promise<void> {
  const [known] = await db.select({ n: count() }).from(productAllergens);
  if (known.n > 0) return;
  const rows = seedAllergenRows(readSeedMenu());
  const [present] = await db.select({ n: count() }).from(products);
  if (present.n === 0 || rows.length === 0) return;
  const ids = new Set((await db.select({ id: products.id }).from(products)).map((p) => p.id));
  await db.insert(productAllergens).values(rows.filter((row) => ids.has(row.productId)));
  if (!freshMenu) await db.insert(menuVersions).values({ createdAt: now, note: "allergens" });
}

/**
 * Gives a seeded store its settings when it has none yet (no legal identity,
 * no opening range), so databases seeded before the settings existed get them
 * too; a store a manager has set up is never touched.
 */
async function seedStoreSettings(db: Database): Promise<void> {
  const unset = await db.select({ id: stores.id }).from(stores).where(eq(stores.legalName, ""));
  for (const { id } of unset) {
    const input = SEED_STORE_SETTINGS[id];
    if (!input) continue;
    const [hours] = await db
      .select({ n: count() })
      .from(storeOpeningHours)
      .where(eq(storeOpeningHours.storeId, id));
    if (hours.n > 0) continue;
    await writeStoreSettings(db, id, storeSettingsSchema.parse(input));
  }
}
