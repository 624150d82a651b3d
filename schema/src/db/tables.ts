/**
 * The MySQL tables, as Drizzle sees them. Every business row carries its
 * store so the data can later be split by store; sales rows carry the
 * store's version at which they last changed, which is the pull cursor.
 * Migrations are generated from this file with `npm run db:generate`.
 */
import {
  bigint,
  boolean,
  date,
  index,
  int,
  mysqlTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  varchar,
  double,
} from "drizzle-orm/mysql-core";

import { utcTime, uuidBinary } from "./columns.js";

// Stores and devices

export const stores = mysqlTable("stores", {
  id: varchar("id", { length: 32 }).primaryKey(),
  name: varchar("name", { length: 120 }).notNull(),
  address: varchar("address", { length: 255 }).notNull(),
  postcode: varchar("postcode", { length: 10 }).notNull(),
  city: varchar("city", { length: 80 }).notNull(),
  phone: varchar("phone", { length: 32 }).notNull().default(""),
  latitude: double("latitude").notNull(),
  longitude: double("longitude").notNull(),
  timeZone: varchar("time_zone", { length: 64 }).notNull().default("Europe/Paris"),
  /** Minutes after local midnight when the business day ends (240 = 04:00). */
  closingMinutes: smallint("closing_minutes").notNull().default(240),
  /** The pull cursor: raised under a row lock by every writing transaction. */
  version: bigint("version", { mode: "number" }).notNull().default(0),
  /** Cursors below this are too old to pull from (history compacted). */
  minPullVersion: bigint("min_pull_version", { mode: "number" }).notNull().default(0),
  createdAt: utcTime("created_at").notNull(),
});

