/**
 * Refunds through the real SDK against the fake Square, in a real MariaDB:
 * the same refund asked twice is given once, partial refunds add up to the
 * payment and no further, a cash refund stays within what was paid, and the
 * order's paid, refunded and outstanding amounts agree throughout.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";
import { paymentRefunds } from "@ocpizza/schema/db";

import {
  createSquareWorld,
  storeLedgerPayment,
  storeOrder,
  type SquareWorld,
} from "../testing/fake-square/square-world.js";
import { chargeOrder } from "./card-payments.js";
import { orderMoney } from "./order-money.js";
import { recordCashRefund, refundCard } from "./refunds.js";
import { refundPayment } from "./square/square-api.js";

let w: SquareWorld;
beforeAll(async () => {
  w = await createSquareWorld();
});
afterAll(() => w?.close());

async function paidOrder(totalCents = 3000) {
  const orderId = await storeOrder(w, { totalCents });
  const charged = await chargeOrder(w.deps, {
    orderId,
    storeId: "bastille",
    amountCents: totalCents,
    sourceId: "cnon:card-nonce-ok",
  });
  if (charged.outcome !== "paid") throw new Error(`not paid: ${JSON.stringify(charged)}`);
  return {
    orderId,
    cardPaymentId: charged.cardPaymentId,
    squarePaymentId: charged.squarePaymentId,
  };
}

const refund = (cardPaymentId: string, amountCents: number, refundId = newId()) =>
  refundCard(w.deps, {
    refundId,
    cardPaymentId,
    amountCents,
    reason: "pizza froide",
    byStaffId: null,
  });

describe("a card refund", () => {
  it("asked twice with the same id is given once", async () => {
    const { orderId, cardPaymentId, squarePaymentId } = await paidOrder();
    const refundId = newId();

    const first = await refund(cardPaymentId, 1000, refundId);
    const second = await refund(cardPaymentId, 1000, refundId);

    expect(first).toMatchObject({ outcome: "refunded", amountCents: 1000 });
    expect(second).toEqual(first);
    const atSquare = [...w.fake.state.refunds.values()].filter(
      (r) => r.payment_id === squarePaymentId,
    );
    expect(atSquare).toHaveLength(1);
    const ours = await w.t.db
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.orderId, orderId));
    expect(ours).toHaveLength(1);
  });

  it("sent to Square twice with the same idempotency key gets the same refund", async () => {
    const { squarePaymentId } = await paidOrder();
    const input = {
      paymentId: squarePaymentId,
      amountCents: 500,
      reason: "x",
      idempotencyKey: newId(),
    };

    const a = await refundPayment(w.deps.client, input);
    const b = await refundPayment(w.deps.client, input);
    const other = await refundPayment(w.deps.client, { ...input, amountCents: 600 });

    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true);
    expect(other).toMatchObject({ ok: false, failure: { code: "IDEMPOTENCY_KEY_REUSED" } });
  });

  it("in parts adds up to the payment, then is refused before Square is asked", async () => {
    const { orderId, cardPaymentId } = await paidOrder(3000);

    expect((await refund(cardPaymentId, 1000)).outcome).toBe("refunded");
    expect((await refund(cardPaymentId, 2000)).outcome).toBe("refunded");
    const requestsBefore = w.fake.requests.length;
    const over = await refund(cardPaymentId, 1);

    expect(over).toMatchObject({ outcome: "refused", key: "card_refund_exceeds" });
    expect(w.fake.requests.length).toBe(requestsBefore);
    expect(await orderMoney(w.t.db, orderId)).toMatchObject({
      paidCents: 3000,
      refundedCents: 3000,
      netPaidCents: 0,
      outstandingCents: 0,
      refundableCents: 0,
    });
  });

  it("beyond the payment is refused by Square too (REFUND_AMOUNT_INVALID)", async () => {
    const { squarePaymentId } = await paidOrder(1000);
    const result = await refundPayment(w.deps.client, {
      paymentId: squarePaymentId,
      amountCents: 1001,
      reason: "x",
      idempotencyKey: newId(),
    });
    expect(result).toMatchObject({ ok: false, failure: { key: "card_refund_exceeds" } });
  });

  it("is completed by Square's refund.updated webhook", async () => {
    const { cardPaymentId } = await paidOrder();
    const given = await refund(cardPaymentId, 700);
    expect(given).toMatchObject({ outcome: "refunded", status: "PENDING" });

    await w.fake.settle();
    const [row] = await w.t.db
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.id, (given as { refundId: string }).refundId));
    expect(row.status).toBe("COMPLETED");
  });
});

describe("a cash refund", () => {
  it("is recorded at once, within what the order may still refund", async () => {
    const orderId = await storeOrder(w, { totalCents: 1800 });
    await storeLedgerPayment(w, orderId, { amountCents: 1800, method: "cash" });
    const now = new Date(w.clock.nowMs);
    const input = { orderId, storeId: "bastille", reason: "erreur", byStaffId: null };

    const ok = await recordCashRefund(
      w.t.db,
      { ...input, refundId: newId(), amountCents: 800 },
      now,
    );
    const over = await recordCashRefund(
      w.t.db,
      { ...input, refundId: newId(), amountCents: 1001 },
      now,
    );

    expect(ok).toMatchObject({ outcome: "refunded", status: "COMPLETED" });
    expect(over).toMatchObject({ outcome: "refused", key: "card_refund_exceeds" });
    expect(await orderMoney(w.t.db, orderId)).toMatchObject({
      paidCents: 1800,
      refundedCents: 800,
      refundableCents: 1000,
    });
  });
});
