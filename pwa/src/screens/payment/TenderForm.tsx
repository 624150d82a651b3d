/**
 * One tender being entered: the method, the amount (typed or a quick note),
 * and what it gives: change for cash, excess kept for a voucher, or why it
 * cannot be taken.
 */
import { parseEuros, type PaymentMethod } from "@ocpizza/schema";

import { formatMoneyShort } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";
import { applyTender, QUICK_CASH_CENTS, type TenderResult } from "../../payment/payment.js";

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
): TenderResult | null {
  const cents = parseEnteredCents(text);
  if (!text.trim()) return null;
  return applyTender(method, cents ?? 0, remainingCents);
}

interface TenderFormProps {
  method: PaymentMethod;
  amountText: string;
  remainingCents: number;
  onMethod: (method: PaymentMethod) => void;
  onAmount: (text: string) => void;
}

export function TenderForm({
  method,
  amountText,
  remainingCents,
  onMethod,
  onAmount,
}: TenderFormProps) {
  const { t, money, locale } = useI18n();
  const tender = tenderFor(method, amountText, remainingCents);
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
        />
      </label>

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
            <button key={cents} type="button" onClick={() => onAmount(asText(cents))}>
              {formatMoneyShort(cents, locale)}
            </button>
          ))}
      </div>

      <div className="tender-result" aria-live="polite">
        {tender && !tender.ok && (
          <p className="form-error">
            {tender.reason === "above_amount_due"
              ? t("pay.aboveDue", { amount: money(remainingCents) })
              : t("pay.badAmount")}
          </p>
        )}
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
      </div>
    </div>
  );
}
