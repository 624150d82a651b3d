/**
 * Daily sums behind the manager's sales dashboard, one row per store,
 * business day, dimension and key, kept by sync-server/src/reports/
 * sales-summary.ts from the order tables (never written by a device). They
 * can be dropped and rebuilt from the orders at any time.
 */
import { bigint, date, int, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";

import { utcTime } from "./columns.js";

/**
 * dimension "order": key1 channel, key2 service mode (orders, lines, items, sales);
 * "hour": key1 local hour "00".."23"; "product", "size", "category": key1 the
 * product, size or category (orders holding it, items, sales); "vat": key1
 * rate in bp (amount tax included, vat); "payment": key1 method (orders =
 * payments, amount). key2 and key3 are free for later dimensions. Each has
 * month rows too ("m_order", "m_hour", "m_prod", "m_size", "m_cat", "m_vat",
 * "m_pay"), keyed by the month's first day: the sums of its day rows.
 */
export const salesSummary = mysqlTable(
  "sales_summary",
  {
    storeId: varchar("store_id", { length: 32 }).notNull(),
    dimension: varchar("dimension", { length: 8 }).notNull(),
    businessDay: date("business_day", { mode: "string" }).notNull(),
    key1: varchar("key1", { length: 48 }).notNull(),
    key2: varchar("key2", { length: 16 }).notNull().default(""),
    key3: varchar("key3", { length: 48 }).notNull().default(""),
    orders: int("orders").notNull().default(0),
    lines: int("lines").notNull().default(0),
    items: int("items").notNull().default(0),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull().default(0),
    vatCents: bigint("vat_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      columns: [t.storeId, t.dimension, t.businessDay, t.key1, t.key2, t.key3],
    }),
  ],
);

/** Up to which store version (the pull cursor) a store's sums are up to date. */
export const salesSummaryState = mysqlTable("sales_summary_state", {
  storeId: varchar("store_id", { length: 32 }).primaryKey(),
  summarizedVersion: bigint("summarized_version", { mode: "number" }).notNull().default(0),
  refreshedAt: utcTime("refreshed_at"),
});
