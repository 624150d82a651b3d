/**
 * Reconciliation of one store's business day: Square's payments (its list,
 * for the day's window in the store's time zone) against ours (card records
 * and the counter's card ledger rows, see offline-sales.ts). Every difference
 * is listed and raises one `square_mismatch` alert, once, however often the
 * run is repeated (differences.ts).
 */
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { addDays, zonedTimeToEpochMs } from "@ocpizza/schema";
import { cardPayments, stores } from "@ocpizza/schema/db";

import { resolveUnknownCharges } from "./card-payments.js";
import { raiseAlerts, type Difference } from "./differences.js";
import { matchOfflineSales } from "./offline-sales.js";
import { touchOrders } from "./order-touch.js";
import { applySquarePayment, ourPaymentStatus } from "./records.js";
import type { SquareDeps } from "./square-deps.js";
import { locationIdOf } from "./square/settings.js";
import { listPayments, type SquarePaymentView } from "./square/square-api.js";

export type { Difference, DifferenceKind } from "./differences.js";
export { OFFLINE_MATCH_WINDOW_MS } from "./offline-sales.js";

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

  const declined: { orderId: string; amountCents: number }[] = [];
  const offline = await matchOfflineSales(deps, storeId, day, listed.value, differences, declined);
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

  // A declined offline sale makes its order owe again: counters hear of it at their next pull.
  await touchOrders(pool, declined, new Date(deps.now()));
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
