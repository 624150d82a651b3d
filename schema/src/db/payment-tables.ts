/**
 * Card money through Square, as our records see it: every card payment we
 * asked for or learned about, every refund (Square or cash), every Terminal
 * checkout, the webhook events already applied, which Square Terminal a
 * counter uses, and the reconciliation findings already alerted. The
 * counter's own `payments` ledger (tables.ts) stays as the sync writes it;
 * rows here point at a ledger row when they mirror it, so no cent is counted
 * twice (see sync-server/src/payments/order-money.ts).
 */
import { index, int, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";

import { utcTime, uuidBinary } from "./columns.js";

/**
 * One card payment: an online charge (one row per attempt), a Terminal
 * payment, or a card sale a counter took on the terminal's offline mode.
 * status: APPROVED | COMPLETED | FAILED | CANCELED as Square says, UNKNOWN
 * while a lost answer is being looked up, OFFLINE for an offline sale not yet
 * found on Square.
 */
export const cardPayments = mysqlTable(
  "card_payments",
  {
    id: uuidBinary("id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    orderId: uuidBinary("order_id").notNull(),
    /** online | terminal | offline_terminal */
    source: varchar("source", { length: 16 }).notNull(),
    status: varchar("status", { length: 16 }).notNull(),
    amountCents: int("amount_cents").notNull(),
    /** 1, 2... per order for online charges; the idempotency key is derived from it. */
    attempt: int("attempt").notNull().default(1),
    idempotencyKey: varchar("idempotency_key", { length: 64 }),
    /** sha256 of what was sent, so a resend with the same key is known to be the same request. */
    requestHash: varchar("request_hash", { length: 64 }),
    squarePaymentId: varchar("square_payment_id", { length: 64 }),
    squareLocationId: varchar("square_location_id", { length: 64 }),
    terminalCheckoutId: varchar("terminal_checkout_id", { length: 64 }),
    /** The counter's ledger row (payments.id) this card payment is, when there is one. */
    ledgerPaymentId: uuidBinary("ledger_payment_id"),
    cardBrand: varchar("card_brand", { length: 32 }),
    cardLast4: varchar("card_last4", { length: 4 }),
    /** Square's error code of a failed attempt (CARD_DECLINED, CVV_FAILURE...). */
    failureCode: varchar("failure_code", { length: 64 }),
    /** What the counter wrote for an offline sale (the terminal's receipt reference). */
    reference: varchar("reference", { length: 64 }),
    createdAt: utcTime("created_at").notNull(),
    updatedAt: utcTime("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("card_payments_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("card_payments_square_id").on(t.squarePaymentId),
    uniqueIndex("card_payments_ledger").on(t.ledgerPaymentId),
    index("card_payments_order").on(t.orderId),
    index("card_payments_store_created").on(t.storeId, t.createdAt),
  ],
);

/**
 * Money given back: through Square's Refunds API (method card) or counted out
 * of the till (method cash). status: PENDING | COMPLETED | REJECTED | FAILED
 * (Square's words; a cash refund is COMPLETED at once) or UNKNOWN while a lost
 * answer is being looked up.
 */
export const paymentRefunds = mysqlTable(
  "payment_refunds",
  {
    id: uuidBinary("id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    orderId: uuidBinary("order_id").notNull(),
    /** card | cash */
    method: varchar("method", { length: 8 }).notNull(),
    cardPaymentId: uuidBinary("card_payment_id"),
    squareRefundId: varchar("square_refund_id", { length: 64 }),
    idempotencyKey: varchar("idempotency_key", { length: 64 }).notNull(),
    amountCents: int("amount_cents").notNull(),
    status: varchar("status", { length: 16 }).notNull(),
    reason: varchar("reason", { length: 192 }).notNull(),
    /** The manager who gave the refund. */
    byStaffId: uuidBinary("by_staff_id"),
    /** The counter's negative ledger row (payments.id) this refund is, when there is one. */
    ledgerPaymentId: uuidBinary("ledger_payment_id"),
    createdAt: utcTime("created_at").notNull(),
    updatedAt: utcTime("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("payment_refunds_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("payment_refunds_square_id").on(t.squareRefundId),
    uniqueIndex("payment_refunds_ledger").on(t.ledgerPaymentId),
    index("payment_refunds_order").on(t.orderId),
  ],
);

/** A Terminal checkout: PENDING | IN_PROGRESS | CANCEL_REQUESTED | CANCELED | COMPLETED. */
export const terminalCheckouts = mysqlTable(
  "terminal_checkouts",
  {
    /** Square's checkout id. */
    id: varchar("id", { length: 64 }).primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    orderId: uuidBinary("order_id").notNull(),
    /** Our counter device that asked for it, when known. */
    deviceId: uuidBinary("device_id"),
    squareDeviceId: varchar("square_device_id", { length: 64 }).notNull(),
    amountCents: int("amount_cents").notNull(),
    status: varchar("status", { length: 20 }).notNull(),
    /** BUYER_CANCELED | SELLER_CANCELED | TIMED_OUT, once canceled. */
    cancelReason: varchar("cancel_reason", { length: 20 }),
    squarePaymentId: varchar("square_payment_id", { length: 64 }),
    idempotencyKey: varchar("idempotency_key", { length: 64 }).notNull(),
    deadlineAt: utcTime("deadline_at").notNull(),
    createdAt: utcTime("created_at").notNull(),
    updatedAt: utcTime("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("terminal_checkouts_idempotency_key").on(t.idempotencyKey),
    index("terminal_checkouts_order").on(t.orderId),
  ],
);

/** Square webhook events already applied: a repeated event id has no second effect. */
export const squareWebhookEvents = mysqlTable("square_webhook_events", {
  eventId: varchar("event_id", { length: 64 }).primaryKey(),
  type: varchar("type", { length: 64 }).notNull(),
  receivedAt: utcTime("received_at").notNull(),
});

/** Which Square Terminal a counter device sends checkouts to; set by a manager. */
export const squareTerminals = mysqlTable("square_terminals", {
  deviceId: uuidBinary("device_id").primaryKey(),
  storeId: varchar("store_id", { length: 32 }).notNull(),
  squareDeviceId: varchar("square_device_id", { length: 64 }).notNull(),
  updatedAt: utcTime("updated_at").notNull(),
});

/** Differences a reconciliation already raised an alert for (one alert per difference). */
export const squareReconcileFindings = mysqlTable("square_reconcile_findings", {
  /** store|day|kind|reference: the same difference found again is not alerted twice. */
  findingKey: varchar("finding_key", { length: 191 }).primaryKey(),
  storeId: varchar("store_id", { length: 32 }).notNull(),
  alertId: int("alert_id").notNull(),
  createdAt: utcTime("created_at").notNull(),
});
