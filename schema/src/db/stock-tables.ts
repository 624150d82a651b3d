/**
 * Kitchen, delivery and stock tables (docs/kitchen-delivery-stock.md): each
 * order line's preparation status, the drivers' deliveries and their cash
 * settlements, and the ingredient stock of each store as a ledger of signed
 * movements. The orders themselves stay in tables.ts; these rows only point
 * at them, so nothing here changes how a sale is stored.
 */
import {
  boolean,
  index,
  int,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";

import { utcTime, uuidBinary } from "./columns.js";

// Kitchen

/** A line's preparation status; a line without a row is still waiting. */
export const linePreparation = mysqlTable(
  "line_preparation",
  {
    lineId: uuidBinary("line_id").primaryKey(),
    orderId: uuidBinary("order_id").notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    /** waiting, preparing, in_oven or ready (schema/src/kitchen-state.ts). */
    status: varchar("status", { length: 16 }).notNull(),
    updatedAt: utcTime("updated_at").notNull(),
    staffId: uuidBinary("staff_id"),
  },
  (t) => [index("line_preparation_order").on(t.orderId)],
);

// Delivery

/** One delivery of an order: its driver and how it went. */
export const deliveryAssignments = mysqlTable(
  "delivery_assignments",
  {
    orderId: uuidBinary("order_id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    driverStaffId: uuidBinary("driver_staff_id").notNull(),
    /** assigned, out, delivered or incident. */
    status: varchar("status", { length: 16 }).notNull(),
    /** What the driver must collect: the order's total less what was paid before. */
    toCollectCents: int("to_collect_cents").notNull(),
    cashCollectedCents: int("cash_collected_cents").notNull().default(0),
    incidentNote: varchar("incident_note", { length: 255 }),
    assignedAt: utcTime("assigned_at").notNull(),
    outAt: utcTime("out_at"),
    doneAt: utcTime("done_at"),
    /** The settlement that counted this delivery's cash; null until the driver settles. */
    settlementId: int("settlement_id"),
    updatedAt: utcTime("updated_at").notNull(),
  },
  (t) => [index("delivery_assignments_store_driver").on(t.storeId, t.driverStaffId)],
);

/** A driver's cash handed in at the end of a shift against what the deliveries expected. */
export const driverSettlements = mysqlTable(
  "driver_settlements",
  {
    id: int("id").autoincrement().primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    driverStaffId: uuidBinary("driver_staff_id").notNull(),
    deliveries: int("deliveries").notNull(),
    expectedCents: int("expected_cents").notNull(),
    countedCents: int("counted_cents").notNull(),
    /** counted - expected: negative when cash is missing. */
    differenceCents: int("difference_cents").notNull(),
    settledByStaffId: uuidBinary("settled_by_staff_id"),
    createdAt: utcTime("created_at").notNull(),
  },
  (t) => [index("driver_settlements_store_created").on(t.storeId, t.createdAt)],
);

// Stock

/**
 * An ingredient a store tracks: its starting quantity, the low-stock
 * threshold, and whether a low-stock alert is open (so it is raised once
 * until a delivery or count lifts the stock above the threshold again).
 */
export const stockLevels = mysqlTable(
  "stock_levels",
  {
    storeId: varchar("store_id", { length: 32 }).notNull(),
    ingredientId: varchar("ingredient_id", { length: 48 }).notNull(),
    /** Quantity before the first movement, in the ingredient's unit. */
    initialQuantity: int("initial_quantity").notNull().default(0),
    /** Below this quantity a stock_low alert is raised; null: no threshold. */
    lowThreshold: int("low_threshold"),
    lowAlertOpen: boolean("low_alert_open").notNull().default(false),
    createdAt: utcTime("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.ingredientId] })],
);

/**
 * The stock ledger: stock = initial quantity + the sum of movements. A
 * movement key names what caused it ("sale:<order id>", "cancel:<order id>")
 * and is unique per ingredient, so a sale is counted once however often it
 * arrives.
 */
export const stockMovements = mysqlTable(
  "stock_movements",
  {
    id: int("id").autoincrement().primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    ingredientId: varchar("ingredient_id", { length: 48 }).notNull(),
    /** sale, sale_change, cancel_return, delivery, count, waste. */
    kind: varchar("kind", { length: 16 }).notNull(),
    /** Signed, in the ingredient's unit: a sale is negative. */
    quantity: int("quantity").notNull(),
    movementKey: varchar("movement_key", { length: 100 }).notNull(),
    orderId: uuidBinary("order_id"),
    staffId: uuidBinary("staff_id"),
    note: varchar("note", { length: 255 }),
    createdAt: utcTime("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("stock_movements_key").on(t.storeId, t.movementKey, t.ingredientId),
    index("stock_movements_store_ingredient").on(t.storeId, t.ingredientId, t.quantity),
    index("stock_movements_order").on(t.orderId),
  ],
);
