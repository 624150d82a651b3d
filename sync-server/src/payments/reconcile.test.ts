/**
 * Reconciliation of one business day against the fake Square (real SDK, real
 * MariaDB): each kind of difference is listed and alerted once; offline card
 * sales are found by reference or by a single amount-and-time match; a
 * declined offline sale makes the order owe again.
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";
import { alerts, cardPayments } from "@ocpizza/schema/db";

import {
  createSquareWorld,
  LOCATIONS,
  storeLedgerPayment,
  storeOrder,
  type SquareWorld,
} from "../testing/fake-square/square-world.js";
import { chargeOrder } from "./card-payments.js";
import { orderMoney } from "./order-money.js";
import { dayWindow, reconcileDay, type ReconcileReport } from "./reconcile.js";
import { createCardPayment } from "./square/square-api.js";

/** 13:00 in Paris on 20 November 2026: business day 2026-11-20. */
const NOON_MS = Date.parse("2026-11-20T12:00:00Z");
const DAY = "2026-11-20";

let w: SquareWorld;
let report: ReconcileReport;
const ids: Record<string, string> = {};

/** A payment made at Square that our records do not know (the Terminal's offline upload...). */
async function paymentAtSquare(
  reference: string,
  amountCents: number,
  nonce = "cnon:card-nonce-ok",
) {
  const result = await createCardPayment(w.deps.client, {
    orderId: reference,
    amountCents,
    sourceId: nonce,
    locationId: LOCATIONS.bastille,
    attempt: 1,
  });
  return result.ok
    ? result.value.id
    : (result.failure.body as { payment: { id: string } }).payment.id;
}

async function paidOnline(amountCents: number) {
  const orderId = await storeOrder(w, { totalCents: amountCents });
  const paid = await chargeOrder(w.deps, {
    orderId,
    storeId: "bastille",
    amountCents,
    sourceId: "cnon:card-nonce-ok",
  });
  if (paid.outcome !== "paid") throw new Error("not paid");
  await w.fake.webhooks.flush(); // Square's payment.created is heard before the test alters us
  return { orderId, cardPaymentId: paid.cardPaymentId, squarePaymentId: paid.squarePaymentId };
}

beforeAll(async () => {
  w = await createSquareWorld({ startMs: NOON_MS });
  w.fake.setPageSize(2); // several pages: the cursor is followed

  // Fine: an online payment, and a Terminal-like one the counter also wrote in its ledger.
  await paidOnline(1100);
  const twin = await paidOnline(1200);
  ids.twinLedger = await storeLedgerPayment(w, twin.orderId, {
    amountCents: 1200,
    businessDay: DAY,
  });
  ids.twinOrder = twin.orderId;

  // missing_here: a payment at Square nobody recorded.
  ids.strayAtSquare = await paymentAtSquare(newId(), 1300);

  // missing_at_square: a record of a payment Square does not hold.
  const ghost = await storeOrder(w);
  ids.ghost = newId();
  await w.t.db.insert(cardPayments).values({
    id: ids.ghost,
    storeId: "bastille",
    orderId: ghost,
    source: "online",
    status: "COMPLETED",
    amountCents: 1400,
    squarePaymentId: "GHOSTPAYMENT0001",
    createdAt: new Date(NOON_MS),
    updatedAt: new Date(NOON_MS),
  });

  // amount_mismatch and status_mismatch: our record says otherwise than Square.
  const mismatched = await paidOnline(1500);
  await w.t.db
    .update(cardPayments)
    .set({ amountCents: 1499 })
    .where(eq(cardPayments.id, mismatched.cardPaymentId));
  ids.mismatchedSquare = mismatched.squarePaymentId;
  const wrongStatus = await paidOnline(1600);
  await w.t.db
    .update(cardPayments)
    .set({ status: "FAILED" })
    .where(eq(cardPayments.id, wrongStatus.cardPaymentId));
  ids.wrongStatus = wrongStatus.cardPaymentId;

  // Offline card sales: found by reference, found by amount and time, declined, not found.
  ids.offlineByRef = await storeOrder(w, { totalCents: 1700 });
  await storeLedgerPayment(w, ids.offlineByRef, { amountCents: 1700, businessDay: DAY });
  await paymentAtSquare(ids.offlineByRef, 1700);
  ids.offlineByTime = await storeOrder(w, { totalCents: 1777 });
  await storeLedgerPayment(w, ids.offlineByTime, { amountCents: 1777, businessDay: DAY });
  await paymentAtSquare(newId(), 1777);
  ids.offlineDeclined = await storeOrder(w, { totalCents: 1800 });
  await storeLedgerPayment(w, ids.offlineDeclined, { amountCents: 1800, businessDay: DAY });
  await paymentAtSquare(ids.offlineDeclined, 1800, "cnon:card-nonce-declined");
  ids.offlineLost = await storeOrder(w, { totalCents: 1900 });
  ids.offlineLostLedger = await storeLedgerPayment(w, ids.offlineLost, {
    amountCents: 1900,
    businessDay: DAY,
  });

  // Another day's payment is out of the window.
  w.clock.nowMs = NOON_MS + 86_400_000;
  await paymentAtSquare(newId(), 9999);
  w.clock.nowMs = NOON_MS + 3_600_000;
  await w.fake.webhooks.flush();

  report = await reconcileDay(w.deps, w.t.pool, "bastille", DAY);
});
afterAll(() => w?.close());

