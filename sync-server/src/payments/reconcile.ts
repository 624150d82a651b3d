/**
 * Reconciliation of one store's business day: Square's payments (its list,
 * for the day's window in the store's time zone) against ours (card records
 * and the counter's card ledger rows). Card sales a counter recorded offline
 * are matched to Square here, by order reference first, then by amount and
 * time when only one payment fits. Every difference is listed and raises
 * one `square_mismatch` alert, once, however often the run is repeated.
 */
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { addDays, newId, zonedTimeToEpochMs } from "@ocpizza/schema";
import { alerts, cardPayments, payments, squareReconcileFindings, stores } from "@ocpizza/schema/db";

import { classifyDbError } from "../db/errors.js";
import { inTransaction } from "../db/transaction.js";
import { resolveUnknownCharges } from "./card-payments.js";
import { applySquarePayment, isUuid, ourPaymentStatus } from "./records.js";
import type { SquareDeps } from "./square-deps.js";
import { locationIdOf } from "./square/settings.js";
import { listPayments, type SquarePaymentView } from "./square/square-api.js";

/** How far from the counter's time an offline sale may be matched by amount alone (15 min). */
export const OFFLINE_MATCH_WINDOW_MS = 15 * 60_000;

export type DifferenceKind =
  | "missing_here"
  | "missing_at_square"
  | "amount_mismatch"
  | "status_mismatch"
  | "offline_not_found"
  | "offline_declined";

export interface Difference {
  kind: DifferenceKind;
  orderId: string | null;
  squarePaymentId: string | null;
  /** Our card record, or the counter's ledger row for an offline sale. */
  ourId: string | null;
  squareAmountCents: number | null;
  ourAmountCents: number | null;
  message: string;
}

export interface ReconcileReport {
  storeId: string;
  day: string;
  /** The UTC window of the business day. */
  fromIso: string;
  toIso: string;
  squarePayments: number;
  ourPayments: number;
  /** Offline card sales found on Square during this run. */
  offlineMatched: number;
  differences: Difference[];
  /** Alerts raised by this run (a difference already alerted is not raised again). */
  alertsRaised: number;
}

export class ReconcileError extends Error {
  override name = "ReconcileError";
}

const STANDING = new Set(["COMPLETED", "APPROVED"]);

export async function reconcileDay(
  deps: SquareDeps,
  pool: Pool,
  storeId: string,
  day: string,
): Promise<ReconcileReport> {
  const [store] = await deps.db.select().from(stores).where(eq(stores.id, storeId));
  if (!store) throw new ReconcileError(`No store "${storeId}": see GET /api/v1/stores.`);
  const locationId = locationIdOf(deps.settings, storeId);
  if (!locationId) {
    throw new ReconcileError(`Store "${storeId}" has no Square location in SQUARE_LOCATION_IDS.`);
  }
  const window = dayWindow(day, store.timeZone, store.closingMinutes);
  await resolveUnknownCharges(deps, storeId);

  const listed = await listPayments(deps.client, {
    locationId,
    beginTime: new Date(window.fromMs).toISOString(),
    endTime: new Date(window.toMs).toISOString(),
  });
  if (!listed.ok) {
    throw new ReconcileError(`Square's payment list failed (${listed.failure.code}): try again.`);
  }
  const squareById = new Map(listed.value.map((p) => [p.id, p]));
  const differences: Difference[] = [];

  const offline = await matchOfflineSales(deps, storeId, day, listed.value, differences);
  const ours = await ourCardPayments(deps, storeId, window, [...squareById.keys()]);
  const seen = new Set<string>();
  for (const row of ours) {
    if (!row.squarePaymentId) continue;
    seen.add(row.squarePaymentId);
    const theirs = squareById.get(row.squarePaymentId);
    compareOne(row, theirs, differences);
    if (theirs && ourPaymentStatus(theirs.status) !== row.status) {
      await applySquarePayment(deps.db, theirs, storeId, new Date(deps.now()));
    }
  }
  for (const payment of listed.value) {
    if (seen.has(payment.id) || !STANDING.has(ourPaymentStatus(payment.status))) continue;
    differences.push({
      kind: "missing_here",
      orderId: payment.referenceId,
      squarePaymentId: payment.id,
      ourId: null,
      squareAmountCents: payment.amountCents,
      ourAmountCents: null,
      message:
        `Square holds payment ${payment.id} of ${payment.amountCents} cents that we have no ` +
        `record of${payment.referenceId ? ` (reference ${payment.referenceId})` : ""}.`,
    });
  }

  const alertsRaised = await raiseAlerts(pool, storeId, day, differences, deps.now());
  return {
    storeId,
    day,
    fromIso: new Date(window.fromMs).toISOString(),
    toIso: new Date(window.toMs).toISOString(),
    squarePayments: listed.value.length,
    ourPayments: ours.length,
    offlineMatched: offline,
    differences,
    alertsRaised,
  };
}

/** The business day's UTC window: from its closing hour to the next day's. */
export function dayWindow(day: string, timeZone: string, closingMinutes: number) {
  const time = `${Math.floor(closingMinutes / 60)}:${closingMinutes % 60}:00`;
  return {
    fromMs: zonedTimeToEpochMs(day, time, timeZone),
    toMs: zonedTimeToEpochMs(addDays(day, 1), time, timeZone),
  };
}

