import { describe, expect, it } from "vitest";

import { TEST_MENU } from "../testing/fixtures.js";
import {
  amountDueCents,
  applyTender,
  isAlcohol,
  voucherCapCents,
  remainingCents,
  totalChangeCents,
  totalVoucherExcessCents,
} from "./payment.js";
import type { PaymentDraft } from "../db/sale.js";

describe("one tender against the amount due", () => {
  it.each([
    { method: "cash", entered: 2000, due: 1250, amount: 1250, change: 750, excess: 0 },
    { method: "cash", entered: 1250, due: 1250, amount: 1250, change: 0, excess: 0 },
    { method: "cash", entered: 1000, due: 1250, amount: 1000, change: 0, excess: 0 },
    { method: "cash", entered: 5000, due: 3595, amount: 3595, change: 1405, excess: 0 },
    { method: "meal_voucher", entered: 900, due: 1250, amount: 900, change: 0, excess: 0 },
    { method: "meal_voucher", entered: 1500, due: 1250, amount: 1250, change: 0, excess: 250 },
    { method: "cheque", entered: 1250, due: 1250, amount: 1250, change: 0, excess: 0 },
    { method: "card", entered: 700, due: 1250, amount: 700, change: 0, excess: 0 },
  ] as const)("$method $entered for $due due pays $amount, change $change, kept $excess", (row) => {
    const result = applyTender(row.method, row.entered, row.due);
    expect(result).toMatchObject({
      ok: true,
      payment: { method: row.method, amountCents: row.amount },
      changeCents: row.change,
      voucherExcessCents: row.excess,
    });
  });

  it.each([
    { method: "cheque", entered: 1300, due: 1250, reason: "above_amount_due" },
    { method: "card", entered: 1251, due: 1250, reason: "above_amount_due" },
    { method: "cash", entered: 0, due: 1250, reason: "no_amount" },
    { method: "cash", entered: 500, due: 0, reason: "nothing_due" },
    { method: "cash", entered: 10_000_001, due: 1250, reason: "too_big" },
  ] as const)(
    "refuses $method $entered for $due due: $reason",
    ({ method, entered, due, reason }) => {
      expect(applyTender(method, entered, due)).toEqual({ ok: false, reason });
    },
  );

  it("records what was handed over for cash and for a voucher above the amount due", () => {
    expect(applyTender("cash", 2000, 1250)).toMatchObject({ payment: { tenderedCents: 2000 } });
    expect(applyTender("meal_voucher", 1500, 1250)).toMatchObject({
      payment: { tenderedCents: 1500 },
    });
    const exactVoucher = applyTender("meal_voucher", 900, 1250);
    expect(exactVoucher.ok && exactVoucher.payment.tenderedCents).toBeUndefined();
  });
});

describe("splitting a payment", () => {
  it.each([
    {
      case: "two vouchers then cash",
      total: 3100,
      tenders: [
        ["meal_voucher", 900],
        ["meal_voucher", 900],
        ["cash", 2000],
      ],
      amounts: [900, 900, 1300],
      change: 700,
      excess: 0,
    },
    {
      case: "cheque for part, voucher above the rest",
      total: 2550,
      tenders: [
        ["cheque", 2000],
        ["meal_voucher", 1000],
      ],
      amounts: [2000, 550],
      change: 0,
      excess: 450,
    },
    {
      case: "card then exact cash",
      total: 1850,
      tenders: [
        ["card", 1000],
        ["cash", 850],
      ],
      amounts: [1000, 850],
      change: 0,
      excess: 0,
    },
  ] as const)("$case", ({ total, tenders, amounts, change, excess }) => {
    const payments: PaymentDraft[] = [];
    for (const [method, entered] of tenders) {
      const result = applyTender(method, entered, remainingCents(total, payments));
      if (!result.ok) throw new Error(result.reason);
      payments.push(result.payment);
    }
    expect(payments.map((p) => p.amountCents)).toEqual(amounts);
    expect(remainingCents(total, payments)).toBe(0);
    expect(totalChangeCents(payments)).toBe(change);
    expect(totalVoucherExcessCents(payments)).toBe(excess);
  });
});

describe("meal vouchers and alcohol", () => {
  const pizza = { productId: "pepperoni", unitPriceCents: 1250, quantity: 1, vatRateBp: 1000 };
  const beers = { productId: "beer", unitPriceCents: 450, quantity: 2, vatRateBp: 2000 };
  const cola = { productId: "cola", unitPriceCents: 300, quantity: 1, vatRateBp: 550 };

  it("treats as alcohol what the menu taxes at 20 % in every mode, and nothing else", () => {
    expect(isAlcohol(beers, TEST_MENU)).toBe(true);
    expect(isAlcohol(cola, TEST_MENU)).toBe(false);
    expect(isAlcohol({ productId: "gone-wine", vatRateBp: 2000 }, TEST_MENU)).toBe(true);
  });

  it("caps vouchers at the lines that are not alcohol, less vouchers already taken", () => {
    const lines = [pizza, beers, cola];
    expect(voucherCapCents(lines, TEST_MENU)).toBe(1550);
    const taken = [{ method: "meal_voucher" as const, amountCents: 1000 }];
    expect(voucherCapCents(lines, TEST_MENU, taken)).toBe(550);
  });

  it("lets a voucher pay only up to the cap; the rest is paid otherwise", () => {
    // Pizza 12,50 € and two beers 9,00 €: a 20 € voucher pays 12,50 €, 7,50 € is kept.
    const result = applyTender("meal_voucher", 2000, 2150, 1250);
    expect(result).toMatchObject({ ok: true, payment: { amountCents: 1250 } });
    expect(result.ok && result.voucherExcessCents).toBe(750);
    expect(applyTender("cash", 2000, 2150, 1250)).toMatchObject({ payment: { amountCents: 2000 } });
  });

  it("refuses a voucher for an order of beer only", () => {
    expect(applyTender("meal_voucher", 900, 900, 0)).toEqual({ ok: false, reason: "voucher_cap" });
  });
});

describe("what is still due on an order", () => {
  it.each([
    { status: "accepted", paid: 400, due: 1200 },
    { status: "completed", paid: 1600, due: 0 },
    { status: "cancelled", paid: 0, due: 0 },
    { status: "refused", paid: 0, due: 0 },
  ])("$status, paid $paid of 1600: $due", ({ status, paid, due }) => {
    expect(amountDueCents({ status, totalCents: 1600, paidCents: paid })).toBe(due);
  });
});
