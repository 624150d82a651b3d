/**
 * A card sale taken on the Terminal's own offline mode, end to end on the
 * server: the counter's push records it (never refused) as an OFFLINE card
 * record with the terminal's reference; the day's reconciliation later finds
 * it on Square (matched) or finds it declined: the order then owes the
 * amount (orderMoney, the counter's pull) and the manager is alerted.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId, PROTOCOL_VERSION } from "@ocpizza/schema";
import { alerts, cardPayments } from "@ocpizza/schema/db";

import { getPull } from "../testing/fixtures.js";
import {
  cardPayment,
  createCounterWorld,
  pushAs,
  pushSale,
  type CounterWorld,
} from "../testing/fake-square/counter-world.js";
import { LOCATIONS, SIGNATURE_KEY, WEBHOOK_URL } from "../testing/fake-square/square-world.js";
import { squareSignature } from "../testing/fake-square/webhooks.js";
import { orderMoney } from "./order-money.js";
import { reconcileDay } from "./reconcile.js";
import { createCardPayment } from "./square/square-api.js";

/** 13:00 in Paris on 20 November 2026: business day 2026-11-20. */
const NOON_MS = Date.parse("2026-11-20T12:00:00Z");
const DAY = "2026-11-20";

let w: CounterWorld;
beforeAll(async () => {
  w = await createCounterWorld({ startMs: NOON_MS });
});
afterAll(() => w?.close());

/** The Terminal uploads its offline payment to Square once back online. */
async function uploadedToSquare(orderId: string, amountCents: number, nonce: string) {
  await createCardPayment(w.deps.client, {
    orderId,
    amountCents,
    sourceId: nonce,
    locationId: LOCATIONS.bastille,
    attempt: 1,
  });
}

async function recordOfflineSale() {
  const order = await pushSale(w, w.counterA, []);
  const payment = cardPayment(w, order.totalCents, { cardReference: "TERM-0042" });
  const pushed = await pushAs(w, w.counterA, [
    { kind: "order.pay", atMs: w.clock.nowMs, orderId: order.id, payments: [payment] },
  ]);
  return { order, payment, outcome: pushed.results[0].outcome };
}

async function cardRecordOf(orderId: string) {
  const [row] = await w.t.db.select().from(cardPayments).where(eq(cardPayments.orderId, orderId));
  return row;
}

