/**
 * POST /api/v1/webhooks/square against the real app and MariaDB: the
 * signature is the credential (missing 401, wrong 403, nothing written), a
 * repeated event id has one effect, unknown types are acknowledged, and bad
 * input is a 4xx, never a 500.
 */
import { createHmac } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";
import { cardPayments, paymentRefunds, squareWebhookEvents } from "@ocpizza/schema/db";

import { chargeOrder } from "../payments/card-payments.js";
import {
  createSquareWorld,
  SIGNATURE_KEY,
  storeOrder,
  WEBHOOK_URL,
  type SquareWorld,
} from "../testing/fake-square/square-world.js";
import { WEBHOOK_MAX_BYTES } from "./square-webhooks.js";

let w: SquareWorld;
beforeAll(async () => {
  w = await createSquareWorld();
});
afterAll(() => w?.close());

const PATH = "/api/v1/webhooks/square";
const sign = (body: string, url = WEBHOOK_URL, key = SIGNATURE_KEY) =>
  createHmac("sha256", key)
    .update(url + body)
    .digest("base64");

function post(body: string, signature: string | null = sign(body)) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["x-square-hmacsha256-signature"] = signature;
  return w.t.app.request(PATH, { method: "POST", body, headers });
}

const eventCount = async () => (await w.t.db.select({ n: count() }).from(squareWebhookEvents))[0].n;

/** A paid order and its Square payment as Square's JSON. */
async function paidOrder() {
  const orderId = await storeOrder(w);
  const charged = await chargeOrder(w.deps, {
    orderId,
    storeId: "bastille",
    amountCents: 2500,
    sourceId: "cnon:card-nonce-ok",
  });
  if (charged.outcome !== "paid") throw new Error("not paid");
  await w.fake.webhooks.flush();
  return { orderId, payment: w.fake.state.payments.get(charged.squarePaymentId)! };
}

function refundEvent(payment: Record<string, any>, eventId = newId()) {
  const refund = {
    id: `${payment.id}_dash${eventId.slice(-6)}`,
    status: "COMPLETED",
    amount_money: { amount: 400, currency: "EUR" },
    payment_id: payment.id,
    location_id: payment.location_id,
  };
  const event = {
    merchant_id: "M1",
    type: "refund.created",
    event_id: eventId,
    created_at: new Date().toISOString(),
    data: { type: "refund", id: refund.id, object: { refund } },
  };
  return { refund, body: JSON.stringify(event) };
}

describe("the Square webhook", () => {
  it("applies the fake Square's signed events (payment.created recorded once)", async () => {
    const before = await eventCount();
    await paidOrder();
    expect(await eventCount()).toBe(before + 1);
    expect(w.fake.webhooks.events.at(-1)!.statuses).toEqual([200]);
  });

  it("records a dashboard refund; the replayed event has no second effect", async () => {
    const { orderId, payment } = await paidOrder();
    const { body } = refundEvent(payment);

    const first = await post(body);
    const replay = await post(body);

    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    const refunds = await w.t.db
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.orderId, orderId));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ method: "card", amountCents: 400, status: "COMPLETED" });
  });

  it("replayed by the fake Square itself has one effect", async () => {
    const { payment } = await paidOrder();
    const before = await eventCount();
    const created = w.fake.webhooks.events.find(
      (e) => e.type === "payment.created" && e.body.includes(payment.id),
    )!;
    w.fake.webhooks.replay(created.eventId);
    await w.fake.webhooks.flush();

    expect(await eventCount()).toBe(before);
    expect(created.statuses).toEqual([200, 200]);
  });

  it("updates a payment's status from payment.updated", async () => {
    const { payment } = await paidOrder();
    const updated = { ...payment, status: "CANCELED" };
    const body = JSON.stringify({
      type: "payment.updated",
      event_id: newId(),
      data: { type: "payment", id: payment.id, object: { payment: updated } },
    });
    expect((await post(body)).status).toBe(200);
    const [row] = await w.t.db
      .select()
      .from(cardPayments)
      .where(eq(cardPayments.squarePaymentId, payment.id));
    expect(row.status).toBe("CANCELED");
  });

  it.each([
    ["no signature", null, 401],
    ["a signature over another URL", "other-url", 403],
    ["a signature with another key", "other-key", 403],
    ["a signature that is not base64 of anything", "!!!", 403],
  ])("with %s is refused and writes nothing", async (_what, kind, status) => {
    const { payment } = await paidOrder();
    const { body } = refundEvent(payment);
    const signature =
      kind === null
        ? null
        : kind === "other-url"
          ? sign(body, "https://evil.example/api/v1/webhooks/square")
          : kind === "other-key"
            ? sign(body, WEBHOOK_URL, "another-key-0123456789")
            : kind;
    const before = await eventCount();
    const refundsBefore = (await w.t.db.select({ n: count() }).from(paymentRefunds))[0].n;

    const response = await post(body, signature);

    expect(response.status).toBe(status);
    expect(await eventCount()).toBe(before);
    expect((await w.t.db.select({ n: count() }).from(paymentRefunds))[0].n).toBe(refundsBefore);
  });

  it("acknowledges an event type it does not use, and records its id", async () => {
    const body = JSON.stringify({
      type: "customer.created",
      event_id: newId(),
      data: { type: "customer", id: "C1", object: { customer: { id: "C1", given_name: "Lou" } } },
    });
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "unhandled" });
  });

  const huge = JSON.stringify({
    type: "payment.created",
    event_id: "x",
    pad: "a".repeat(WEBHOOK_MAX_BYTES),
  });
  it.each([
    ["not JSON", "this is not json", 400],
    ["JSON but not an object", "[1,2,3]", 400],
    ["no event_id", JSON.stringify({ type: "payment.created", data: {} }), 400],
    ["no data", JSON.stringify({ type: "payment.created", event_id: "e1" }), 400],
    [
      "a payment without id or amount",
      JSON.stringify({
        type: "payment.updated",
        event_id: "e2",
        data: { object: { payment: { status: "COMPLETED" } } },
      }),
      400,
    ],
    [
      "a refund object that is a string",
      JSON.stringify({ type: "refund.created", event_id: "e3", data: { object: { refund: "x" } } }),
      400,
    ],
    ["an empty body", "", 400],
    ["a body over the limit", huge, 413],
  ])("with %s (signed) answers %i and writes nothing", async (_what, body, status) => {
    const before = await eventCount();
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(await eventCount()).toBe(before);
  });

  it("is not blocked by the cross-site guard (a call with a foreign Origin)", async () => {
    const body = JSON.stringify({
      type: "oauth.authorization.revoked",
      event_id: newId(),
      data: {},
    });
    const response = await w.t.app.request(PATH, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        origin: "https://squareup.com",
        "x-square-hmacsha256-signature": sign(body),
      },
    });
    expect(response.status).toBe(200);
  });
});

describe("the Square webhook on a server without Square", () => {
  it("refuses every call (401 unsigned, 403 signed): no key to check", async () => {
    const app = w.t.makeApp({ square: undefined });
    const body = JSON.stringify({ type: "payment.created", event_id: newId(), data: {} });
    const unsigned = await app.request(PATH, { method: "POST", body });
    const signed = await app.request(PATH, {
      method: "POST",
      body,
      headers: { "x-square-hmacsha256-signature": sign(body) },
    });
    expect([unsigned.status, signed.status]).toEqual([401, 403]);
  });
});
