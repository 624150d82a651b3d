/**
 * Online card charges through the real square SDK against the fake Square,
 * recorded in a real MariaDB: a charge, each documented test card's outcome,
 * and a lost answer that did charge (one payment at Square, one record here).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cardPayments } from "@ocpizza/schema/db";

import {
  createSquareWorld,
  storeOrder,
  type SquareWorld,
} from "../testing/fake-square/square-world.js";
import { chargeOrder, resolveUnknownCharge, UNKNOWN_SETTLE_MS } from "./card-payments.js";

let w: SquareWorld;
beforeAll(async () => {
  w = await createSquareWorld({ timeoutS: 1 });
});
afterAll(() => w?.close());

const attemptsOf = (orderId: string) =>
  w.t.db.select().from(cardPayments).where(eq(cardPayments.orderId, orderId));
const squarePaymentsOf = (orderId: string) =>
  [...w.fake.state.payments.values()].filter((p) => p.reference_id === orderId);

async function charge(sourceId: string, extra: { verificationToken?: string } = {}) {
  const orderId = await storeOrder(w, { totalCents: 2350 });
  const result = await chargeOrder(w.deps, {
    orderId,
    storeId: "bastille",
    amountCents: 2350,
    sourceId,
    ...extra,
  });
  return { orderId, result };
}

describe("an online card charge", () => {
  it("is paid with the ok test card, recorded COMPLETED with brand and last 4", async () => {
    const { orderId, result } = await charge("cnon:card-nonce-ok");

    expect(result).toMatchObject({ outcome: "paid", amountCents: 2350, cardLast4: "1111" });
    const [row] = await attemptsOf(orderId);
    expect(row).toMatchObject({ status: "COMPLETED", source: "online", attempt: 1 });
    expect(row.squarePaymentId).toBe(squarePaymentsOf(orderId)[0].id);
    expect(row.idempotencyKey).toBe(`${orderId}:1`);
  });

  it("is not charged a second time once paid", async () => {
    const { orderId } = await charge("cnon:card-nonce-ok");
    const again = await chargeOrder(w.deps, {
      orderId,
      storeId: "bastille",
      amountCents: 2350,
      sourceId: "cnon:card-nonce-ok",
    });

    expect(again.outcome).toBe("paid");
    expect(squarePaymentsOf(orderId)).toHaveLength(1);
    expect(await attemptsOf(orderId)).toHaveLength(1);
  });

  it.each([
    ["cnon:card-nonce-declined", "card_declined", "GENERIC_DECLINE"],
    ["cnon:card-nonce-rejected-cvv", "card_cvv_failed", "CVV_FAILURE"],
    [
      "cnon:card-nonce-rejected-postalcode",
      "card_postal_code_failed",
      "ADDRESS_VERIFICATION_FAILURE",
    ],
    ["cnon:card-nonce-rejected-expiration", "card_expired", "INVALID_EXPIRATION"],
    [
      "cnon:card-nonce-requires-verification",
      "card_verification_required",
      "CARD_DECLINED_VERIFICATION_REQUIRED",
    ],
    ["cnon:gift-card-nonce-insufficient-funds", "card_insufficient_funds", "INSUFFICIENT_FUNDS"],
  ])("with %s is declined as %s, the order left unpaid", async (nonce, key, code) => {
    const { orderId, result } = await charge(nonce);

    expect(result).toMatchObject({ outcome: "declined", key, code, attempt: 1 });
    const [row] = await attemptsOf(orderId);
    expect(row).toMatchObject({ status: "FAILED", failureCode: code });
  });

  it("with a used token is refused before any payment exists", async () => {
    const { orderId, result } = await charge("cnon:card-nonce-already-used");

    expect(result).toMatchObject({ outcome: "declined", key: "card_token_used" });
    expect(squarePaymentsOf(orderId)).toHaveLength(0);
  });

  it("that needs 3-D Secure is paid once the verification token comes with it", async () => {
    const { result } = await charge("cnon:card-nonce-requires-verification", {
      verificationToken: "verf:fake-3ds-ok",
    });
    expect(result.outcome).toBe("paid");
  });

  it("may be tried again after a decline, as attempt 2 with its own key", async () => {
    const { orderId } = await charge("cnon:card-nonce-declined");
    const second = await chargeOrder(w.deps, {
      orderId,
      storeId: "bastille",
      amountCents: 2350,
      sourceId: "cnon:card-nonce-ok",
    });

    expect(second.outcome).toBe("paid");
    const rows = await attemptsOf(orderId);
    expect(rows.map((r) => [r.attempt, r.status]).sort()).toEqual([
      [1, "FAILED"],
      [2, "COMPLETED"],
    ]);
  });
});

describe("a lost answer", () => {
  it("after Square charged is resent with the same key: one payment, one record", async () => {
    w.fake.injectFault({ route: "POST /v2/payments", kind: "drop" });
    const { orderId, result } = await charge("cnon:card-nonce-ok");

    expect(result.outcome).toBe("paid");
    expect(squarePaymentsOf(orderId)).toHaveLength(1);
    const rows = await attemptsOf(orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0].squarePaymentId).toBe(squarePaymentsOf(orderId)[0].id);
  });

  it("timed out twice is found in Square's list by order and attempt", async () => {
    w.fake.webhooks.hold(); // no payment.created to tell us first
    w.fake.injectFault({ route: "POST /v2/payments", kind: "delay", delayMs: 1_500 });
    w.fake.injectFault({ route: "POST /v2/payments", kind: "delay", delayMs: 1_500 });
    const listsBefore = w.fake.requests.filter((r) => r === "GET /v2/payments").length;
    const { orderId, result } = await charge("cnon:card-nonce-ok");
    w.fake.webhooks.release();
    await w.fake.webhooks.flush();

    expect(result.outcome).toBe("paid");
    expect(squarePaymentsOf(orderId)).toHaveLength(1);
    expect(w.fake.requests.filter((r) => r === "GET /v2/payments").length).toBe(listsBefore + 1);
    const rows = await attemptsOf(orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "COMPLETED",
      squarePaymentId: squarePaymentsOf(orderId)[0].id,
    });
  });

  it("timed out is settled by payment.created when it comes first", async () => {
    w.fake.injectFault({ route: "POST /v2/payments", kind: "delay", delayMs: 1_500 });
    w.fake.injectFault({ route: "POST /v2/payments", kind: "delay", delayMs: 1_500 });
    const { orderId, result } = await charge("cnon:card-nonce-ok");

    expect(result.outcome).toBe("paid");
    expect(squarePaymentsOf(orderId)).toHaveLength(1);
    expect(await attemptsOf(orderId)).toHaveLength(1);
  });

  it("never seen at Square stays unknown, then counts as not charged", async () => {
    const orderId = await storeOrder(w);
    w.fake.injectFault({ route: "POST /v2/payments", kind: "drop" });
    w.fake.injectFault({ route: "POST /v2/payments", kind: "drop" });
    // Both sends dropped: each did reach the fake, so make the token one Square refuses
    // without a payment, as if nothing had happened.
    const first = await chargeOrder(w.deps, {
      orderId,
      storeId: "bastille",
      amountCents: 900,
      sourceId: "cnon:card-nonce-already-used",
    });
    expect(first.outcome).toBe("unknown");

    w.clock.nowMs += UNKNOWN_SETTLE_MS + 1;
    const [row] = await attemptsOf(orderId);
    const later = await resolveUnknownCharge(w.deps, row.id);
    expect(later).toMatchObject({ outcome: "declined", code: "NOT_AT_SQUARE" });
  });
});
