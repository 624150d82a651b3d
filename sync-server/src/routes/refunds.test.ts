/**
 * Refunds by a manager through the route, with the real SDK against the fake
 * Square and a real MariaDB: a card refund asked twice with the same key is
 * given once; partial card and cash refunds add up, and one beyond what is
 * left is refused naming the amount left; paid, refunded and outstanding stay
 * consistent throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";

import { chargeOrder } from "../payments/card-payments.js";
import {
  createCounterWorld,
  requestAs,
  type CounterWorld,
} from "../testing/fake-square/counter-world.js";
import { storeLedgerPayment, storeOrder } from "../testing/fake-square/square-world.js";

let w: CounterWorld;
beforeAll(async () => {
  w = await createCounterWorld();
});
afterAll(() => w?.close());

/** An order of `totalCents` paid online by card; returns its id and Square's payment id. */
async function paidByCard(totalCents: number) {
  const orderId = await storeOrder(w, { totalCents });
  const paid = await chargeOrder(w.deps, {
    orderId,
    storeId: "bastille",
    amountCents: totalCents,
    sourceId: "cnon:card-nonce-ok",
  });
  if (paid.outcome !== "paid") throw new Error(`not paid: ${JSON.stringify(paid)}`);
  await w.fake.webhooks.flush();
  return { orderId, squarePaymentId: paid.squarePaymentId };
}

function refund(orderId: string, body: Record<string, unknown>) {
  return requestAs(w, "admin", "POST", `/api/v1/admin/orders/${orderId}/refunds`, {
    reason: "pizza brûlée",
    idempotencyKey: newId(),
    method: "card",
    ...body,
  });
}

const refundsAtSquare = (squarePaymentId: string) =>
  [...w.fake.state.refunds.values()].filter((r) => r.payment_id === squarePaymentId);

describe("a manager's refund", () => {
  it("asked twice with the same key is given once", async () => {
    const { orderId, squarePaymentId } = await paidByCard(2400);
    const idempotencyKey = newId();

    const first = await refund(orderId, { amountCents: 2400, idempotencyKey });
    const again = await refund(orderId, { amountCents: 2400, idempotencyKey });

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.refund.id).toBe(first.body.refund.id);
    expect(refundsAtSquare(squarePaymentId)).toHaveLength(1);
    expect(again.body.money).toMatchObject({
      paidCents: 2400,
      refundedCents: 2400,
      refundableCents: 0,
      outstandingCents: 0,
    });
  });

  it("with the same key but another amount is refused (409), nothing given", async () => {
    const { orderId, squarePaymentId } = await paidByCard(1000);
    const idempotencyKey = newId();
    await refund(orderId, { amountCents: 300, idempotencyKey });
    const other = await refund(orderId, { amountCents: 500, idempotencyKey });
    expect(other.status).toBe(409);
    expect(refundsAtSquare(squarePaymentId)).toHaveLength(1);
  });

  it("adds up partial card and cash refunds, and refuses one beyond what is left", async () => {
    const { orderId, squarePaymentId } = await paidByCard(2000);

    expect((await refund(orderId, { amountCents: 500 })).status).toBe(201);
    expect((await refund(orderId, { amountCents: 700, method: "cash" })).status).toBe(201);
    const beyond = await refund(orderId, { amountCents: 900 });
    expect(beyond.status).toBe(422);
    expect(beyond.body.error.message).toMatch(/800 cents/);
    expect(beyond.body.error.refundableCents).toBe(800);

    const rest = await refund(orderId, { amountCents: 800 });
    expect(rest.status).toBe(201);
    expect(rest.body.money).toMatchObject({
      paidCents: 2000,
      refundedCents: 2000,
      netPaidCents: 0,
      refundableCents: 0,
    });
    expect(refundsAtSquare(squarePaymentId).map((r) => r.amount_money.amount)).toEqual([500, 800]);
    const money = await requestAs(w, "admin", "GET", `/api/v1/admin/orders/${orderId}/money`);
    expect(money.body.refunds).toHaveLength(3);
  });

  it("by card on an order paid in cash is refused in words", async () => {
    const orderId = await storeOrder(w, { totalCents: 1500 });
    await storeLedgerPayment(w, orderId, { amountCents: 1500, method: "cash" });
    const byCard = await refund(orderId, { amountCents: 500 });
    expect(byCard.status).toBe(422);
    expect(byCard.body.error).toMatchObject({ key: "card_refund_exceeds" });
    const byCash = await refund(orderId, { amountCents: 500, method: "cash" });
    expect(byCash.status).toBe(201);
    expect(byCash.body.money).toMatchObject({ refundedCents: 500, refundableCents: 1000 });
  });
});
