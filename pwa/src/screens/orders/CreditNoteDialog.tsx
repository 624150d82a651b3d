/**
 * "Avoir": cancelling a ticket with a credit note. The clerk gives the reason
 * and how the money paid is given back; the command writes the credit note,
 * the refund and the outbox entry together. A manager approved it with their
 * PIN before this dialog opened (OrdersScreen).
 */
import type { PaymentMethod } from "@ocpizza/schema";
import { useState } from "react";

import { Dialog } from "../../components/Dialog.js";
import { useI18n } from "../../i18n/i18n.js";

const REFUND_METHODS: PaymentMethod[] = ["cash", "card", "cheque"];

interface CreditNoteDialogProps {
  /** As people see it: "A-12". */
  callNumber: string;
  /** What will be given back: the amount paid, at most the ticket's total. */
  refundCents: number;
  onConfirm: (reason: string, refundMethod: PaymentMethod) => Promise<void>;
  onClose: () => void;
}

export function CreditNoteDialog(props: CreditNoteDialogProps) {
  const { callNumber, refundCents, onConfirm, onClose } = props;
  const { t, money } = useI18n();
  const [reason, setReason] = useState("");
  const [method, setMethod] = useState<PaymentMethod>("cash");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (!reason.trim() || saving) return;
    setSaving(true);
    setError(null);
    try {
      await onConfirm(reason.trim(), method);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={t("credit.title", { number: callNumber })}
      onClose={saving ? undefined : onClose}
    >
      <p>{t("credit.intro")}</p>
      <label>
        {t("credit.reason")}
        <input
          data-autofocus
          value={reason}
          maxLength={255}
          required
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {refundCents > 0 ? (
        <fieldset className="segmented methods">
          <legend>{t("credit.refundMethod", { amount: money(refundCents) })}</legend>
          {REFUND_METHODS.map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="refund-method"
                checked={method === m}
                onChange={() => setMethod(m)}
              />
              <span>{t(`method.${m}`)}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="hint">{t("credit.nothingPaid")}</p>
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
          className="danger big"
          disabled={!reason.trim() || saving}
          onClick={() => void confirm()}
        >
          {t("credit.confirm")}
        </button>
      </div>
    </Dialog>
  );
}
