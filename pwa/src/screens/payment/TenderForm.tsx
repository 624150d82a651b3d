/**
 * One tender being entered: the method, the amount (typed, or notes added up
 * with the quick buttons), and what it gives: change for cash, excess kept for
 * a voucher, or why it cannot be taken (said beside the amount).
 */
import { parseEuros, type PaymentMethod } from "@ocpizza/schema";
import { useId } from "react";

import { formatMoneyShort } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";
import {
  applyTender,
  QUICK_CASH_CENTS,
  type TenderRefusal,
  type TenderResult,
} from "../../payment/payment.js";

export const METHODS: PaymentMethod[] = ["cash", "meal_voucher", "cheque", "card"];

/** Cents typed by the clerk ("12,50", "12.5", "20"); null when empty or not an amount. */
export function parseEnteredCents(text: string): number | null {
  if (!text.trim()) return null;
  try {
    const cents = parseEuros(text);
    return cents > 0 ? cents : null;
  } catch {
    return null;
  }
}

export function tenderFor(
  method: PaymentMethod,
  text: string,
  remainingCents: number,
  voucherCapCents?: number,
): TenderResult | null {
  const cents = parseEnteredCents(text);
  if (!text.trim()) return null;
  return applyTender(method, cents ?? 0, remainingCents, voucherCapCents);
}

/** A quick note handed over on top of what is already entered (50 € + 20 €). */
export function addToEntered(text: string, cents: number): number {
  return (parseEnteredCents(text) ?? 0) + cents;
}

interface TenderFormProps {
  method: PaymentMethod;
  amountText: string;
  remainingCents: number;
  /** What meal vouchers may still pay (no alcohol); no cap when absent. */
  voucherCapCents?: number;
  onMethod: (method: PaymentMethod) => void;
  onAmount: (text: string) => void;
}

export function TenderForm({
  method,
  amountText,
  remainingCents,
  voucherCapCents,
  onMethod,
  onAmount,
}: TenderFormProps) {
  const { t, money, locale } = useI18n();
  const errorId = useId();
  const tender = tenderFor(method, amountText, remainingCents, voucherCapCents);
  const capApplies =
    method === "meal_voucher" && voucherCapCents !== undefined && voucherCapCents < remainingCents;
  const refusalText = (reason: TenderRefusal) =>
    reason === "above_amount_due"
      ? t("pay.aboveDue", { amount: money(remainingCents) })
      : reason === "too_big"
        ? t("pay.tooBig")
        : reason === "voucher_cap"
          ? t("pay.voucherCap", { amount: money(voucherCapCents ?? 0) })
          : t("pay.badAmount");
  const asText = (cents: number) =>
    (cents / 100).toFixed(2).replace(".", locale === "fr" ? "," : ".");

  return (
    <div className="tender">
      <fieldset className="segmented methods">
        <legend>{t("pay.method")}</legend>
        {METHODS.map((m) => (
          <label key={m}>
            <input type="radio" name="method" checked={method === m} onChange={() => onMethod(m)} />
            <span>{t(`method.${m}`)}</span>
          </label>
        ))}
      </fieldset>

      <label className="amount-field">
        {t(`pay.amount.${method}`)}
        <input
          inputMode="decimal"
          autoComplete="off"
          data-autofocus
          value={amountText}
          onChange={(e) => onAmount(e.target.value)}
          placeholder={asText(remainingCents)}
          aria-invalid={tender !== null && !tender.ok}
          aria-describedby={errorId}
        />
      </label>
      <p id={errorId} className="form-error amount-error" aria-live="polite">
        {tender && !tender.ok && refusalText(tender.reason)}
      </p>

      <div className="quick-amounts">
        <button
          type="button"
          onClick={() => onAmount(asText(remainingCents))}
          disabled={remainingCents <= 0}
        >
          {t("pay.exact")}
        </button>
        {method === "cash" &&
          QUICK_CASH_CENTS.map((cents) => (
            <button
              key={cents}
              type="button"
              onClick={() => onAmount(asText(addToEntered(amountText, cents)))}
            >
              {formatMoneyShort(cents, locale)}
            </button>
          ))}
        <button type="button" onClick={() => onAmount("")} disabled={!amountText}>
          {t("pay.clearAmount")}
        </button>
      </div>

      <div className="tender-result" aria-live="polite">
        {tender?.ok && method === "cash" && (
          <p className="change">
            {t("pay.change")} <strong>{money(tender.changeCents)}</strong>
          </p>
        )}
        {tender?.ok && tender.voucherExcessCents > 0 && (
          <p className="warning">
            {t("pay.voucherExcess", { amount: money(tender.voucherExcessCents) })}
          </p>
        )}
        {method === "meal_voucher" && <p className="hint">{t("pay.voucherNoChange")}</p>}
        {capApplies && tender?.ok !== false && (
          <p className="warning">{t("pay.voucherCap", { amount: money(voucherCapCents) })}</p>
        )}
      </div>
    </div>
  );
}
