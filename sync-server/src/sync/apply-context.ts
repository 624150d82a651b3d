/**
 * What every mutation handler of a push shares: the open transaction, the
 * locked store, the version this push writes, the current menu, and the
 * results a handler can give. Also the payment and line helpers that
 * order.create, order.update and order.pay share: an id the device reused
 * is stored under a new server id and flagged, never refused.
 */
import { createHash } from "node:crypto";

import { eq } from "drizzle-orm";

import {
  changeDueCents,
  newId,
  type MenuSnapshot,
  type Payment,
  type RejectionCode,
  type SaleFlag,
} from "@ocpizza/schema";
import { payments } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import type { KnownIds, PendingWrites } from "./batch-writes.js";
import type { JournalBatch } from "./journal-batch.js";
import { staffFindings, type MadeBy } from "./staff-checks.js";

export interface LockedStore {
  id: string;
  timeZone: string;
  closingMinutes: number;
  version: number;
}

export interface PendingAlert {
  kind: string;
  message: string;
  orderId: string | null;
}

export interface ApplyContext {
  db: Database;
  store: LockedStore;
  deviceId: string;
  /** The store version every row written by this push carries. */
  version: number;
  menu: MenuSnapshot;
  now: Date;
  alerts: PendingAlert[];
  /** Ids of this batch already stored, kept current as the batch is applied. */
  known: KnownIds;
  /** New order rows not inserted yet (see batch-writes.ts). */
  pending: PendingWrites;
  /** The tickets of this push, checked against the device's register (see journal-batch.ts). */
  journal: JournalBatch;
}

export type ApplyResult =
  | { outcome: "applied" }
  | { outcome: "duplicate"; message: string }
  | { outcome: "flagged"; flags: SaleFlag[]; message: string }
  | { outcome: "rejected"; code: RejectionCode; message: string; orderId: string | null };

export function rejected(
  code: RejectionCode,
  message: string,
  orderId: string | null,
): ApplyResult {
  return { outcome: "rejected", code, message, orderId };
}

/** Flags make the outcome `flagged` and raise one alert naming the new findings. */
export function flaggedOrApplied(
  ctx: ApplyContext,
  orderId: string,
  flags: readonly SaleFlag[],
  newFindings: readonly string[],
): ApplyResult {
  if (flags.length === 0) return { outcome: "applied" };
  const message =
    `order ${orderId} recorded with ${flags.join(", ")}: ` +
    `${newFindings.join("; ") || "already flagged"}`;
  if (newFindings.length > 0) ctx.alerts.push({ kind: "sale_flagged", message, orderId });
  return { outcome: "flagged", flags: [...flags], message };
}

export type PaymentRow = typeof payments.$inferInsert;

/** The rows to store for a mutation's payments, and what a manager should know about them. */
export interface PlacedPayments {
  rows: PaymentRow[];
  /** One sentence per payment stored under a new id (its id belonged to another order). */
  clashes: string[];
  /** One sentence per payment resent for this order with another amount (the first stays). */
  amountMismatches: string[];
}

/**
 * The payments of an order.create or order.pay as rows. A payment id already
 * stored for this order is a resend and is skipped (that money is recorded).
 * A payment id already stored for another order is money received all the
 * same: it is stored under a server id, derived from the order and the
 * device's id so that a resend finds it again, and named in `clashes` (the
 * caller flags the order payment_id_clash). A payment id already stored for
 * this order with another amount is named in `amountMismatches` (the caller
 * flags payment_amount_mismatch; the first amount stays). Their ids count as
 * stored from now on. `sign` is -1 for a credit note's refunds (stored negative).
 * `by` says who took the money (and who approved a refund).
 */
