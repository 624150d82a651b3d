/**
 * Card payments a counter sends in its sync push, tied to our Square records:
 * a Terminal payment (the counter names Square's payment id) is linked to the
 * ledger row so the money counts once; a card sale taken on the terminal's
 * own offline mode (the counter names the terminal's reference) is recorded
 * as OFFLINE, for the reconciliation to find on Square later. Never refuses:
 * the sale is recorded as it happened (docs/payments.md).
 */
import { eq } from "drizzle-orm";

import { newId, type Payment } from "@ocpizza/schema";
import { cardPayments, terminalCheckouts, type payments } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { classifyDbError } from "../db/errors.js";

type LedgerRow = typeof payments.$inferInsert;

/**
 * For each card payment of a mutation that carries a Square payment id or a
 * terminal reference, the card record of its ledger row. `rows` are the ledger
 * rows this mutation wrote (a resent payment has none and is skipped).
 */
export async function recordCounterCardPayments(
  db: Database,
  storeId: string,
  orderId: string,
  incoming: readonly Payment[],
  rows: readonly LedgerRow[],
  now: Date,
): Promise<void> {
  for (const payment of incoming) {
    if (payment.method !== "card") continue;
    if (payment.squarePaymentId === undefined && payment.cardReference === undefined) continue;
    const row = ledgerRowOf(payment, rows);
    if (!row) continue;
    if (payment.squarePaymentId !== undefined) {
      await linkTerminalPayment(db, { storeId, orderId, ledger: row, payment, now });
    } else {
      await recordOfflineSale(db, { storeId, orderId, ledger: row, payment, now });
    }
  }
}

interface CardSale {
  storeId: string;
  orderId: string;
  ledger: LedgerRow;
  payment: Payment;
  now: Date;
}

/** The row written for this payment: same id, or (stored under a server id) same money and time. */
function ledgerRowOf(payment: Payment, rows: readonly LedgerRow[]): LedgerRow | undefined {
  return (
    rows.find((row) => row.id === payment.id) ??
    rows.find(
      (row) =>
        row.method === "card" &&
        row.amountCents === payment.amountCents &&
        row.createdAt.getTime() === payment.createdAtMs,
    )
  );
}

/**
 * The Terminal payment the counter followed to COMPLETED. Our record usually
 * exists (the checkout's answer or webhook wrote it); if the push arrives first,
 * a PENDING record is written and Square's webhook completes it.
 */
async function linkTerminalPayment(db: Database, sale: CardSale): Promise<void> {
  const squarePaymentId = sale.payment.squarePaymentId!;
  const [known] = await db
    .select({
      id: cardPayments.id,
      ledgerPaymentId: cardPayments.ledgerPaymentId,
      terminalCheckoutId: cardPayments.terminalCheckoutId,
    })
    .from(cardPayments)
    .where(eq(cardPayments.squarePaymentId, squarePaymentId));
  if (known) {
    if (known.ledgerPaymentId !== null) return;
    // A new sale's checkout was sent before the order existed, under a reference id:
    // the counter's push says which order this money paid.
    await db
      .update(cardPayments)
      .set({ ledgerPaymentId: sale.ledger.id!, orderId: sale.orderId, updatedAt: sale.now })
      .where(eq(cardPayments.id, known.id));
    if (known.terminalCheckoutId !== null) {
      await db
        .update(terminalCheckouts)
        .set({ orderId: sale.orderId })
        .where(eq(terminalCheckouts.id, known.terminalCheckoutId));
    }
    return;
  }
  await insertOnce(db, {
    ...baseRow(sale),
    source: "terminal",
    status: "PENDING",
    squarePaymentId,
  });
}

/** A card sale taken on the terminal offline: unconfirmed until the reconciliation finds it. */
async function recordOfflineSale(db: Database, sale: CardSale): Promise<void> {
  await insertOnce(db, {
    ...baseRow(sale),
    source: "offline_terminal",
    status: "OFFLINE",
    reference: sale.payment.cardReference ?? null,
  });
}

function baseRow(sale: CardSale) {
  return {
    id: newId(),
    storeId: sale.storeId,
    orderId: sale.orderId,
    amountCents: sale.payment.amountCents,
    ledgerPaymentId: sale.ledger.id!,
    createdAt: new Date(sale.payment.createdAtMs),
    updatedAt: sale.now,
  };
}

/** A ledger row has at most one card record (unique index): a second write is the same fact. */
async function insertOnce(db: Database, row: typeof cardPayments.$inferInsert): Promise<void> {
  try {
    await db.insert(cardPayments).values(row);
  } catch (error) {
    if (classifyDbError(error) !== "duplicate_key") throw error;
  }
}
