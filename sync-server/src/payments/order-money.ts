/**
 * An order's money in one consistent reading: what was paid, what was given
 * back, what is still owed. Two sources are combined without counting a cent
 * twice: the counter's `payments` ledger (positive rows received, negative
 * rows refunded, as the sync stores them) and our Square records. A card row
 * or refund row that points at a ledger row is that row (it only corrects
 * it: a counter's card sale Square declined is not paid); one that points at
 * none is money the ledger does not know yet (an online charge, a Terminal
 * payment, a manager's refund).
 */
import { eq } from "drizzle-orm";

import { cardPayments, orders, paymentRefunds, payments } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export interface OrderMoney {
  totalCents: number;
  /** Money received that stands. */
  paidCents: number;
  /** Money given back (Square refunds pending or completed, cash refunds). */
  refundedCents: number;
  /** paid - refunded: what the shop keeps for this order. */
  netPaidCents: number;
  /** What the customer still owes: total - paid, never below 0. */
  outstandingCents: number;
  /** Paid beyond the total (change not given, a double payment): total - paid below 0. */
  overpaidCents: number;
  /** What a refund may still give back: paid - refunded - refunds not yet confirmed. */
  refundableCents: number;
  /** Card money not confirmed by Square yet (a lost answer, an offline sale): counted as paid
   * when a counter recorded it, not counted when only we asked Square. */
  unconfirmedCents: number;
  /** Refunds whose answer was lost: held back from refundableCents until known. */
  pendingRefundCents: number;
}

const STANDING = new Set(["COMPLETED", "APPROVED"]);
const VOID = new Set(["FAILED", "CANCELED"]);
const GIVEN_BACK = new Set(["PENDING", "COMPLETED"]);

/** The money of an order, or null when no such order is stored. */
export async function orderMoney(db: Database, orderId: string): Promise<OrderMoney | null> {
  const [order] = await db
    .select({ totalCents: orders.totalCents })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) return null;
  const ledger = await db
    .select({ id: payments.id, amountCents: payments.amountCents, method: payments.method })
    .from(payments)
    .where(eq(payments.orderId, orderId));
  const cards = await db
    .select({
      status: cardPayments.status,
      amountCents: cardPayments.amountCents,
      ledgerPaymentId: cardPayments.ledgerPaymentId,
    })
    .from(cardPayments)
    .where(eq(cardPayments.orderId, orderId));
  const refunds = await db
    .select({
      status: paymentRefunds.status,
      amountCents: paymentRefunds.amountCents,
      ledgerPaymentId: paymentRefunds.ledgerPaymentId,
    })
    .from(paymentRefunds)
    .where(eq(paymentRefunds.orderId, orderId));
  return computeOrderMoney(order.totalCents, ledger, cards, refunds);
}

export interface LedgerRow {
  id: string;
  amountCents: number;
  /** cash | card | ...; a `card` row may mirror a card record not yet linked to it. */
  method?: string;
}

export interface CardRow {
  status: string;
  amountCents: number;
  ledgerPaymentId: string | null;
}

export interface RefundRow {
  status: string;
  amountCents: number;
  ledgerPaymentId: string | null;
}

/** The arithmetic alone, so it can be checked without a database. */
export function computeOrderMoney(
  totalCents: number,
  ledger: readonly LedgerRow[],
  cards: readonly CardRow[],
  refunds: readonly RefundRow[],
): OrderMoney {
  const ledgerAmount = new Map(ledger.map((row) => [row.id, row.amountCents]));
  let paidCents = ledger.filter((r) => r.amountCents > 0).reduce((s, r) => s + r.amountCents, 0);
  let refundedCents = -ledger
    .filter((r) => r.amountCents < 0)
    .reduce((s, r) => s + r.amountCents, 0);
  let unconfirmedCents = 0;
  let pendingRefundCents = 0;

  for (const card of withTwins(ledger, cards)) {
    const mirrored = card.ledgerPaymentId !== null && ledgerAmount.has(card.ledgerPaymentId);
    if (mirrored) {
      // The counter recorded it; Square's verdict can only take it away.
      if (VOID.has(card.status)) paidCents -= ledgerAmount.get(card.ledgerPaymentId!)!;
      if (card.status === "OFFLINE" || card.status === "UNKNOWN") {
        unconfirmedCents += card.amountCents;
      }
    } else if (STANDING.has(card.status)) {
      paidCents += card.amountCents;
    } else if (card.status === "UNKNOWN") {
      unconfirmedCents += card.amountCents;
    }
  }
  for (const refund of refunds) {
    const mirrored = refund.ledgerPaymentId !== null && ledgerAmount.has(refund.ledgerPaymentId);
    if (mirrored) continue;
    if (GIVEN_BACK.has(refund.status)) refundedCents += refund.amountCents;
    if (refund.status === "UNKNOWN") pendingRefundCents += refund.amountCents;
  }

  return {
    totalCents,
    paidCents,
    refundedCents,
    netPaidCents: paidCents - refundedCents,
    outstandingCents: Math.max(0, totalCents - paidCents),
    overpaidCents: Math.max(0, paidCents - totalCents),
    refundableCents: Math.max(0, paidCents - refundedCents - pendingRefundCents),
    unconfirmedCents,
    pendingRefundCents,
  };
}

/**
 * Card records not linked yet, paired with the counter's `card` ledger row of
 * the same amount that nothing points at: a Terminal payment the counter also
 * wrote down is the same money (the reconciliation links them for good).
 */
function withTwins(ledger: readonly LedgerRow[], cards: readonly CardRow[]): CardRow[] {
  const linked = new Set(cards.map((card) => card.ledgerPaymentId));
  const free = ledger.filter((r) => r.method === "card" && r.amountCents > 0 && !linked.has(r.id));
  return cards.map((card) => {
    if (card.ledgerPaymentId !== null || !STANDING.has(card.status)) return card;
    const index = free.findIndex((row) => row.amountCents === card.amountCents);
    if (index < 0) return card;
    const [twin] = free.splice(index, 1);
    return { ...card, ledgerPaymentId: twin.id };
  });
}
