/**
 * Card at the counter through the device endpoints, with the real SDK
 * against the fake Square and a real MariaDB: a checkout completed on the
 * Terminal and then recorded by the counter's push (counted once), canceled
 * by staff, timed out, retried with the same key, and kept within its store.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";
import { cardPayments } from "@ocpizza/schema/db";

import { orderMoney } from "../payments/order-money.js";
import { CHECKOUT_DEADLINE_MIN } from "../payments/terminal.js";
import {
  cardPayment,
  createCounterWorld,
  pushAs,
  pushSale,
  requestAs,
  type CounterWorld,
} from "../testing/fake-square/counter-world.js";
import { TEST_DEVICES } from "../testing/fake-square/test-values.js";

const TERMINAL = Object.fromEntries(Object.entries(TEST_DEVICES).map(([id, what]) => [what, id]));
const BASE = "/api/v1/devices/me/terminal-checkouts";

let w: CounterWorld;
beforeAll(async () => {
  w = await createCounterWorld();
});
afterAll(() => w?.close());

/** Gives counter A the sandbox Terminal that behaves as asked, through the manager route. */
async function useTerminal(behaviour: string) {
  const put = await requestAs(w, "admin", "PUT", `/api/v1/admin/terminals/${w.counterA.deviceId}`, {
    squareDeviceId: TERMINAL[behaviour],
  });
  expect(put.status).toBe(200);
}

async function start(orderId: string, amountCents: number, idempotencyKey = newId()) {
  return requestAs(w, w.counterA, "POST", BASE, { orderId, amountCents, idempotencyKey });
}