export async function placePayments(
  ctx: ApplyContext,
  orderId: string,
  businessDayOf: (epochMs: number) => string,
  incoming: readonly Payment[],
  sign: 1 | -1 = 1,
  by: MadeBy = {},
): Promise<PlacedPayments> {
  const rows: PaymentRow[] = [];
  const clashes: string[] = [];
  const amountMismatches: string[] = [];
  for (const payment of incoming) {
    const owner = ctx.known.paymentOrder.get(payment.id);
    if (owner === orderId) {
      const stored = ctx.known.paymentAmount.get(payment.id);
      if (stored !== undefined && stored !== sign * payment.amountCents) {
        amountMismatches.push(
          `payment ${payment.id} was resent for ${sign * payment.amountCents} cents; ` +
            `${stored} cents are recorded under that id and stay`,
        );
      }
      continue;
    }
    let id = payment.id;
    if (owner !== undefined) {
      const derived = derivedId(payment.createdAtMs, `payment/${orderId}/${payment.id}`);
      const derivedOwner =
        ctx.known.paymentOrder.get(derived) ?? (await paymentOwner(ctx, derived));
      if (derivedOwner === orderId) continue;
      id = derivedOwner === undefined ? derived : newId();
      clashes.push(
        `payment ${payment.id} (${payment.amountCents} cents) is already stored for another ` +
          `order: recorded as ${id}`,
      );
    }
    ctx.known.paymentOrder.set(id, orderId);
    ctx.known.paymentAmount.set(id, sign * payment.amountCents);
    rows.push(paymentRow(ctx, orderId, businessDayOf, { ...payment, id }, by));
  }
  return { rows, clashes, amountMismatches };
}

function paymentRow(
  ctx: ApplyContext,
  orderId: string,
  businessDayOf: (epochMs: number) => string,
  p: Payment,
  by: MadeBy,
): PaymentRow {
  return {
    id: p.id,
    orderId,
    storeId: ctx.store.id,
    businessDay: businessDayOf(p.createdAtMs),
    deviceId: ctx.deviceId,
    method: p.method,
    amountCents: p.amountCents,
    tenderedCents: p.tenderedCents ?? null,
    changeCents: changeDueCents(p.method, p.amountCents, p.tenderedCents),
    createdAt: new Date(p.createdAtMs),
    staffId: by.staffId ?? null,
    approvedByStaffId: by.approvedByStaffId ?? null,
  };
}

/** Findings about who made a change (unknown_staff), for the handlers of this push. */
export function madeByFindings(ctx: ApplyContext, by: MadeBy): string[] {
  return staffFindings(ctx.known.staff, ctx.store.id, by);
}

async function paymentOwner(ctx: ApplyContext, paymentId: string): Promise<string | undefined> {
  const [row] = await ctx.db
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(eq(payments.id, paymentId))
    .limit(1);
  return row?.orderId;
}

/**
 * A UUID v7 made from a time and a seed: the same seed always gives the same
 * id, so an id the server chose in place of a device's is found again when
 * the device sends the same thing twice.
 */
export function derivedId(timeMs: number, seed: string): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Math.min(Math.max(Math.trunc(timeMs), 0), 2 ** 48 - 1), 0, 6);
  createHash("sha256").update(seed).digest().copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join("-");
}

/** The lines to store for an order, and what a manager should know about their ids. */
export interface PlacedLines<L extends { id: string }> {
  lines: L[];
  /** One sentence per line stored under a new id. */
  clashes: string[];
}

/**
 * A line id repeated inside the order, or already used by another order,
 * would break the primary key: that line gets a new server id (UUID v7) and
 * the sale is stored whole, the clash named in `clashes` (the caller flags
 * the order line_id_clash). The lines then belong to this order, for the
 * clash checks of later mutations.
 */
export function placeLines<L extends { id: string }>(
  ctx: ApplyContext,
  orderId: string,
  lines: readonly L[],
): PlacedLines<L> {
  const seen = new Set<string>();
  const clashes: string[] = [];
  const placed = lines.map((line, index) => {
    const owner = ctx.known.lineOrder.get(line.id);
    const repeated = seen.has(line.id);
    if (!repeated && (owner === undefined || owner === orderId)) {
      seen.add(line.id);
      return line;
    }
    const id = newId();
    seen.add(id);
    clashes.push(
      `line ${index + 1}: id ${line.id} is already used by ` +
        `${repeated ? "another line of this order" : "another order"}: stored as ${id}`,
    );
    return { ...line, id };
  });
  for (const line of placed) ctx.known.lineOrder.set(line.id, orderId);
  return { lines: placed, clashes };
}
