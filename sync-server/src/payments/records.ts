/**
 * Our card records brought in line with what Square says about a payment, a
 * refund or a Terminal checkout, whoever learned it (a call's answer, a
 * webhook, a reconciliation). Square's word wins, except that a status never
 * goes back (a late payment.created cannot undo a COMPLETED).
 */
import { and, eq } from "drizzle-orm";

import { newId } from "@ocpizza/schema";
import { cardPayments, paymentRefunds, terminalCheckouts } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { touchOrderIn } from "./order-touch.js";
import type {
  SquarePaymentView,
  SquareRefundView,
  TerminalCheckoutView,
} from "./square/square-api.js";
import { chargeNote } from "./square/square-api.js";

/** What happened to our records: "updated" or "created" a row, or "ignored" (not ours). */
export type RecordOutcome = "updated" | "created" | "ignored";

/** Later states rank higher; a record never moves to a lower rank. */
const PAYMENT_RANK: Record<string, number> = {
  OFFLINE: 0,
  UNKNOWN: 0,
  PENDING: 1,
  APPROVED: 1,
  COMPLETED: 2,
  FAILED: 2,
  CANCELED: 2,
};

const CHECKOUT_RANK: Record<string, number> = {
  PENDING: 0,
  IN_PROGRESS: 1,
  CANCEL_REQUESTED: 2,
  CANCELED: 3,
  COMPLETED: 3,
};

/** Our status for a Square payment status (PENDING is Square's "approved, not settled"). */
export function ourPaymentStatus(squareStatus: string): string {
  return squareStatus === "PENDING" ? "APPROVED" : squareStatus;
}

export async function applySquarePayment(
  db: Database,
  view: SquarePaymentView,
  storeId: string,
  now: Date,
): Promise<RecordOutcome> {
  const status = ourPaymentStatus(view.status);
  const details = {
    status,
    squareLocationId: view.locationId,
    cardBrand: view.cardBrand,
    cardLast4: view.cardLast4,
    updatedAt: now,
  };

  const [known] = await db
    .select({
      id: cardPayments.id,
      status: cardPayments.status,
      orderId: cardPayments.orderId,
      ledgerPaymentId: cardPayments.ledgerPaymentId,
    })
    .from(cardPayments)
    .where(eq(cardPayments.squarePaymentId, view.id));
  if (known) {
    if (rank(PAYMENT_RANK, status) < rank(PAYMENT_RANK, known.status)) return "ignored";
    await db.update(cardPayments).set(details).where(eq(cardPayments.id, known.id));
    // Money the counter holds as paid that Square took back: the order owes it again.
    if (known.ledgerPaymentId !== null && isVoid(status) && !isVoid(known.status)) {
      await touchOrderIn(db, known.orderId, now, view.amountCents);
    }
    return "updated";
  }

  // An online attempt whose answer was lost: found by its order and attempt note.
  const attempt = await findUnknownAttempt(db, view, storeId);
  if (attempt) {
    await db
      .update(cardPayments)
      .set({ ...details, squarePaymentId: view.id, amountCents: view.amountCents })
      .where(eq(cardPayments.id, attempt));
    return "updated";
  }

  // A Terminal payment of one of our checkouts, heard before the checkout's own update.
  const checkout = view.referenceId ? await findCheckoutFor(db, view, storeId) : null;
  if (checkout) {
    await db.insert(cardPayments).values({
      id: newId(),
      storeId,
      orderId: checkout.orderId,
      source: "terminal",
      amountCents: view.amountCents,
      squarePaymentId: view.id,
      terminalCheckoutId: checkout.id,
      createdAt: now,
      ...details,
    });
    return "created";
  }
  return "ignored";
}

export async function applySquareRefund(
  db: Database,
  view: SquareRefundView,
  now: Date,
): Promise<RecordOutcome> {
  const [known] = await db
    .select({ id: paymentRefunds.id })
    .from(paymentRefunds)
    .where(eq(paymentRefunds.squareRefundId, view.id));
  if (known) {
    await db
      .update(paymentRefunds)
      .set({ status: view.status, updatedAt: now })
      .where(eq(paymentRefunds.id, known.id));
    return "updated";
  }
  if (!view.paymentId) return "ignored";
  const [payment] = await db
    .select({ id: cardPayments.id, storeId: cardPayments.storeId, orderId: cardPayments.orderId })
    .from(cardPayments)
    .where(eq(cardPayments.squarePaymentId, view.paymentId));
  if (!payment) return "ignored";

  // Our own refund whose answer was lost: the same payment and amount, not yet known.
  const [lost] = await db
    .select({ id: paymentRefunds.id })
    .from(paymentRefunds)
    .where(
      and(
        eq(paymentRefunds.cardPaymentId, payment.id),
        eq(paymentRefunds.status, "UNKNOWN"),
        eq(paymentRefunds.amountCents, view.amountCents),
      ),
    )
    .limit(1);
  if (lost) {
    await db
      .update(paymentRefunds)
      .set({ squareRefundId: view.id, status: view.status, updatedAt: now })
      .where(eq(paymentRefunds.id, lost.id));
    return "updated";
  }

  // A refund given in Square's own dashboard: the money went back all the same.
  await db.insert(paymentRefunds).values({
    id: newId(),
    storeId: payment.storeId,
    orderId: payment.orderId,
    method: "card",
    cardPaymentId: payment.id,
    squareRefundId: view.id,
    idempotencyKey: `square:${view.id}`.slice(0, 64),
    amountCents: view.amountCents,
    status: view.status,
    reason: "refunded in Square",
    createdAt: now,
    updatedAt: now,
  });
  return "created";
}