const kinds = (r: ReconcileReport) => r.differences.map((d) => d.kind).sort();

describe("a day's reconciliation", () => {
  it("covers the business day in Paris, from its closing hour to the next", () => {
    const window = dayWindow(DAY, "Europe/Paris", 240);
    expect(new Date(window.fromMs).toISOString()).toBe("2026-11-20T03:00:00.000Z");
    expect(report.fromIso).toBe("2026-11-20T03:00:00.000Z");
  });

  it("lists every difference, each of its kind", () => {
    expect(kinds(report)).toEqual([
      "amount_mismatch",
      "missing_at_square",
      "missing_here",
      "offline_declined",
      "offline_not_found",
      "status_mismatch",
    ]);
    const byKind = Object.fromEntries(report.differences.map((d) => [d.kind, d]));
    expect(byKind.missing_here.squarePaymentId).toBe(ids.strayAtSquare);
    expect(byKind.missing_at_square.ourId).toBe(ids.ghost);
    expect(byKind.amount_mismatch).toMatchObject({
      squarePaymentId: ids.mismatchedSquare,
      squareAmountCents: 1500,
      ourAmountCents: 1499,
    });
    expect(byKind.offline_declined.orderId).toBe(ids.offlineDeclined);
    expect(byKind.offline_not_found.ourId).toBe(ids.offlineLostLedger);
  });

  it("finds two offline card sales on Square, by reference and by amount and time", async () => {
    expect(report.offlineMatched).toBe(3); // the two found, and the declined one
    for (const orderId of [ids.offlineByRef, ids.offlineByTime]) {
      const [row] = await w.t.db
        .select()
        .from(cardPayments)
        .where(eq(cardPayments.orderId, orderId));
      expect(row).toMatchObject({ source: "offline_terminal", status: "COMPLETED" });
      expect(row.squarePaymentId).not.toBeNull();
    }
  });

  it("makes the order of a declined offline sale owe its amount again", async () => {
    expect(await orderMoney(w.t.db, ids.offlineDeclined)).toMatchObject({
      paidCents: 0,
      outstandingCents: 1800,
    });
  });

  it("links the counter's ledger row to the payment it mirrors: counted once", async () => {
    const [row] = await w.t.db
      .select()
      .from(cardPayments)
      .where(eq(cardPayments.orderId, ids.twinOrder));
    expect(row.ledgerPaymentId).toBe(ids.twinLedger);
    expect(await orderMoney(w.t.db, ids.twinOrder)).toMatchObject({
      paidCents: 1200,
      overpaidCents: 0,
    });
  });

  it("brings our record in line with Square on a status difference", async () => {
    const [row] = await w.t.db
      .select()
      .from(cardPayments)
      .where(eq(cardPayments.id, ids.wrongStatus));
    expect(row.status).toBe("COMPLETED");
  });

  it("raises one square_mismatch alert per difference", async () => {
    const mismatch = and(eq(alerts.storeId, "bastille"), eq(alerts.kind, "square_mismatch"));
    const [{ n }] = await w.t.db.select({ n: count() }).from(alerts).where(mismatch);
    expect(report.alertsRaised).toBe(6);
    expect(n).toBe(6);
  });

  it("run again, lists what is still different and raises no alert twice", async () => {
    const again = await reconcileDay(w.deps, w.t.pool, "bastille", DAY);

    expect(kinds(again)).toEqual([
      "amount_mismatch",
      "missing_at_square",
      "missing_here",
      "offline_declined",
      "offline_not_found",
    ]);
    expect(again.alertsRaised).toBe(0);
    const mismatch = and(eq(alerts.storeId, "bastille"), eq(alerts.kind, "square_mismatch"));
    expect((await w.t.db.select({ n: count() }).from(alerts).where(mismatch))[0].n).toBe(6);
  });

  it("finds an offline sale on a later run, once the Terminal has uploaded it", async () => {
    await paymentAtSquare(ids.offlineLost, 1900);
    await w.fake.webhooks.flush();
    const later = await reconcileDay(w.deps, w.t.pool, "bastille", DAY);

    expect(kinds(later)).not.toContain("offline_not_found");
    const [row] = await w.t.db
      .select()
      .from(cardPayments)
      .where(eq(cardPayments.ledgerPaymentId, ids.offlineLostLedger));
    expect(row).toMatchObject({ source: "offline_terminal", status: "COMPLETED" });
    expect(await orderMoney(w.t.db, ids.offlineLost)).toMatchObject({
      paidCents: 1900,
      unconfirmedCents: 0,
    });
  });

  it("refuses a store with no Square location", async () => {
    await expect(reconcileDay(w.deps, w.t.pool, "nowhere", DAY)).rejects.toThrow(/No store/);
  });
});
