/**
 * Taking payment: one or several tenders until nothing is left to pay, then
 * "Valider". Used for a new sale at the counter and for an order paid later.
 * The caller writes the payments; this dialog only adds them up, within the
 * protocol's limits (10 payments) and the meal voucher cap (no alcohol).
 */
import type { PaymentMethod } from "@ocpizza/schema";
import { useState } from "react";

import { Dialog } from "../../components/Dialog.js";
import type { PaymentDraft } from "../../db/sale.js";
import { useI18n } from "../../i18n/i18n.js";
import {
  MAX_PAYMENTS,
  paidCents,
  remainingCents,
  totalChangeCents,
  totalVoucherExcessCents,
} from "../../payment/payment.js";
import { CardTender } from "../../payment-card/CardTender.js";
import { TenderForm, tenderFor } from "./TenderForm.js";

interface PaymentDialogProps {
  totalCents: number;
  alreadyPaidCents: number;
  /** Offer "handed to the customer now", ticked or not by default; null hides it. */
  handedOverDefault: boolean | null;
  onConfirm: (payments: PaymentDraft[], handedOver: boolean) => Promise<void>;
  onClose: () => void;
  title?: string;
  /** What meal vouchers may pay before this dialog's payments (see voucherCapCents). */
  voucherCapCents?: number;
  /** Payments entered so far, when the caller keeps them (the cart, across a reload). */
  payments?: PaymentDraft[];
  onPaymentsChange?: (payments: PaymentDraft[]) => void;
  /** The order being paid, when it exists already (a Terminal checkout names it). */
  orderId?: string;
}

export function PaymentDialog(props: PaymentDialogProps) {
  const { totalCents, alreadyPaidCents, handedOverDefault, onConfirm, onClose } = props;
  const { t, money } = useI18n();
  const [ownPayments, setOwnPayments] = useState<PaymentDraft[]>([]);
  const payments = props.payments ?? ownPayments;
  const setPayments = props.onPaymentsChange ?? setOwnPayments;
  const [method, setMethod] = useState<PaymentMethod>("cash");
  const [amountText, setAmountText] = useState("");
  const [handedOver, setHandedOver] = useState(handedOverDefault ?? false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const dueCents = totalCents - alreadyPaidCents;
  const remaining = remainingCents(dueCents, payments);
  const voucherCap =
    props.voucherCapCents === undefined
      ? undefined
      : Math.max(0, props.voucherCapCents - paidByVoucher(payments));
  const tender = tenderFor(method, amountText, remaining, voucherCap);
  const withTender = tender?.ok ? [...payments, tender.payment] : payments;
  // The cart changed after payments were entered (another tab, a reload): they now pay too much.
  const overpaid = paidCents(payments) > dueCents;
  // The last payment the protocol takes must settle what is left.
  const lastPayment = payments.length >= MAX_PAYMENTS - 1;
  const settled =
    remainingCents(dueCents, withTender) === 0 &&
    withTender.length > 0 &&
    withTender.length <= MAX_PAYMENTS &&
    !overpaid;

  const addTender = () => {
    if (!tender?.ok) return;
    setPayments(withTender);
    setAmountText("");
  };

  const confirm = async (list: PaymentDraft[]) => {
    setSaving(true);
    setError(null);
    try {
      await onConfirm(list, handedOver);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setSaving(false);
    }
  };

  const validate = async () => {
    if (!settled || saving) return;
    await confirm(withTender);
  };

  // A card paid on the Terminal is money taken: when it settles the order, it is saved at once.
  const addCard = (payment: PaymentDraft) => {
    const next = [...payments, payment];
    setPayments(next);
    if (payment.squarePaymentId && remainingCents(dueCents, next) === 0) void confirm(next);
  };

  return (
    <Dialog
      title={props.title ?? t("pay.title")}
      onClose={saving ? undefined : onClose}
      className="payment-dialog"
    >
      <dl className="pay-summary">
        <div>
          <dt>{t("pay.total")}</dt>
          <dd>{money(totalCents)}</dd>
        </div>
        <div>
          <dt>{t("pay.paid")}</dt>
          <dd>{money(alreadyPaidCents + paidCents(payments))}</dd>
        </div>
        <div className="remaining">
          <dt>{t("pay.remaining")}</dt>
          <dd>{money(remaining)}</dd>
        </div>
      </dl>

      {remaining > 0 && (
        <TenderForm
          method={method}
          amountText={amountText}
          remainingCents={remaining}
          voucherCapCents={voucherCap}
          onMethod={setMethod}
          onAmount={setAmountText}
        />
      )}
      {remaining > 0 && !lastPayment && (
        <CardTender orderId={props.orderId} remainingCents={remaining} onAdd={addCard} />
      )}

      {payments.length > 0 && (
        <section className="pay-list" aria-label={t("pay.payments")}>
          <h3>{t("pay.payments")}</h3>
          <ul>
            {payments.map((p, index) => (
              <li key={index}>
                <span>
                  {t(`method.${p.method}`)} {money(p.amountCents)}
                </span>
                <button
                  type="button"
                  aria-label={t("pay.removePayment", {
                    method: t(`method.${p.method}`),
                    amount: money(p.amountCents),
                  })}
                  onClick={() => setPayments(payments.filter((_, i) => i !== index))}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          {totalChangeCents(payments) > 0 && (
            <p className="change">
              {t("pay.change")} <strong>{money(totalChangeCents(payments))}</strong>
            </p>
          )}
          {totalVoucherExcessCents(payments) > 0 && (
            <p className="warning">
              {t("pay.voucherExcess", { amount: money(totalVoucherExcessCents(payments)) })}
            </p>
          )}
        </section>
      )}

      {lastPayment && remaining > 0 && <p className="warning">{t("pay.maxPayments")}</p>}
      {overpaid && (
        <p className="form-error" role="alert">
          {t("pay.overpaid")}
        </p>
      )}

      {handedOverDefault !== null && (
        <label className="check">
          <input
            type="checkbox"
            checked={handedOver}
            onChange={(e) => setHandedOver(e.target.checked)}
          />
          {t("pay.handedOver")}
        </label>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={saving}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          onClick={addTender}
          disabled={!tender?.ok || remaining === 0 || settled || lastPayment}
        >
          {t("pay.addPayment")}
        </button>
        <button
          type="button"
          className="primary big"
          onClick={() => void validate()}
          disabled={!settled || saving}
        >
          {saving ? t("pay.saving") : t("pay.validate")}
        </button>
      </div>
    </Dialog>
  );
}

function paidByVoucher(payments: readonly PaymentDraft[]): number {
  return paidCents(payments.filter((p) => p.method === "meal_voucher"));
}