export async function applyTerminalCheckout(
  db: Database,
  view: TerminalCheckoutView,
  now: Date,
): Promise<RecordOutcome> {
  const [known] = await db
    .select({
      id: terminalCheckouts.id,
      status: terminalCheckouts.status,
      storeId: terminalCheckouts.storeId,
      orderId: terminalCheckouts.orderId,
    })
    .from(terminalCheckouts)
    .where(eq(terminalCheckouts.id, view.id));
  if (!known) return "ignored";
  if (rank(CHECKOUT_RANK, view.status) < rank(CHECKOUT_RANK, known.status)) return "ignored";

  const paymentId = view.paymentIds[0] ?? null;
  await db
    .update(terminalCheckouts)
    .set({
      status: view.status,
      cancelReason: view.cancelReason,
      ...(paymentId ? { squarePaymentId: paymentId } : {}),
      updatedAt: now,
    })
    .where(eq(terminalCheckouts.id, view.id));

  // The money is ours once the checkout completes, even before payment.created arrives.
  if (view.status === "COMPLETED" && paymentId) {
    const [recorded] = await db
      .select({ id: cardPayments.id })
      .from(cardPayments)
      .where(eq(cardPayments.squarePaymentId, paymentId));
    if (!recorded) {
      await db.insert(cardPayments).values({
        id: newId(),
        storeId: known.storeId,
        orderId: known.orderId,
        source: "terminal",
        status: "COMPLETED",
        amountCents: view.amountCents,
        squarePaymentId: paymentId,
        terminalCheckoutId: view.id,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  return "updated";
}

async function findUnknownAttempt(
  db: Database,
  view: SquarePaymentView,
  storeId: string,
): Promise<string | null> {
  if (!view.referenceId || !view.note) return null;
  const match = /attempt (\d+)$/.exec(view.note);
  if (!match || !isUuid(view.referenceId)) return null;
  const attempt = Number(match[1]);
  if (view.note !== chargeNote(view.referenceId, attempt)) return null;
  const [row] = await db
    .select({ id: cardPayments.id })
    .from(cardPayments)
    .where(
      and(
        eq(cardPayments.orderId, view.referenceId),
        eq(cardPayments.storeId, storeId),
        eq(cardPayments.source, "online"),
        eq(cardPayments.attempt, attempt),
      ),
    );
  return row?.id ?? null;
}

async function findCheckoutFor(db: Database, view: SquarePaymentView, storeId: string) {
  if (!isUuid(view.referenceId!)) return null;
  const rows = await db
    .select({
      id: terminalCheckouts.id,
      orderId: terminalCheckouts.orderId,
      status: terminalCheckouts.status,
    })
    .from(terminalCheckouts)
    .where(
      and(eq(terminalCheckouts.orderId, view.referenceId!), eq(terminalCheckouts.storeId, storeId)),
    );
  // Several checkouts of one order (a canceled one, then another): a live one takes it.
  return rows.find((row) => row.status !== "CANCELED") ?? rows.at(-1) ?? null;
}

function isVoid(status: string): boolean {
  return status === "FAILED" || status === "CANCELED";
}

export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

function rank(table: Record<string, number>, status: string): number {
  return table[status] ?? 0;
}

/**
 * Marks a card record as the same money as a row of the counter's ledger
 * (payments.id), for a flow that writes both: the order's money then counts
 * it once. Returns false when the record is already linked to another row.
 */
export async function linkLedgerPayment(
  db: Database,
  cardPaymentId: string,
  ledgerPaymentId: string,
  now: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ ledgerPaymentId: cardPayments.ledgerPaymentId })
    .from(cardPayments)
    .where(eq(cardPayments.id, cardPaymentId));
  if (!row || (row.ledgerPaymentId !== null && row.ledgerPaymentId !== ledgerPaymentId)) {
    return false;
  }
  await db
    .update(cardPayments)
    .set({ ledgerPaymentId, updatedAt: now })
    .where(eq(cardPayments.id, cardPaymentId));
  return true;
}