export const devices = mysqlTable(
  "devices",
  {
    /** Also the sync client id of the install that paired. */
    id: uuidBinary("id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    name: varchar("name", { length: 80 }).notNull(),
    /** Short code of this register within its store ("A", "B"...), printed before call numbers. */
    registerCode: varchar("register_code", { length: 4 }),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    createdAt: utcTime("created_at").notNull(),
    lastSeenAt: utcTime("last_seen_at"),
    revokedAt: utcTime("revoked_at"),
    appVersion: varchar("app_version", { length: 32 }),
    lastAppliedSeq: bigint("last_applied_seq", { mode: "number" }).notNull().default(0),
    /** What the device last said it still holds unsynced. */
    reportedPending: int("reported_pending").notNull().default(0),
    reportedOldestPendingAt: utcTime("reported_oldest_pending_at"),
    reportedHighestSeq: bigint("reported_highest_seq", { mode: "number" }).notNull().default(0),
  },
  (t) => [uniqueIndex("devices_token_hash").on(t.tokenHash), index("devices_store").on(t.storeId)],
);

export const pairingCodes = mysqlTable("pairing_codes", {
  codeHash: varchar("code_hash", { length: 64 }).primaryKey(),
  storeId: varchar("store_id", { length: 32 }).notNull(),
  createdAt: utcTime("created_at").notNull(),
  expiresAt: utcTime("expires_at").notNull(),
  usedAt: utcTime("used_at"),
  deviceId: uuidBinary("device_id"),
});

// Menu (chain-wide reference data, copied to every shard if the data is split)

export const menuVersions = mysqlTable("menu_versions", {
  id: int("id").autoincrement().primaryKey(),
  createdAt: utcTime("created_at").notNull(),
  note: varchar("note", { length: 255 }).notNull().default(""),
});

export const categories = mysqlTable("categories", {
  id: varchar("id", { length: 48 }).primaryKey(),
  nameFr: varchar("name_fr", { length: 80 }).notNull(),
  nameEn: varchar("name_en", { length: 80 }).notNull(),
  kind: varchar("kind", { length: 16 }).notNull(),
  sortOrder: int("sort_order").notNull().default(0),
});

export const products = mysqlTable("products", {
  id: varchar("id", { length: 48 }).primaryKey(),
  categoryId: varchar("category_id", { length: 48 }).notNull(),
  nameFr: varchar("name_fr", { length: 120 }).notNull(),
  nameEn: varchar("name_en", { length: 120 }).notNull(),
  vatEatInBp: smallint("vat_eat_in_bp").notNull(),
  vatTakeawayBp: smallint("vat_takeaway_bp").notNull(),
  vatDeliveryBp: smallint("vat_delivery_bp").notNull(),
  active: boolean("active").notNull().default(true),
  sortOrder: int("sort_order").notNull().default(0),
});

export const productSizes = mysqlTable(
  "product_sizes",
  {
    productId: varchar("product_id", { length: 48 }).notNull(),
    size: varchar("size", { length: 8 }).notNull(),
    priceCents: int("price_cents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.size] })],
);

export const ingredients = mysqlTable("ingredients", {
  id: varchar("id", { length: 48 }).primaryKey(),
  nameFr: varchar("name_fr", { length: 80 }).notNull(),
  nameEn: varchar("name_en", { length: 80 }).notNull(),
  /** g, ml or piece: the unit of recipe quantities and stock. */
  unit: varchar("unit", { length: 8 }).notNull(),
  /** Price of this ingredient as an extra topping; null when not offered. */
  extraPriceCents: int("extra_price_cents"),
});

export const recipeItems = mysqlTable(
  "recipe_items",
  {
    productId: varchar("product_id", { length: 48 }).notNull(),
    size: varchar("size", { length: 8 }).notNull(),
    ingredientId: varchar("ingredient_id", { length: 48 }).notNull(),
    quantity: int("quantity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.size, t.ingredientId] })],
);

// Sales

export const orders = mysqlTable(
  "orders",
  {
    id: uuidBinary("id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    deviceId: uuidBinary("device_id"),
    channel: varchar("channel", { length: 16 }).notNull(),
    serviceMode: varchar("service_mode", { length: 16 }).notNull(),
    status: varchar("status", { length: 20 }).notNull(),
    statusReason: varchar("status_reason", { length: 255 }),
    businessDay: date("business_day", { mode: "string" }).notNull(),
    createdAt: utcTime("created_at").notNull(),
    updatedAt: utcTime("updated_at").notNull(),
    callNumber: int("call_number").notNull(),
    menuVersion: int("menu_version").notNull(),
    totalCents: int("total_cents").notNull(),
    paidCents: int("paid_cents").notNull().default(0),
    itemCount: int("item_count").notNull(),
    lineCount: int("line_count").notNull(),
    customerName: varchar("customer_name", { length: 120 }),
    customerPhone: varchar("customer_phone", { length: 32 }),
    deliveryAddress: varchar("delivery_address", { length: 255 }),
    deliveryNotes: varchar("delivery_notes", { length: 255 }),
    note: varchar("note", { length: 255 }),
    /** Comma-separated sale flags for a manager (price_mismatch, ...). */
    flags: varchar("flags", { length: 255 }).notNull().default(""),
    /** A training sale: journaled as such and kept out of every figure. */
    training: boolean("training").notNull().default(false),
    version: bigint("version", { mode: "number" }).notNull(),
  },
  (t) => [
    index("orders_store_version").on(t.storeId, t.version),
    index("orders_store_day").on(t.storeId, t.businessDay),
  ],
);

export const orderLines = mysqlTable(
  "order_lines",
  {
    id: uuidBinary("id").primaryKey(),
    orderId: uuidBinary("order_id").notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    businessDay: date("business_day", { mode: "string" }).notNull(),
    lineNo: smallint("line_no").notNull(),
    productId: varchar("product_id", { length: 48 }).notNull(),
    size: varchar("size", { length: 8 }).notNull(),
    name: varchar("name", { length: 120 }).notNull(),
    categoryId: varchar("category_id", { length: 48 }).notNull(),
    quantity: int("quantity").notNull(),
    unitPriceCents: int("unit_price_cents").notNull(),
    totalCents: int("total_cents").notNull(),
    vatRateBp: smallint("vat_rate_bp").notNull(),
    /** JSON array of {kind, ingredientId, priceCents}. */
    options: text("options").notNull(),
    note: varchar("note", { length: 200 }),
    flags: varchar("flags", { length: 255 }).notNull().default(""),
  },
  (t) => [
    index("order_lines_order").on(t.orderId),
    index("order_lines_store_day").on(t.storeId, t.businessDay),
  ],
);

/** Each order's VAT per rate, derived once from that rate's total. */
export const orderVat = mysqlTable(
  "order_vat",
  {
    orderId: uuidBinary("order_id").notNull(),
    rateBp: smallint("rate_bp").notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    businessDay: date("business_day", { mode: "string" }).notNull(),
    totalCents: int("total_cents").notNull(),
    vatCents: int("vat_cents").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.rateBp] }),
    index("order_vat_store_day").on(t.storeId, t.businessDay),
  ],
);

export const payments = mysqlTable(
  "payments",
  {
    id: uuidBinary("id").primaryKey(),
    orderId: uuidBinary("order_id").notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    businessDay: date("business_day", { mode: "string" }).notNull(),
    deviceId: uuidBinary("device_id"),
    method: varchar("method", { length: 16 }).notNull(),
    amountCents: int("amount_cents").notNull(),
    tenderedCents: int("tendered_cents"),
    changeCents: int("change_cents").notNull().default(0),
    createdAt: utcTime("created_at").notNull(),
  },
  (t) => [
    index("payments_order").on(t.orderId),
    index("payments_store_day").on(t.storeId, t.businessDay),
  ],
);

// Sync bookkeeping

/** One row per applied mutation: the audit of exactly-once delivery. */
export const syncMutations = mysqlTable(
  "sync_mutations",
  {
    deviceId: uuidBinary("device_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    kind: varchar("kind", { length: 32 }).notNull(),
    outcome: varchar("outcome", { length: 16 }).notNull(),
    appliedAt: utcTime("applied_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.seq] })],
);

export const rejections = mysqlTable(
  "rejections",
  {
    id: uuidBinary("id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    deviceId: uuidBinary("device_id"),
    seq: bigint("seq", { mode: "number" }).notNull(),
    kind: varchar("kind", { length: 32 }).notNull(),
    orderId: uuidBinary("order_id"),
    code: varchar("code", { length: 48 }).notNull(),
    message: varchar("message", { length: 500 }).notNull(),
    createdAt: utcTime("created_at").notNull(),
    version: bigint("version", { mode: "number" }).notNull(),
  },
  (t) => [index("rejections_store_version").on(t.storeId, t.version)],
);

/** Sequence numbers a device reported it can no longer resend. */
export const syncLosses = mysqlTable("sync_losses", {
  id: int("id").autoincrement().primaryKey(),
  storeId: varchar("store_id", { length: 32 }).notNull(),
  deviceId: uuidBinary("device_id").notNull(),
  fromSeq: bigint("from_seq", { mode: "number" }).notNull(),
  toSeq: bigint("to_seq", { mode: "number" }).notNull(),
  reportedAt: utcTime("reported_at").notNull(),
});

/** One list of things a manager must look at (flags, losses, unsynced devices). */
export const alerts = mysqlTable(
  "alerts",
  {
    id: int("id").autoincrement().primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    kind: varchar("kind", { length: 32 }).notNull(),
    message: varchar("message", { length: 500 }).notNull(),
    orderId: uuidBinary("order_id"),
    deviceId: uuidBinary("device_id"),
    createdAt: utcTime("created_at").notNull(),
    acknowledgedAt: utcTime("acknowledged_at"),
    acknowledgedBy: varchar("acknowledged_by", { length: 120 }),
  },
  (t) => [index("alerts_store_created").on(t.storeId, t.createdAt)],
);
