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
  // Settings a manager edits (docs/stores-and-maps.md); checked by storeSettingsSchema.
  /** Delivery zone: longest drive in minutes (with a Google server key). */
  deliveryMaxMinutes: smallint("delivery_max_minutes").notNull().default(20),
  /** Delivery zone: longest straight-line distance in metres (without one). */
  deliveryRadiusM: int("delivery_radius_m").notNull().default(3000),
  deliveryFeeCents: int("delivery_fee_cents").notNull().default(0),
  minimumOrderCents: int("minimum_order_cents").notNull().default(0),
  /** Legal identity printed on tickets; empty until a manager fills it in. */
  legalName: varchar("legal_name", { length: 120 }).notNull().default(""),
  legalAddress: varchar("legal_address", { length: 255 }).notNull().default(""),
  siret: varchar("siret", { length: 14 }).notNull().default(""),
  vatNumber: varchar("vat_number", { length: 13 }).notNull().default(""),
  /** Online ordering: pizzas the kitchen can promise per quarter hour (docs/online-ordering.md). */
  pizzasPerQuarter: smallint("pizzas_per_quarter").notNull().default(12),
});

/** Opening ranges in local minutes after midnight; closes <= opens ends the next day. */
export const storeOpeningHours = mysqlTable(
  "store_opening_hours",
  {
    storeId: varchar("store_id", { length: 32 }).notNull(),
    /** 1 = Monday ... 7 = Sunday (ISO). */
    weekday: smallint("weekday").notNull(),
    opensMinute: smallint("opens_minute").notNull(),
    closesMinute: smallint("closes_minute").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.weekday, t.opensMinute] })],
);

/** Local dates a store does not open (holidays, works). */
export const storeClosedDays = mysqlTable(
  "store_closed_days",
  {
    storeId: varchar("store_id", { length: 32 }).notNull(),
    day: date("day", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day] })],
);

