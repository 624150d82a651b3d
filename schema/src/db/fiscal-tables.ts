/**
 * The fiscal tables: registers and their chained journal of tickets, the
 * anomalies found when a device's ticket does not fit, the closings (Z
 * reports) chained per store, and the cash shifts of a counter device.
 * Journal entries and closings are never updated or deleted (see the
 * immutability migration); a register's head is the only moving part.
 */
import {
  bigint,
  boolean,
  char,
  date,
  index,
  int,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";

import { utcTime, uuidBinary } from "./columns.js";

/** A device's register (id = the device id) or a store's server register (`server:<storeId>`). */
export const registers = mysqlTable(
  "registers",
  {
    id: varchar("id", { length: 64 }).primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    deviceId: uuidBinary("device_id"),
    /** device | server */
    kind: varchar("kind", { length: 8 }).notNull(),
    /** The last ticket of the unbroken run from 1 that the server holds. */
    headSeq: bigint("head_seq", { mode: "number" }).notNull().default(0),
    headHash: char("head_hash", { length: 64 }).notNull(),
    /** What the device last said its head is: above headSeq, tickets are still on the device. */
    reportedHeadSeq: bigint("reported_head_seq", { mode: "number" }).notNull().default(0),
    reportedHeadHash: char("reported_head_hash", { length: 64 }),
    reportedAt: utcTime("reported_at"),
    updatedAt: utcTime("updated_at").notNull(),
  },
  (t) => [index("registers_store").on(t.storeId)],
);

/** One ticket (sale or credit note) of a register, as the register chained it. */
export const journalEntries = mysqlTable(
  "journal_entries",
  {
    registerId: varchar("register_id", { length: 64 }).notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    /** sale | credit_note */
    kind: varchar("kind", { length: 16 }).notNull(),
    orderId: uuidBinary("order_id").notNull(),
    correctsRegisterId: varchar("corrects_register_id", { length: 64 }),
    correctsSeq: bigint("corrects_seq", { mode: "number" }),
    businessDay: date("business_day", { mode: "string" }).notNull(),
    issuedAt: utcTime("issued_at").notNull(),
    totalCents: int("total_cents").notNull(),
    training: boolean("training").notNull(),
    previousHash: char("previous_hash", { length: 64 }).notNull(),
    hash: char("hash", { length: 64 }).notNull(),
    /** canonicalJson(content): the text the hash covers. */
    content: text("content").notNull(),
    receivedAt: utcTime("received_at").notNull(),
    version: bigint("version", { mode: "number" }).notNull(),
    /** Who issued the ticket on the counter, and the manager who approved a credit note. */
    staffId: uuidBinary("staff_id"),
    approvedByStaffId: uuidBinary("approved_by_staff_id"),
  },
  (t) => [
    primaryKey({ columns: [t.registerId, t.seq] }),
    index("journal_entries_store_day").on(t.storeId, t.businessDay),
    index("journal_entries_order").on(t.orderId),
  ],
);

/** A ticket that arrived out of line: a gap, a reused number, a broken link, altered content. */
export const journalAnomalies = mysqlTable(
  "journal_anomalies",
  {
    id: int("id").autoincrement().primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    registerId: varchar("register_id", { length: 64 }).notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    /** gap | duplicate | broken_link | altered | mismatch */
    kind: varchar("kind", { length: 16 }).notNull(),
    message: varchar("message", { length: 500 }).notNull(),
    /** The entry as received (JSON), for the manager who investigates. */
    entry: text("entry").notNull(),
    createdAt: utcTime("created_at").notNull(),
  },
  (t) => [index("journal_anomalies_store_created").on(t.storeId, t.createdAt)],
);

/** A closing (Z report) of a day, month or year, chained per store. */
export const closings = mysqlTable(
  "closings",
  {
    id: uuidBinary("id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    /** store | register */
    scope: varchar("scope", { length: 8 }).notNull(),
    registerId: varchar("register_id", { length: 64 }),
    /** day | month | year */
    period: varchar("period", { length: 8 }).notNull(),
    /** YYYY-MM-DD, YYYY-MM or YYYY */
    periodKey: varchar("period_key", { length: 10 }).notNull(),
    /** JSON {tickets, creditNotes, totalCents, byVatRate, byPaymentMethod}. */
    totals: text("totals").notNull(),
    totalCents: bigint("total_cents", { mode: "number" }).notNull(),
    /** Perpetual total since the store's first sale, never reset. */
    grandTotalCents: bigint("grand_total_cents", { mode: "number" }).notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    previousHash: char("previous_hash", { length: 64 }).notNull(),
    hash: char("hash", { length: 64 }).notNull(),
    /** canonicalJson of the closing's content: the text the hash covers. */
    content: text("content").notNull(),
    closedAt: utcTime("closed_at").notNull(),
    closedBy: varchar("closed_by", { length: 120 }).notNull(),
  },
  (t) => [
    uniqueIndex("closings_store_seq").on(t.storeId, t.seq),
    index("closings_store_period").on(t.storeId, t.period, t.periodKey),
  ],
);

/** A counter device's cash shift: the float, then what was counted against what was expected. */
export const shifts = mysqlTable(
  "shifts",
  {
    id: uuidBinary("id").primaryKey(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    deviceId: uuidBinary("device_id").notNull(),
    openedAt: utcTime("opened_at").notNull(),
    floatCents: int("float_cents").notNull(),
    closedAt: utcTime("closed_at"),
    countedCashCents: int("counted_cash_cents"),
    countedMealVoucherCents: int("counted_meal_voucher_cents"),
    countedChequeCents: int("counted_cheque_cents"),
    expectedCashCents: int("expected_cash_cents"),
    expectedMealVoucherCents: int("expected_meal_voucher_cents"),
    expectedChequeCents: int("expected_cheque_cents"),
    /** counted - expected, per kind of tender. */
    differenceCashCents: int("difference_cash_cents"),
    differenceMealVoucherCents: int("difference_meal_voucher_cents"),
    differenceChequeCents: int("difference_cheque_cents"),
    /** Who opened and who closed the drawer on the counter. */
    openedByStaffId: uuidBinary("opened_by_staff_id"),
    closedByStaffId: uuidBinary("closed_by_staff_id"),
  },
  (t) => [index("shifts_store_opened").on(t.storeId, t.openedAt)],
);

/** Cash put into or taken out of a drawer during a shift (not a sale). */
export const cashMovements = mysqlTable(
  "cash_movements",
  {
    id: uuidBinary("id").primaryKey(),
    shiftId: uuidBinary("shift_id").notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
    deviceId: uuidBinary("device_id").notNull(),
    /** in | out */
    direction: varchar("direction", { length: 3 }).notNull(),
    amountCents: int("amount_cents").notNull(),
    reason: varchar("reason", { length: 120 }).notNull(),
    createdAt: utcTime("created_at").notNull(),
    /** Who opened the drawer, and the manager whose PIN approved it. */
    staffId: uuidBinary("staff_id"),
    approvedByStaffId: uuidBinary("approved_by_staff_id"),
  },
  (t) => [index("cash_movements_shift").on(t.shiftId)],
);