describe("a Terminal checkout from the counter", () => {
  it("is followed to COMPLETED, and the counter's card payment is counted once", async () => {
    await useTerminal("complete");
    const order = await pushSale(w, w.counterA);
    const started = await start(order.id, order.totalCents);
    expect(started.status).toBe(201);
    expect(started.body.checkout).toMatchObject({ status: "PENDING", orderId: order.id });

    await w.fake.settle();
    const followed = await requestAs(w, w.counterA, "GET", `${BASE}/${started.body.checkout.id}`);
    expect(followed.body.checkout).toMatchObject({ status: "COMPLETED" });
    const squarePaymentId = followed.body.checkout.squarePaymentId as string;
    expect(squarePaymentId).toBeTruthy();

    // The counter records the payment with Square's id: one record, linked to its ledger row.
    const payment = cardPayment(w, order.totalCents, { squarePaymentId });
    const pushed = await pushAs(w, w.counterA, [
      { kind: "order.pay", atMs: w.clock.nowMs, orderId: order.id, payments: [payment] },
    ]);
    expect(pushed.results[0].outcome).toBe("applied");
    const rows = await w.t.db.select().from(cardPayments).where(eq(cardPayments.orderId, order.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ledgerPaymentId: payment.id, status: "COMPLETED" });
    expect(await orderMoney(w.t.db, order.id)).toMatchObject({
      paidCents: order.totalCents,
      outstandingCents: 0,
      overpaidCents: 0,
    });
  });

  it("for a new sale, sent before the order exists, is tied to the order by the push", async () => {
    await useTerminal("complete");
    const reference = newId();
    const started = await start(reference, 1325);
    await w.fake.settle();
    const followed = await requestAs(w, w.counterA, "GET", `${BASE}/${started.body.checkout.id}`);
    const squarePaymentId = followed.body.checkout.squarePaymentId as string;

    const payment = cardPayment(w, 1325, { squarePaymentId });
    const order = await pushSale(w, w.counterA, [payment]);
    expect(order.totalCents).toBe(1325);
    const rows = await w.t.db
      .select()
      .from(cardPayments)
      .where(eq(cardPayments.squarePaymentId, squarePaymentId));
    expect(rows).toMatchObject([{ orderId: order.id, ledgerPaymentId: payment.id }]);
    expect(await orderMoney(w.t.db, order.id)).toMatchObject({
      paidCents: 1325,
      overpaidCents: 0,
    });
  });

  it("canceled by staff ends CANCELED with SELLER_CANCELED, the order still owed", async () => {
    await useTerminal("idle");
    const order = await pushSale(w, w.counterA);
    const started = await start(order.id, order.totalCents);
    const id = started.body.checkout.id as string;

    const canceled = await requestAs(w, w.counterA, "POST", `${BASE}/${id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.checkout).toMatchObject({
      status: "CANCELED",
      cancelReason: "SELLER_CANCELED",
    });
    const followed = await requestAs(w, w.counterA, "GET", `${BASE}/${id}`);
    expect(followed.body.checkout.status).toBe("CANCELED");
    expect(await orderMoney(w.t.db, order.id)).toMatchObject({ paidCents: 0 });
  });

  it("never picked up times out at its deadline", async () => {
    await useTerminal("idle");
    const order = await pushSale(w, w.counterA);
    const id = (await start(order.id, order.totalCents)).body.checkout.id as string;
    await w.fake.settle();
    expect((await requestAs(w, w.counterA, "GET", `${BASE}/${id}`)).body.checkout.status).toBe(
      "PENDING",
    );

    w.clock.nowMs += CHECKOUT_DEADLINE_MIN * 60_000 + 1;
    await w.fake.settle();
    const followed = await requestAs(w, w.counterA, "GET", `${BASE}/${id}`);
    expect(followed.body.checkout).toMatchObject({ status: "CANCELED", cancelReason: "TIMED_OUT" });
  });

  it("cannot be canceled once the customer has paid (422 with the checkout)", async () => {
    await useTerminal("complete");
    const order = await pushSale(w, w.counterA);
    const id = (await start(order.id, order.totalCents)).body.checkout.id as string;
    await w.fake.settle();
    const canceled = await requestAs(w, w.counterA, "POST", `${BASE}/${id}/cancel`);
    expect(canceled.status).toBe(422);
    expect(canceled.body.error.checkout).toMatchObject({ status: "COMPLETED" });
  });

  it("sent again with the same key reaches the same checkout", async () => {
    await useTerminal("idle");
    const order = await pushSale(w, w.counterA);
    const key = newId();
    const first = await start(order.id, order.totalCents, key);
    const again = await start(order.id, order.totalCents, key);
    expect(again.body.checkout.id).toBe(first.body.checkout.id);
    const atSquare = [...w.fake.state.checkouts.values()].filter(
      (c) => c.reference_id === order.id,
    );
    expect(atSquare).toHaveLength(1);
  });

  it("is refused for another store's order (403), and Square is not asked", async () => {
    const order = await pushSale(w, w.counterB);
    const before = w.fake.requests.length;
    const started = await start(order.id, order.totalCents);
    expect(started.status).toBe(403);
    expect(w.fake.requests.length).toBe(before);
  });

  it("cannot be followed or canceled by another store's counter (404)", async () => {
    await useTerminal("idle");
    const order = await pushSale(w, w.counterA);
    const id = (await start(order.id, order.totalCents)).body.checkout.id as string;
    expect((await requestAs(w, w.counterB, "GET", `${BASE}/${id}`)).status).toBe(404);
    expect((await requestAs(w, w.counterB, "POST", `${BASE}/${id}/cancel`)).status).toBe(404);
  });

  it("says in words that a counter with no Terminal needs one assigned", async () => {
    const order = await pushSale(w, w.counterB);
    const started = await requestAs(w, w.counterB, "POST", BASE, {
      orderId: order.id,
      amountCents: order.totalCents,
      idempotencyKey: newId(),
    });
    expect(started.status).toBe(422);
    expect(started.body.error).toMatchObject({ key: "terminal_not_assigned" });
    expect(started.body.error.fr).toMatch(/terminal/);
  });

  it("lists the store's counters with their Terminal for a manager", async () => {
    await useTerminal("complete");
    const listed = await requestAs(w, "admin", "GET", "/api/v1/admin/terminals?storeId=bastille");
    expect(listed.status).toBe(200);
    expect(listed.body.terminals).toContainEqual(
      expect.objectContaining({
        deviceId: w.counterA.deviceId,
        squareDeviceId: TERMINAL.complete,
      }),
    );
  });
});
