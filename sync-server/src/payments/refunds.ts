/**
 * Refunds by a manager: through Square's Refunds API for a card payment (full
 * or partial), or recorded as cash counted out of the till. The caller names
 * the refund with an id it keeps (a retry sends the same id), which is also
 * the idempotency key: the same refund asked twice is given once.
 */
import { and, eq, inArray } from "drizzle-orm";

import type { CardFailureKey } from "@ocpizza/schema";
import { cardPayments, paymentRefunds } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { classifyDbError } from "../db/errors.js";
import { orderMoney } from "./order-money.js";
import type { SquareDeps } from "./square-deps.js";
import { refundPayment } from "./square/square-api.js";

export type RefundResult =
  | { outcome: "refunded"; refundId: string; status: string; amountCents: number }
  | { outcome: "refused"; key: CardFailureKey; message: string }
  | { outcome: "unknown"; key: "card_payment_unknown"; refundId: string };

export interface CardRefundInput {
  /** Our id of this refund (a UUID the manager's screen made); a retry sends it again. */
  refundId: string;
  cardPaymentId: string;
  amountCents: number;
  reason: string;
  byStaffId: string | null;
}

/** Refund statuses that hold money back from what may still be refunded. */
const HOLDING = ["PENDING", "COMPLETED", "UNKNOWN"];

export async function refundCard(deps: SquareDeps, input: CardRefundInput): Promise<RefundResult> {
  const existing = await findRefund(deps.db, input.refundId);
  if (existing && existing.status !== "UNKNOWN") return asResult(existing);

  const [payment] = await deps.db
    .select()
    .from(cardPayments)
    .where(eq(cardPayments.id, input.cardPaymentId));
  if (!payment?.squarePaymentId || payment.status !== "COMPLETED") {
    return refused(
      "card_not_found",
      `card payment ${input.cardPaymentId} is not a completed Square payment`,
    );
  }
  if (!existing) {
    const left = payment.amountCents - (await heldBack(deps.db, payment.id));
    if (!Number.isInteger(input.amountCents) || input.amountCents < 1 || input.amountCents > left) {
      return refused(
        "card_refund_exceeds",
        `${input.amountCents} cents asked, ${left} cents left to refund on this payment`,
      );
    }
    const written = await insertRefund(deps.db, {
      id: input.refundId,
      storeId: payment.storeId,
      orderId: payment.orderId,
      method: "card",
      cardPaymentId: payment.id,
      idempotencyKey: refundKey(input.refundId),
      amountCents: input.amountCents,
      status: "UNKNOWN",
      reason: input.reason.slice(0, 192),
      byStaffId: input.byStaffId,
      now: new Date(deps.now()),
    });
    if (!written) return asResult((await findRefund(deps.db, input.refundId))!);
  }

  // Same key and body each time: Square gives the refund once, however many tries.
  const request = {
    paymentId: payment.squarePaymentId,
    amountCents: existing?.amountCents ?? input.amountCents,
    reason: (existing?.reason ?? input.reason).slice(0, 192),
    idempotencyKey: refundKey(input.refundId),
  };
  let result = await refundPayment(deps.client, request);
  if (!result.ok && result.failure.kind === "unknown") {
    result = await refundPayment(deps.client, request);
  }
  const now = new Date(deps.now());
  if (result.ok) {
    await deps.db
      .update(paymentRefunds)
      .set({ squareRefundId: result.value.id, status: result.value.status, updatedAt: now })
      .where(eq(paymentRefunds.id, input.refundId));
    return asResult((await findRefund(deps.db, input.refundId))!);
  }
  if (result.failure.kind === "unknown") {
    return { outcome: "unknown", key: "card_payment_unknown", refundId: input.refundId };
  }
  await deps.db
    .update(paymentRefunds)
    .set({ status: "FAILED", updatedAt: now })
    .where(eq(paymentRefunds.id, input.refundId));
  return refused(result.failure.key, `Square refused the refund (${result.failure.code})`);
}

export interface CashRefundInput {
  refundId: string;
  orderId: string;
  storeId: string;
  amountCents: number;
  reason: string;
  byStaffId: string | null;
}

/** Cash given back from the till: recorded at once, within what the order may still refund. */
export async function recordCashRefund(db: Database, input: CashRefundInput, now: Date) {
  const existing = await findRefund(db, input.refundId);
  if (existing) return asResult(existing);
  const money = await orderMoney(db, input.orderId);
  if (!money) return refused("card_not_found", `order ${input.orderId} is not stored`);
  if (input.amountCents < 1 || input.amountCents > money.refundableCents) {
    return refused(
      "card_refund_exceeds",
      `${input.amountCents} cents asked, ${money.refundableCents} cents may still be refunded`,
    );
  }
  await insertRefund(db, {
    id: input.refundId,
    storeId: input.storeId,
    orderId: input.orderId,
    method: "cash",
    cardPaymentId: null,
    idempotencyKey: `cash:${input.refundId}`,
    amountCents: input.amountCents,
    status: "COMPLETED",
    reason: input.reason.slice(0, 192),
    byStaffId: input.byStaffId,
    now,
  });
  return asResult((await findRefund(db, input.refundId))!);
}

/** The Square idempotency key of one of our refunds (at most 45 characters). */
export function refundKey(refundId: string): string {
  return `refund:${refundId}`;
}

async function heldBack(db: Database, cardPaymentId: string): Promise<number> {
  const rows = await db
    .select({ amountCents: paymentRefunds.amountCents })
    .from(paymentRefunds)
    .where(
      and(eq(paymentRefunds.cardPaymentId, cardPaymentId), inArray(paymentRefunds.status, HOLDING)),
    );
  return rows.reduce((sum, row) => sum + row.amountCents, 0);
}

async function findRefund(db: Database, refundId: string) {
  const [row] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.id, refundId));
  return row ?? null;
}

interface NewRefund {
  id: string;
  storeId: string;
  orderId: string;
  method: "card" | "cash";
  cardPaymentId: string | null;
  idempotencyKey: string;
  amountCents: number;
  status: string;
  reason: string;
  byStaffId: string | null;
  now: Date;
}

/** false when a concurrent call wrote the same refund first. */
async function insertRefund(db: Database, refund: NewRefund): Promise<boolean> {
  const { now, ...values } = refund;
  try {
    await db.insert(paymentRefunds).values({ ...values, createdAt: now, updatedAt: now });
    return true;
  } catch (error) {
    if (classifyDbError(error) === "duplicate_key") return false;
    throw error;
  }
}

function asResult(row: typeof paymentRefunds.$inferSelect): RefundResult {
  if (row.status === "UNKNOWN") {
    return { outcome: "unknown", key: "card_payment_unknown", refundId: row.id };
  }
  if (row.status === "FAILED" || row.status === "REJECTED") {
    return refused("card_request_invalid", `refund ${row.id} was ${row.status.toLowerCase()}`);
  }
  return {
    outcome: "refunded",
    refundId: row.id,
    status: row.status,
    amountCents: row.amountCents,
  };
}

function refused(key: CardFailureKey, message: string): RefundResult {
  return { outcome: "refused", key, message };
}