/** Fixed-window request counters of public endpoints that cost money (delivery quotes). */
export const rateLimitCounters = mysqlTable(
  "rate_limit_counters",
  {
    bucket: varchar("bucket", { length: 32 }).notNull(),
    /** HMAC-SHA256 (hex) of the client address: no personal data in clear. */
    keyHash: varchar("key_hash", { length: 64 }).notNull(),
    windowStart: utcTime("window_start").notNull(),
    count: int("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.keyHash] })],
);

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
  /**
   * When a change scheduled ahead takes effect (null: at once). The version in
   * force is the number of rows in force (sync-server/src/menu/menu-catalog.ts).
   */
  effectiveAt: utcTime("effective_at"),
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
    /** The signed-in customer of an online order; null for counter and guest orders. */
    customerId: uuidBinary("customer_id"),
    customerName: varchar("customer_name", { length: 120 }),
    customerPhone: varchar("customer_phone", { length: 32 }),
    deliveryAddress: varchar("delivery_address", { length: 255 }),
    deliveryNotes: varchar("delivery_notes", { length: 255 }),
    note: varchar("note", { length: 255 }),
    /** Comma-separated sale flags for a manager (price_mismatch, ...). */
    flags: varchar("flags", { length: 255 }).notNull().default(""),
    /** A training sale: journaled as such and kept out of every figure. */
    training: boolean("training").notNull().default(false),
    /** Who took the order on the counter, as the device said (no foreign key: never refused). */
    takenByStaffId: uuidBinary("taken_by_staff_id"),
    /** Who made the last status change, and the manager who approved it (a void after payment). */
    statusByStaffId: uuidBinary("status_by_staff_id"),
    statusApprovedByStaffId: uuidBinary("status_approved_by_staff_id"),
    /** The discount on the whole order as given (JSON {kind, value}); null: none. */
    discount: varchar("discount", { length: 64 }),
    /** The manager whose PIN approved a discount above the clerk's limit. */
    discountApprovedByStaffId: uuidBinary("discount_approved_by_staff_id"),
    version: bigint("version", { mode: "number" }).notNull(),
  },
  (t) => [
    index("orders_store_version").on(t.storeId, t.version),
    index("orders_store_day").on(t.storeId, t.businessDay),
    // Covers the sales dashboard's order reads (docs/reports.md, "Speed").
    index("orders_store_day_sales").on(
      t.storeId,
      t.businessDay,
      t.status,
      t.training,
      t.channel,
      t.serviceMode,
      t.totalCents,
      t.itemCount,
      t.lineCount,
      t.createdAt,
    ),
    index("orders_customer").on(t.customerId),
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
    /** Every discount on the line in cents; total_cents is already net of it. */
    discountCents: int("discount_cents").notNull().default(0),
    /** The line's own discount as given (JSON {kind, value}); null: none. */
    discount: varchar("discount", { length: 64 }),
    promotionId: varchar("promotion_id", { length: 48 }),
  },
  (t) => [
    index("order_lines_order").on(t.orderId),
    index("order_lines_store_day").on(t.storeId, t.businessDay),
    // Covers the dashboard's product, size and category breakdowns.
    index("order_lines_store_day_product").on(
      t.storeId,
      t.businessDay,
      t.productId,
      t.size,
      t.categoryId,
      t.orderId,
      t.quantity,
      t.totalCents,
    ),
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
    // Covers the dashboard's VAT per rate (the primary key, order_id, comes with it).
    index("order_vat_store_day_rate").on(
      t.storeId,
      t.businessDay,
      t.rateBp,
      t.totalCents,
      t.vatCents,
    ),
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
    /** Who took the payment (or gave the refund) on the counter. */
    staffId: uuidBinary("staff_id"),
    /** The manager who approved a refund. */
    approvedByStaffId: uuidBinary("approved_by_staff_id"),
  },
  (t) => [
    index("payments_order").on(t.orderId),
    // Covers the dashboard's payment methods, read per order of the period.
    index("payments_order_method").on(t.orderId, t.method, t.amountCents),
    // The dashboard's refunds: the few negative payments of a period, without reading the rest.
    index("payments_store_day_amount").on(t.storeId, t.businessDay, t.amountCents),
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
    /** The staff id of who acknowledged it (acknowledgedBy keeps the name shown). */
    acknowledgedById: uuidBinary("acknowledged_by_id"),
    /** Set when the condition is over (the device synced): a new alert may then be raised. */
    resolvedAt: utcTime("resolved_at"),
  },
  (t) => [
    index("alerts_store_created").on(t.storeId, t.createdAt),
    index("alerts_kind_device").on(t.kind, t.deviceId),
  ],
);

// Online orders (docs/online-ordering.md)

/**
 * What an online order holds beyond its orders row: the customer's email and
 * language, the promised time and the quarter hour it counts against, and the
 * idempotency key with a hash of the request, so a retried submission gets
 * the same order back. The link token is derived (HMAC), never stored.
 */
export const onlineOrders = mysqlTable(
  "online_orders",
  {
    orderId: uuidBinary("order_id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    idempotencyKey: uuidBinary("idempotency_key").notNull(),
    /** SHA-256 (hex) of the normalised request: same key, other body is a conflict. */
    requestHash: varchar("request_hash", { length: 64 }).notNull(),
    email: varchar("email", { length: 254 }).notNull(),
    language: varchar("language", { length: 2 }).notNull(),
    asap: boolean("asap").notNull(),
    /** When the customer is promised the order (pickup or delivery). */
    promisedAt: utcTime("promised_at").notNull(),
    /** The quarter hour of the kitchen the pizzas count against. */
    slotStart: utcTime("slot_start").notNull(),
    pizzaCount: smallint("pizza_count").notNull(),
    deliveryFeeCents: int("delivery_fee_cents").notNull().default(0),
    /** on_handover today; card_online when the Square layer takes online payments. */
    paymentMethod: varchar("payment_method", { length: 16 }).notNull(),
    createdAt: utcTime("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("online_orders_idempotency_key").on(t.idempotencyKey),
    index("online_orders_store_slot").on(t.storeId, t.slotStart),
  ],
);
