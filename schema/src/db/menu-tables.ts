/**
 * What managers change on the menu after the seed: prices effective from an
 * instant (a history, never overwritten), allergens, products off in one
 * store, promotions and discount limits. Every change also adds a
 * menu_versions row whose created_at is the instant it takes effect.
 */
import {
  boolean,
  date,
  index,
  int,
  mysqlTable,
  primaryKey,
  smallint,
  varchar,
} from "drizzle-orm/mysql-core";

import { utcTime, uuidBinary } from "./columns.js";

/**
 * The price of a product size from `effective_at` on. The price in force at T
 * is the latest row with effective_at <= T; with none, product_sizes.price_cents.
 */
export const priceChanges = mysqlTable(
  "price_changes",
  {
    id: int("id").autoincrement().primaryKey(),
    productId: varchar("product_id", { length: 48 }).notNull(),
    size: varchar("size", { length: 8 }).notNull(),
    priceCents: int("price_cents").notNull(),
    effectiveAt: utcTime("effective_at").notNull(),
    createdAt: utcTime("created_at").notNull(),
    /** The manager who made the change (null: the operator's token). */
    createdByStaffId: uuidBinary("created_by_staff_id"),
  },
  (t) => [index("price_changes_product_size").on(t.productId, t.size, t.effectiveAt)],
);

/** One row per allergen (allergens.ts code) a product contains. */
export const productAllergens = mysqlTable(
  "product_allergens",
  {
    productId: varchar("product_id", { length: 48 }).notNull(),
    allergen: varchar("allergen", { length: 16 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.allergen] })],
);

/** A product a store does not sell for now (a row per store where it is off). */
export const productUnavailability = mysqlTable(
  "product_unavailability",
  {
    productId: varchar("product_id", { length: 48 }).notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    since: utcTime("since").notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.storeId] })],
);

export const promotions = mysqlTable("promotions", {
  id: varchar("id", { length: 48 }).primaryKey(),
  nameFr: varchar("name_fr", { length: 80 }).notNull(),
  nameEn: varchar("name_en", { length: 80 }).notNull(),
  /** percent_off or second_item (promotions.ts). */
  kind: varchar("kind", { length: 16 }).notNull(),
  percentBp: smallint("percent_bp").notNull(),
  /** Comma-separated category ids; empty: every category. */
  categoryIds: varchar("category_ids", { length: 1000 }).notNull().default(""),
  startsOn: date("starts_on", { mode: "string" }).notNull(),
  endsOn: date("ends_on", { mode: "string" }).notNull(),
  /** Comma-separated ISO weekdays; empty: every day. */
  weekdays: varchar("weekdays", { length: 16 }).notNull().default(""),
  active: boolean("active").notNull().default(true),
  createdAt: utcTime("created_at").notNull(),
});

/** The largest discount a role may give by hand, in basis points; a missing role: the default. */
export const discountLimits = mysqlTable("discount_limits", {
  role: varchar("role", { length: 16 }).primaryKey(),
  maxPercentBp: smallint("max_percent_bp").notNull(),
});
