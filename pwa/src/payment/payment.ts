/**
 * Payment arithmetic at the counter, in cents: what a tender pays, the change
 * to give back, and what is left to pay across several payments. Cash gives
 * change; a meal voucher above the amount due pays the amount due and the
 * excess is not returned, and it never pays for alcohol; a cheque or card pays
 * at most what is due.
 */
import { MAX_AMOUNT_CENTS, type MenuSnapshot, type PaymentMethod } from "@ocpizza/schema";

import type { PaymentDraft } from "../db/sale.js";

/** Notes offered as one-tap amounts for cash, in cents. */
export const QUICK_CASH_CENTS = [500, 1_000, 2_000, 5_000] as const;

/** The protocol takes at most this many payments in one command (order.create, order.pay). */
export const MAX_PAYMENTS = 10;

export type TenderRefusal =
  "nothing_due" | "no_amount" | "too_big" | "above_amount_due" | "voucher_cap";

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
 * `voucherCapCents` is what meal vouchers may still pay (see voucherCapCents).
 */
export function applyTender(
  method: PaymentMethod,
  enteredCents: number,
  remainingCents: number,
  voucherCapCents: number = Number.POSITIVE_INFINITY,
): TenderResult {
  if (remainingCents <= 0) return { ok: false, reason: "nothing_due" };
  if (!Number.isSafeInteger(enteredCents) || enteredCents <= 0)
    return { ok: false, reason: "no_amount" };
  // The server refuses any amount above 100 000,00 €: almost surely a typing slip.
  if (enteredCents > MAX_AMOUNT_CENTS) return { ok: false, reason: "too_big" };

  const payableCents =
    method === "meal_voucher" ? Math.min(remainingCents, voucherCapCents) : remainingCents;
  if (payableCents <= 0) return { ok: false, reason: "voucher_cap" };
  const amountCents = Math.min(enteredCents, payableCents);
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

/** What the customer still owes: nothing once the order is cancelled or refused. */
export function amountDueCents(order: {
  status: string;
  totalCents: number;
  paidCents: number;
}): number {
  if (order.status === "cancelled" || order.status === "refused") return 0;
  return Math.max(0, order.totalCents - order.paidCents);
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

type PricedLine = {
  productId: string;
  unitPriceCents: number;
  quantity: number;
  vatRateBp: number;
};

/**
 * French rules: a meal voucher (titre-restaurant) pays for food and soft drinks,
 * never alcohol. Alcohol is what the menu taxes at 20 % in every service mode
 * (beer, wine); a product gone from the menu is judged by the rate on its line.
 */
export function isAlcohol(
  line: Pick<PricedLine, "productId" | "vatRateBp">,
  menu: Pick<MenuSnapshot, "products"> | null | undefined,
): boolean {
  const product = menu?.products.find((p) => p.id === line.productId);
  if (!product) return line.vatRateBp === 2000;
  return Object.values(product.vat).every((rate) => rate === 2000);
}

/** What meal vouchers may pay of these lines, less the vouchers already taken. */
export function voucherCapCents(
  lines: readonly PricedLine[],
  menu: Pick<MenuSnapshot, "products"> | null | undefined,
  payments: readonly Pick<PaymentDraft, "method" | "amountCents">[] = [],
): number {
  const eligible = lines
    .filter((line) => !isAlcohol(line, menu))
    .reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const vouchers = payments
    .filter((p) => p.method === "meal_voucher")
    .reduce((sum, p) => sum + p.amountCents, 0);
  return Math.max(0, eligible - vouchers);
}