describe("an offline card sale", () => {
  it("is recorded as the counter says, flagged OFFLINE with the terminal's reference", async () => {
    const { order, payment, outcome } = await recordOfflineSale();
    expect(outcome).toBe("applied");
    expect(await cardRecordOf(order.id)).toMatchObject({
      source: "offline_terminal",
      status: "OFFLINE",
      reference: "TERM-0042",
      ledgerPaymentId: payment.id,
    });
    // Counted as paid (the customer left with the pizza), but not confirmed by Square yet.
    expect(await orderMoney(w.t.db, order.id)).toMatchObject({
      outstandingCents: 0,
      unconfirmedCents: order.totalCents,
    });
  });

  it("found on Square by the reconciliation is matched and confirmed", async () => {
    const { order } = await recordOfflineSale();
    await uploadedToSquare(order.id, order.totalCents, "cnon:card-nonce-ok");

    const report = await reconcileDay(w.deps, w.t.pool, "bastille", DAY);
    expect(report.differences.filter((d) => d.orderId === order.id)).toEqual([]);
    expect(await cardRecordOf(order.id)).toMatchObject({ status: "COMPLETED" });
    expect(await orderMoney(w.t.db, order.id)).toMatchObject({
      paidCents: order.totalCents,
      unconfirmedCents: 0,
    });
  });

  it("declined by Square makes the order owe it, on the counter and in the alerts", async () => {
    const { order } = await recordOfflineSale();
    await uploadedToSquare(order.id, order.totalCents, "cnon:card-nonce-declined");

    const report = await reconcileDay(w.deps, w.t.pool, "bastille", DAY);
    const found = report.differences.filter((d) => d.orderId === order.id);
    expect(found.map((d) => d.kind)).toEqual(["offline_declined"]);
    expect(await cardRecordOf(order.id)).toMatchObject({ status: "FAILED" });
    expect(await orderMoney(w.t.db, order.id)).toMatchObject({
      paidCents: 0,
      outstandingCents: order.totalCents,
    });

    const raised = await w.t.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.orderId, order.id), eq(alerts.kind, "square_mismatch")));
    expect(raised).toHaveLength(1);

    const pulled = await getPull(w.t.app, w.counterA, { protocol: PROTOCOL_VERSION, since: 0 });
    const snapshot = pulled.body.orders.find((o: { id: string }) => o.id === order.id);
    expect(snapshot).toMatchObject({ cardOwedCents: order.totalCents, paidCents: 0 });

    // The counter collects it again (cash): paid, with no "overpaid" flag.
    const cash = { id: newId(), method: "cash" as const, amountCents: order.totalCents };
    const collected = await pushAs(w, w.counterA, [
      {
        kind: "order.pay",
        atMs: w.clock.nowMs,
        orderId: order.id,
        payments: [{ ...cash, createdAtMs: w.clock.nowMs }],
      },
    ]);
    expect(collected.results[0].outcome).toBe("applied");
    expect(await orderMoney(w.t.db, order.id)).toMatchObject({
      paidCents: order.totalCents,
      outstandingCents: 0,
    });
  });

  it("is taken back only once, however often the reconciliation runs", async () => {
    const { order } = await recordOfflineSale();
    await uploadedToSquare(order.id, order.totalCents, "cnon:card-nonce-declined");
    await reconcileDay(w.deps, w.t.pool, "bastille", DAY);
    await reconcileDay(w.deps, w.t.pool, "bastille", DAY);
    const pulled = await getPull(w.t.app, w.counterA, { protocol: PROTOCOL_VERSION, since: 0 });
    const snapshot = pulled.body.orders.find((o: { id: string }) => o.id === order.id);
    expect(snapshot).toMatchObject({ paidCents: 0, cardOwedCents: order.totalCents });
  });

  it("found, then declined by Square's webhook, makes the order owe it again", async () => {
    const { order } = await recordOfflineSale();
    await uploadedToSquare(order.id, order.totalCents, "cnon:card-nonce-ok");
    await reconcileDay(w.deps, w.t.pool, "bastille", DAY);
    const matched = await cardRecordOf(order.id);
    expect(matched.status).toBe("COMPLETED");

    // Square says later that this payment failed (e.g. the card issuer reversed it).
    const atSquare = w.fake.state.payments.get(matched.squarePaymentId!)!;
    const payment = { ...atSquare, id: String(atSquare.id), status: "FAILED" };
    const body = JSON.stringify({
      merchant_id: "FAKEMERCHANT01",
      type: "payment.updated",
      event_id: newId(),
      created_at: new Date(w.clock.nowMs).toISOString(),
      data: { type: "payment", id: payment.id, object: { payment } },
    });
    const response = await w.t.app.request("/api/v1/webhooks/square", {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-square-hmacsha256-signature": squareSignature(SIGNATURE_KEY, WEBHOOK_URL, body),
      },
    });
    expect(response.status).toBe(200);
    expect(await orderMoney(w.t.db, order.id)).toMatchObject({
      outstandingCents: order.totalCents,
    });
    const pulled = await getPull(w.t.app, w.counterA, { protocol: PROTOCOL_VERSION, since: 0 });
    const snapshot = pulled.body.orders.find((o: { id: string }) => o.id === order.id);
    expect(snapshot).toMatchObject({ paidCents: 0, cardOwedCents: order.totalCents });
  });

  it("not on Square yet stays OFFLINE and is listed as not found", async () => {
    const { order } = await recordOfflineSale();
    const report = await reconcileDay(w.deps, w.t.pool, "bastille", DAY);
    const found = report.differences.filter((d) => d.orderId === order.id);
    expect(found.map((d) => d.kind)).toEqual(["offline_not_found"]);
    expect(await cardRecordOf(order.id)).toMatchObject({ status: "OFFLINE" });
  });
});