type CardRow = typeof cardPayments.$inferSelect;

function compareOne(row: CardRow, theirs: SquarePaymentView | undefined, out: Difference[]) {
  const base = { orderId: row.orderId, squarePaymentId: row.squarePaymentId, ourId: row.id };
  if (!theirs) {
    if (!STANDING.has(row.status)) return;
    out.push({
      ...base,
      kind: "missing_at_square",
      squareAmountCents: null,
      ourAmountCents: row.amountCents,
      message:
        `We recorded card payment ${row.squarePaymentId} of ${row.amountCents} cents for order ` +
        `${row.orderId}, and Square's list for the day does not hold it.`,
    });
    return;
  }
  const amounts = { squareAmountCents: theirs.amountCents, ourAmountCents: row.amountCents };
  if (theirs.amountCents !== row.amountCents) {
    out.push({
      ...base,
      ...amounts,
      kind: "amount_mismatch",
      message:
        `Payment ${theirs.id} of order ${row.orderId}: Square says ${theirs.amountCents} cents, ` +
        `we say ${row.amountCents}.`,
    });
  }
  const status = ourPaymentStatus(theirs.status);
  if (status !== row.status && (STANDING.has(status) || STANDING.has(row.status))) {
    out.push({
      ...base,
      ...amounts,
      kind: "status_mismatch",
      message:
        `Payment ${theirs.id} of order ${row.orderId}: Square says ${status}, we said ` +
        `${row.status}; our record now follows Square.`,
    });
  }
}

/**
 * The counter's card sales of the day that no card record mirrors: linked to
 * our Terminal or online record of the same order, or found on Square, or
 * listed as not found. Returns how many were found on Square.
 */
async function matchOfflineSales(
  deps: SquareDeps,
  storeId: string,
  day: string,
  squareList: readonly SquarePaymentView[],
  out: Difference[],
): Promise<number> {
  const ledger = await deps.db
    .select()
    .from(payments)
    .where(
      and(eq(payments.storeId, storeId), eq(payments.businessDay, day), eq(payments.method, "card")),
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

    const found = findOnSquare(sale, squareList, claimed);
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
    if (!STANDING.has(ourPaymentStatus(found.status))) out.push(offlineDeclined(sale, found.id));
  }
  return matched;
}

type LedgerRow = typeof payments.$inferSelect;

function findOnSquare(
  sale: LedgerRow,
  list: readonly SquarePaymentView[],
  claimed: Set<string | null>,
): SquarePaymentView | null {
  const free = list.filter((p) => !claimed.has(p.id) && p.amountCents === sale.amountCents);
  const byReference = free.find((p) => p.referenceId === sale.orderId);
  if (byReference) return byReference;
  const near = free.filter(
    (p) => Math.abs(p.createdAtMs - sale.createdAt.getTime()) <= OFFLINE_MATCH_WINDOW_MS,
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

async function ourCardPayments(
  deps: SquareDeps,
  storeId: string,
  window: { fromMs: number; toMs: number },
  squareIds: string[],
): Promise<CardRow[]> {
  const inWindow = await deps.db
    .select()
    .from(cardPayments)
    .where(
      and(
        eq(cardPayments.storeId, storeId),
        gte(cardPayments.createdAt, new Date(window.fromMs)),
        lt(cardPayments.createdAt, new Date(window.toMs)),
      ),
    );
  const ids = new Set(inWindow.map((row) => row.id));
  const listedElsewhere =
    squareIds.length === 0
      ? []
      : await deps.db
          .select()
          .from(cardPayments)
          .where(inArray(cardPayments.squarePaymentId, squareIds));
  return [...inWindow, ...listedElsewhere.filter((row) => !ids.has(row.id))];
}

/** One alert per difference, ever: the finding's key is written in the alert's transaction. */
async function raiseAlerts(
  pool: Pool,
  storeId: string,
  day: string,
  differences: readonly Difference[],
  nowMs: number,
): Promise<number> {
  let raised = 0;
  for (const difference of differences) {
    const reference = difference.squarePaymentId ?? difference.ourId ?? difference.orderId ?? "";
    const findingKey = `${storeId}|${day}|${difference.kind}|${reference}`.slice(0, 191);
    const createdAt = new Date(nowMs);
    const fresh = await inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
      const [known] = await db
        .select({ key: squareReconcileFindings.findingKey })
        .from(squareReconcileFindings)
        .where(eq(squareReconcileFindings.findingKey, findingKey))
        .for("update");
      if (known) return false;
      const [alert] = await db
        .insert(alerts)
        .values({
          storeId,
          kind: "square_mismatch",
          message: `${day}: ${difference.message}`.slice(0, 500),
          orderId: difference.orderId && isUuid(difference.orderId) ? difference.orderId : null,
          createdAt,
        })
        .$returningId();
      await db
        .insert(squareReconcileFindings)
        .values({ findingKey, storeId, alertId: alert.id, createdAt });
      return true;
    }).catch((error: unknown) => {
      // Two runs at once: the other one raised it.
      if (classifyDbError(error) === "duplicate_key") return false;
      throw error;
    });
    if (fresh) raised++;
  }
  return raised;
}
