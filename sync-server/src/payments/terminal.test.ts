/**
 * Terminal checkouts through the real SDK against the fake Square and its
 * documented sandbox test devices, followed by webhooks into a real MariaDB:
 * completed, canceled by the buyer, timed out, never picked up, canceled by
 * staff, and a counter with no Terminal.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";
import { cardPayments } from "@ocpizza/schema/db";

import {
  createSquareWorld,
  storeLedgerPayment,
  storeOrder,
  type SquareWorld,
} from "../testing/fake-square/square-world.js";
import { TEST_DEVICES } from "../testing/fake-square/test-values.js";
import { orderMoney } from "./order-money.js";
import { linkLedgerPayment } from "./records.js";
import {
  assignTerminal,
  cancelCheckout,
  checkoutState,
  CHECKOUT_DEADLINE_MIN,
  refreshCheckout,
  startCheckout,
  type CheckoutResult,
} from "./terminal.js";

const DEVICE = Object.fromEntries(Object.entries(TEST_DEVICES).map(([id, what]) => [what, id]));

let w: SquareWorld;
beforeAll(async () => {
  w = await createSquareWorld();
});
afterAll(() => w?.close());

/** A counter with the given sandbox Terminal, and a checkout of a new order sent to it. */
async function checkoutOn(behaviour: string) {
  const deviceId = newId();
  const now = new Date(w.clock.nowMs);
  await assignTerminal(
    w.t.db,
    { deviceId, storeId: "bastille", squareDeviceId: DEVICE[behaviour] },
    now,
  );
  const orderId = await storeOrder(w, { totalCents: 1650 });
  const started = await startCheckout(w.deps, {
    requestId: newId(),
    orderId,
    storeId: "bastille",
    deviceId,
    amountCents: 1650,
  });
  return { orderId, checkoutId: idOf(started), started };
}

function idOf(result: CheckoutResult): string {
  if (result.outcome !== "checkout") throw new Error(`no checkout: ${JSON.stringify(result)}`);
  return result.checkout.id;
}

const stateOf = async (checkoutId: string) =>
  ((await checkoutState(w.t.db, checkoutId)) as Extract<CheckoutResult, { outcome: "checkout" }>)
    .checkout;

describe("a Terminal checkout", () => {
  it("starts PENDING with a deadline", async () => {
    const { started } = await checkoutOn("complete");
    expect(started).toMatchObject({ outcome: "checkout", checkout: { status: "PENDING" } });
    const { checkout } = started as Extract<CheckoutResult, { outcome: "checkout" }>;
    expect(checkout.deadlineAtMs).toBeGreaterThanOrEqual(
      w.clock.nowMs + CHECKOUT_DEADLINE_MIN * 60_000 - 1000,
    );
  });

  it("completed on the Terminal records the card payment and pays the order", async () => {
    const { orderId, checkoutId } = await checkoutOn("complete");
    await w.fake.settle();

    expect(await stateOf(checkoutId)).toMatchObject({ status: "COMPLETED" });
    const rows = await w.t.db.select().from(cardPayments).where(eq(cardPayments.orderId, orderId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "terminal", status: "COMPLETED", amountCents: 1650 });
    expect(await orderMoney(w.t.db, orderId)).toMatchObject({
      paidCents: 1650,
      outstandingCents: 0,
    });
  });

  it("completed and also written in the counter's ledger is counted once, once linked", async () => {
    const { orderId } = await checkoutOn("complete");
    await w.fake.settle();
    const ledgerId = await storeLedgerPayment(w, orderId, { amountCents: 1650 });
    const [row] = await w.t.db.select().from(cardPayments).where(eq(cardPayments.orderId, orderId));
    const now = new Date(w.clock.nowMs);

    expect(await linkLedgerPayment(w.t.db, row.id, ledgerId, now)).toBe(true);
    expect(await linkLedgerPayment(w.t.db, row.id, newId(), now)).toBe(false);
    expect(await orderMoney(w.t.db, orderId)).toMatchObject({ paidCents: 1650, overpaidCents: 0 });
  });

  it("canceled by the buyer is CANCELED with BUYER_CANCELED, the order still owed", async () => {
    const { orderId, checkoutId } = await checkoutOn("buyer_cancel");
    await w.fake.settle();

    expect(await stateOf(checkoutId)).toMatchObject({
      status: "CANCELED",
      cancelReason: "BUYER_CANCELED",
    });
    expect(await orderMoney(w.t.db, orderId)).toMatchObject({
      paidCents: 0,
      outstandingCents: 1650,
    });
  });

  it("timed out by Square is CANCELED with TIMED_OUT", async () => {
    const { checkoutId } = await checkoutOn("time_out");
    await w.fake.settle();
    expect(await stateOf(checkoutId)).toMatchObject({
      status: "CANCELED",
      cancelReason: "TIMED_OUT",
    });
  });

  it("never picked up stays PENDING until its deadline, then times out", async () => {
    const { checkoutId } = await checkoutOn("idle");
    await w.fake.settle();
    expect((await stateOf(checkoutId)).status).toBe("PENDING");

    w.clock.nowMs += CHECKOUT_DEADLINE_MIN * 60_000 + 1;
    await w.fake.settle();
    expect(await stateOf(checkoutId)).toMatchObject({
      status: "CANCELED",
      cancelReason: "TIMED_OUT",
    });
  });

  it("canceled by staff is CANCELED with SELLER_CANCELED, then read back from Square", async () => {
    const { checkoutId } = await checkoutOn("idle");
    const canceled = await cancelCheckout(w.deps, checkoutId);
    expect(canceled).toMatchObject({
      outcome: "checkout",
      checkout: { status: "CANCELED", cancelReason: "SELLER_CANCELED" },
    });
    expect((await refreshCheckout(w.deps, checkoutId)).outcome).toBe("checkout");
  });

  it("cannot be canceled once completed", async () => {
    const { checkoutId } = await checkoutOn("complete");
    await w.fake.settle();
    expect(await cancelCheckout(w.deps, checkoutId)).toMatchObject({ outcome: "refused" });
    expect((await stateOf(checkoutId)).status).toBe("COMPLETED");
  });

  it("sent again with the same request id reaches the same checkout", async () => {
    const deviceId = newId();
    const now = new Date(w.clock.nowMs);
    await assignTerminal(
      w.t.db,
      { deviceId, storeId: "bastille", squareDeviceId: DEVICE.idle },
      now,
    );
    const orderId = await storeOrder(w);
    const input = { requestId: newId(), orderId, storeId: "bastille", deviceId, amountCents: 900 };
    w.fake.injectFault({ route: "POST /v2/terminals/checkouts", kind: "drop" });

    const first = await startCheckout(w.deps, input);
    const again = await startCheckout(w.deps, input);

    expect(idOf(first)).toBe(idOf(again));
    const atSquare = [...w.fake.state.checkouts.values()].filter((c) => c.reference_id === orderId);
    expect(atSquare).toHaveLength(1);
  });

  it("is refused for a counter with no Terminal assigned", async () => {
    const orderId = await storeOrder(w);
    const result = await startCheckout(w.deps, {
      requestId: newId(),
      orderId,
      storeId: "bastille",
      deviceId: newId(),
      amountCents: 900,
    });
    expect(result).toMatchObject({ outcome: "refused", key: "terminal_not_assigned" });
  });
});
