/**
 * Payment arithmetic at the counter, in cents: what a tender pays, the change
 * to give back, and what is left to pay across several payments. Cash gives
 * change; a meal voucher above the amount due pays the amount due and the
 * excess is not returned; a cheque or card pays at most what is due.
 */
import type { PaymentMethod } from "@ocpizza/schema";

import type { PaymentDraft } from "../db/sale.js";

/** Notes offered as one-tap amounts for cash, in cents. */
export const QUICK_CASH_CENTS = [500, 1_000, 2_000, 5_000] as const;

export type TenderRefusal = "nothing_due" | "no_amount" | "above_amount_due";

export type TenderResult =
  | {
      ok: true;
      payment: PaymentDraft;
      /** Cash to hand back. */
      changeCents: number;
      /** Voucher value above the amount due, kept by the store (not returned). */
      voucherExcessCents: number;
    }
  | { ok: false; reason: TenderRefusal };

/**
 * What one tender pays towards `remainingCents`. `enteredCents` is what the
 * clerk typed: the cash handed over, the voucher's face value, the cheque or card amount.
 */
export function applyTender(
  method: PaymentMethod,
  enteredCents: number,
  remainingCents: number,
): TenderResult {
  if (remainingCents <= 0) return { ok: false, reason: "nothing_due" };
  if (!Number.isSafeInteger(enteredCents) || enteredCents <= 0)
    return { ok: false, reason: "no_amount" };

  const amountCents = Math.min(enteredCents, remainingCents);
  const aboveDue = enteredCents - amountCents;
  switch (method) {
    case "cash":
      return {
        ok: true,
        payment: { method, amountCents, tenderedCents: enteredCents },
        changeCents: aboveDue,
        voucherExcessCents: 0,
      };
    case "meal_voucher":
      return {
        ok: true,
        payment:
          aboveDue > 0
            ? { method, amountCents, tenderedCents: enteredCents }
            : { method, amountCents },
        changeCents: 0,
        voucherExcessCents: aboveDue,
      };
    case "cheque":
    case "card":
      if (aboveDue > 0) return { ok: false, reason: "above_amount_due" };
      return { ok: true, payment: { method, amountCents }, changeCents: 0, voucherExcessCents: 0 };
  }
}

export function paidCents(payments: readonly { amountCents: number }[]): number {
  return payments.reduce((sum, p) => sum + p.amountCents, 0);
}

export function remainingCents(
  totalCents: number,
  payments: readonly { amountCents: number }[],
): number {
  return Math.max(0, totalCents - paidCents(payments));
}

/** Change handed back over all payments (only cash gives change). */
export function totalChangeCents(payments: readonly PaymentDraft[]): number {
  return payments.reduce(
    (sum, p) =>
      sum + (p.method === "cash" && p.tenderedCents ? p.tenderedCents - p.amountCents : 0),
    0,
  );
}

/** Voucher value kept by the store over all payments. */
export function totalVoucherExcessCents(payments: readonly PaymentDraft[]): number {
  return payments.reduce(
    (sum, p) =>
      sum + (p.method === "meal_voucher" && p.tenderedCents ? p.tenderedCents - p.amountCents : 0),
    0,
  );
}
