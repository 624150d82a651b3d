/**
 * Card sales a counter recorded itself (a `card` row of its ledger) matched
 * to Square: to our Terminal or online record of the same order (the same
 * money, linked so it is counted once), else to a payment in Square's list
 * of the day, by order reference first, then by amount and time when only
 * one payment fits. A sale Square declined makes the order owe again; a sale
 * not found is kept as OFFLINE and listed until it is.
 */
import { and, eq, inArray } from "drizzle-orm";

import { newId } from "@ocpizza/schema";
import { cardPayments, payments } from "@ocpizza/schema/db";

import { classifyDbError } from "../db/errors.js";
import type { Difference } from "./differences.js";
import { ourPaymentStatus } from "./records.js";
import type { SquareDeps } from "./square-deps.js";
import type { SquarePaymentView } from "./square/square-api.js";

/** How far from the counter's time an offline sale may be matched by amount alone (15 min). */
export const OFFLINE_MATCH_WINDOW_MS = 15 * 60_000;

const STANDING = new Set(["COMPLETED", "APPROVED"]);

/**
 * The counter's card sales of the day that no card record mirrors: linked to
 * our Terminal or online record of the same order, or found on Square, or
 * listed as not found. Returns how many were found on Square.
 */
export async function matchOfflineSales(
  deps: SquareDeps,
  storeId: string,
  day: string,
  squareList: readonly SquarePaymentView[],
  out: Difference[],
  /** Filled with the sales found declined by this run (each only once, ever). */
  declinedNow: { orderId: string; amountCents: number }[] = [],
): Promise<number> {
  const ledger = await deps.db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.storeId, storeId),
        eq(payments.businessDay, day),
        eq(payments.method, "card"),
      ),
    );
  const sales = ledger.filter((row) => row.amountCents > 0);
  if (sales.length === 0) return 0;
  const orderIds = [...new Set(sales.map((s) => s.orderId))];
  const cards = await deps.db
    .select()
    .from(cardPayments)
    .where(inArray(cardPayments.orderId, orderIds));
  // Square payments any of our records already holds cannot be someone's offline sale.
  const listedIds = squareList.map((p) => p.id);
  const holders =
    listedIds.length === 0
      ? []
      : await deps.db
          .select({ id: cardPayments.squarePaymentId })
          .from(cardPayments)
          .where(inArray(cardPayments.squarePaymentId, listedIds));
  const claimed = new Set<string | null>([
    ...cards.map((c) => c.squarePaymentId),
    ...holders.map((h) => h.id),
  ]);
  // A payment naming one of the day's sales belongs to it, never to another by amount and time.
  const referenced = new Set(sales.map((sale) => sale.orderId));
  const now = new Date(deps.now());
  let matched = 0;

  for (const sale of sales) {
    const mirror = cards.find((c) => c.ledgerPaymentId === sale.id);
    if (mirror && mirror.status !== "OFFLINE") {
      if (mirror.source === "offline_terminal" && !STANDING.has(mirror.status)) {
        out.push(offlineDeclined(sale, mirror.squarePaymentId));
      }
      continue;
    }

    // A Terminal or online payment the counter also wrote in its ledger: the same money.
    const twin = cards.find(
      (c) =>
        c.ledgerPaymentId === null &&
        c.orderId === sale.orderId &&
        c.amountCents === sale.amountCents &&
        STANDING.has(c.status),
    );
    if (twin) {
      await deps.db
        .update(cardPayments)
        .set({ ledgerPaymentId: sale.id, updatedAt: now })
        .where(eq(cardPayments.id, twin.id));
      twin.ledgerPaymentId = sale.id;
      continue;
    }

    const found = findOnSquare(sale, squareList, claimed, referenced);
    if (!found) {
      if (!mirror) await recordOffline(deps, sale, null, now);
      out.push({
        kind: "offline_not_found",
        orderId: sale.orderId,
        squarePaymentId: null,
        ourId: sale.id,
        squareAmountCents: null,
        ourAmountCents: sale.amountCents,
        message:
          `The counter recorded a card sale of ${sale.amountCents} cents for order ` +
          `${sale.orderId} (payment ${sale.id}) that Square does not hold: check the Terminal's ` +
          `offline payments, or collect the money.`,
      });
      continue;
    }
    claimed.add(found.id);
    matched++;
    if (mirror) {
      await deps.db
        .update(cardPayments)
        .set({
          squarePaymentId: found.id,
          status: ourPaymentStatus(found.status),
          squareLocationId: found.locationId,
          cardBrand: found.cardBrand,
          cardLast4: found.cardLast4,
          updatedAt: now,
        })
        .where(eq(cardPayments.id, mirror.id));
    } else {
      await recordOffline(deps, sale, found, now);
    }
    if (!STANDING.has(ourPaymentStatus(found.status))) {
      out.push(offlineDeclined(sale, found.id));
      declinedNow.push({ orderId: sale.orderId, amountCents: sale.amountCents });
    }
  }
  return matched;
}

type LedgerRow = typeof payments.$inferSelect;

function findOnSquare(
  sale: LedgerRow,
  list: readonly SquarePaymentView[],
  claimed: Set<string | null>,
  referenced: Set<string>,
): SquarePaymentView | null {
  const free = list.filter((p) => !claimed.has(p.id) && p.amountCents === sale.amountCents);
  const byReference = free.find((p) => p.referenceId === sale.orderId);
  if (byReference) return byReference;
  const near = free.filter(
    (p) =>
      !(p.referenceId !== null && referenced.has(p.referenceId)) &&
      Math.abs(p.createdAtMs - sale.createdAt.getTime()) <= OFFLINE_MATCH_WINDOW_MS,
  );
  // Only a single candidate is trusted: two same-amount sales close together stay unmatched.
  return near.length === 1 ? near[0] : null;
}

async function recordOffline(
  deps: SquareDeps,
  sale: LedgerRow,
  found: SquarePaymentView | null,
  now: Date,
): Promise<void> {
  try {
    await deps.db.insert(cardPayments).values({
      id: newId(),
      storeId: sale.storeId,
      orderId: sale.orderId,
      source: "offline_terminal",
      status: found ? ourPaymentStatus(found.status) : "OFFLINE",
      amountCents: sale.amountCents,
      squarePaymentId: found?.id ?? null,
      squareLocationId: found?.locationId ?? null,
      ledgerPaymentId: sale.id,
      cardBrand: found?.cardBrand ?? null,
      cardLast4: found?.cardLast4 ?? null,
      createdAt: sale.createdAt,
      updatedAt: now,
    });
  } catch (error) {
    if (classifyDbError(error) !== "duplicate_key") throw error;
  }
}

function offlineDeclined(sale: LedgerRow, squarePaymentId: string | null): Difference {
  return {
    kind: "offline_declined",
    orderId: sale.orderId,
    squarePaymentId,
    ourId: sale.id,
    squareAmountCents: sale.amountCents,
    ourAmountCents: sale.amountCents,
    message:
      `The card sale of ${sale.amountCents} cents the counter took offline for order ` +
      `${sale.orderId} was declined by Square: the order owes this amount again.`,
  };
}
