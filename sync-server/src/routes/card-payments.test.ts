/**
 * An online order paid by card through the route, with the real SDK against
 * the fake Square and a real MariaDB: paid (the ledger and the order say so),
 * declined (plain words, the order unpaid, the next try charges), a lost
 * answer after Square charged (one charge), a retry after success (no second
 * charge), and a wrong link token (nothing charged).
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { orders, payments } from "@ocpizza/schema/db";

import type { AppEnv } from "../http/auth.js";
import { orderToken } from "../online/order-token.js";
import { RESPONSES } from "./openapi.js";
import { orderMoney } from "../payments/order-money.js";
import {
  createCounterWorld,
  insertOrder,
  type CounterWorld,
} from "../testing/fake-square/counter-world.js";

const secret = randomBytes(32).toString("base64url");
let w: CounterWorld;
let app: Hono<AppEnv>;
beforeAll(async () => {
  w = await createCounterWorld();
  app = w.t.makeApp({ auth: { secret } });
});
afterAll(() => w?.close());

async function onlineOrder(totalCents = 2350) {
  return insertOrder(w.t.db, {
    storeId: "bastille",
    channel: "online",
    totalCents,
    atMs: w.clock.nowMs,
  });
}

async function pay(orderId: string, sourceId: string, token = orderToken(secret, orderId)) {
  const response = await app.request(
    `/api/v1/online-orders/${orderId}/card-payment?token=${token}`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sourceId }),
    },
  );
  return { status: response.status, body: (await response.json()) as any };
}

const chargesOf = (orderId: string) =>
  [...w.fake.state.payments.values()].filter(
    (p) => p.reference_id === orderId && p.status === "COMPLETED",
  );

describe("an online card payment", () => {
  it("is charged once, written in the ledger, and the order is paid", async () => {
    const orderId = await onlineOrder();
    const paid = await pay(orderId, "cnon:card-nonce-ok");
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ outcome: "paid", amountCents: 2350, cardLast4: "1111" });
    // The answer is the one openapi.json documents.
    expect(RESPONSES.CardPayment.safeParse(paid.body).error).toBeUndefined();

    const ledger = await w.t.db.select().from(payments).where(eq(payments.orderId, orderId));
    expect(ledger).toMatchObject([{ method: "card", amountCents: 2350 }]);
    const [order] = await w.t.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order.paidCents).toBe(2350);
    expect(await orderMoney(w.t.db, orderId)).toMatchObject({
      paidCents: 2350,
      outstandingCents: 0,
    });

    // Sent again (the answer was lost on the way back): the same payment, no new charge.
    const again = await pay(orderId, "cnon:card-nonce-ok");
    expect(again.body).toMatchObject({ outcome: "paid", amountCents: 2350 });
    expect(chargesOf(orderId)).toHaveLength(1);
    expect(await w.t.db.select().from(payments).where(eq(payments.orderId, orderId))).toHaveLength(
      1,
    );
  });

  it("declined says why in plain words, leaves the order unpaid, may be tried again", async () => {
    const orderId = await onlineOrder();
    const declined = await pay(orderId, "cnon:card-nonce-declined");
    expect(declined.status).toBe(422);
    expect(declined.body.error).toMatchObject({ key: "card_declined", attempt: 1 });
    expect(declined.body.error.message).toMatch(/declined/);
    expect(declined.body.error.fr).toMatch(/refusée/);
    expect(await orderMoney(w.t.db, orderId)).toMatchObject({ paidCents: 0 });

    const retried = await pay(orderId, "cnon:card-nonce-ok");
    expect(retried.body).toMatchObject({ outcome: "paid" });
    expect(chargesOf(orderId)).toHaveLength(1);
  });

  it("charges once when Square's answer is lost after it charged", async () => {
    const orderId = await onlineOrder(1990);
    w.fake.injectFault({ route: "POST /v2/payments", kind: "drop" });
    const paid = await pay(orderId, "cnon:card-nonce-ok");
    expect(paid.body).toMatchObject({ outcome: "paid", amountCents: 1990 });
    expect(chargesOf(orderId)).toHaveLength(1);
  });

  it("with a wrong link token is not found, and nothing is charged", async () => {
    const orderId = await onlineOrder();
    const wrong = await pay(orderId, "cnon:card-nonce-ok", "x".repeat(43));
    expect(wrong.status).toBe(404);
    expect(chargesOf(orderId)).toHaveLength(0);
  });
});
