/**
 * An order's paid, refunded and outstanding amounts from the counter's
 * ledger and our Square records together, never counting a cent twice.
 */
import { describe, expect, it } from "vitest";

import { computeOrderMoney, type CardRow, type LedgerRow, type RefundRow } from "./order-money.js";

const ledger = (id: string, amountCents: number): LedgerRow => ({ id, amountCents });
const card = (
  status: string,
  amountCents: number,
  ledgerPaymentId: string | null = null,
): CardRow => ({
  status,
  amountCents,
  ledgerPaymentId,
});
const refund = (
  status: string,
  amountCents: number,
  ledgerPaymentId: string | null = null,
): RefundRow => ({
  status,
  amountCents,
  ledgerPaymentId,
});

describe("an order's money", () => {
  it("counts a counter cash payment and its credit-note refund from the ledger alone", () => {
    const money = computeOrderMoney(2000, [ledger("p1", 2000), ledger("r1", -500)], [], []);
    expect(money).toMatchObject({
      paidCents: 2000,
      refundedCents: 500,
      netPaidCents: 1500,
      outstandingCents: 0,
      refundableCents: 1500,
    });
  });

  it("adds an online card payment the ledger does not hold, once", () => {
    const money = computeOrderMoney(2000, [], [card("FAILED", 2000), card("COMPLETED", 2000)], []);
    expect(money).toMatchObject({ paidCents: 2000, outstandingCents: 0 });
  });

  it("does not count twice a Terminal payment the counter also wrote in its ledger", () => {
    const money = computeOrderMoney(
      2000,
      [ledger("p1", 2000)],
      [card("COMPLETED", 2000, "p1")],
      [],
    );
    expect(money).toMatchObject({ paidCents: 2000, outstandingCents: 0, overpaidCents: 0 });
  });

  it("takes a counter's card row of the same amount as the Terminal payment not yet linked", () => {
    const counterRow = { id: "p1", amountCents: 2000, method: "card" };
    const money = computeOrderMoney(2000, [counterRow], [card("COMPLETED", 2000)], []);
    expect(money).toMatchObject({ paidCents: 2000, overpaidCents: 0 });
  });

  it("still shows a second card payment of the same amount as overpaid", () => {
    const counterRow = { id: "p1", amountCents: 2000, method: "card" };
    const twice = [card("COMPLETED", 2000), card("COMPLETED", 2000)];
    const money = computeOrderMoney(2000, [counterRow], twice, []);
    expect(money).toMatchObject({ paidCents: 4000, overpaidCents: 2000 });
  });

  it("owes again an offline card sale Square declined", () => {
    const money = computeOrderMoney(2000, [ledger("p1", 2000)], [card("FAILED", 2000, "p1")], []);
    expect(money).toMatchObject({ paidCents: 0, outstandingCents: 2000 });
  });

  it("counts an offline card sale not yet found as paid and unconfirmed", () => {
    const money = computeOrderMoney(2000, [ledger("p1", 2000)], [card("OFFLINE", 2000, "p1")], []);
    expect(money).toMatchObject({ paidCents: 2000, unconfirmedCents: 2000, outstandingCents: 0 });
  });

  it("does not count as paid a charge whose answer was lost, and says it is unconfirmed", () => {
    const money = computeOrderMoney(2000, [], [card("UNKNOWN", 2000)], []);
    expect(money).toMatchObject({ paidCents: 0, outstandingCents: 2000, unconfirmedCents: 2000 });
  });

  it("counts Square refunds pending or completed, holds back unknown ones, ignores failed", () => {
    const money = computeOrderMoney(
      3000,
      [],
      [card("COMPLETED", 3000)],
      [
        refund("PENDING", 500),
        refund("COMPLETED", 700),
        refund("UNKNOWN", 300),
        refund("FAILED", 900),
      ],
    );
    expect(money).toMatchObject({
      paidCents: 3000,
      refundedCents: 1200,
      pendingRefundCents: 300,
      refundableCents: 1500,
    });
  });

  it("does not count twice a refund the ledger also holds", () => {
    const money = computeOrderMoney(
      3000,
      [ledger("p1", 3000), ledger("r1", -1000)],
      [],
      [refund("COMPLETED", 1000, "r1")],
    );
    expect(money).toMatchObject({ refundedCents: 1000, netPaidCents: 2000 });
  });

  it("says what was paid beyond the total", () => {
    const money = computeOrderMoney(1000, [ledger("p1", 1000), ledger("p2", 1000)], [], []);
    expect(money).toMatchObject({ outstandingCents: 0, overpaidCents: 1000 });
  });
});
