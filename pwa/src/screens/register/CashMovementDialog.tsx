/**
 * "Entrée / sortie d'espèces": cash put into or taken out of the drawer
 * outside a sale (change brought in, cash taken to the bank), with a reason.
 * The drawer opens without a sale, so a manager approves it with their PIN.
 */
import { useState } from "react";

import { describeCommandError, useCommands } from "../../app/commands.js";
import { Dialog } from "../../components/Dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { ManagerPinDialog } from "../../staff/ManagerPinDialog.js";
import { centsOrNull } from "./amount-input.js";

export function CashMovementDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const commands = useCommands();
  const [direction, setDirection] = useState<"in" | "out">("out");
  const [amountText, setAmountText] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [approving, setApproving] = useState(false);
  const amountCents = centsOrNull(amountText);
  const ready = amountCents !== null && reason.trim().length > 0 && !saving;

  const save = async (approvedBy: string) => {
    setApproving(false);
    if (!ready || amountCents === null) return;
    setSaving(true);
    setError(null);
    try {
      await commands.moveCash(direction, amountCents, reason.trim(), approvedBy);
      onClose();
    } catch (failure) {
      setError(describeCommandError(t, failure));
      setSaving(false);
    }
  };

  return (
    <Dialog title={t("shift.cashTitle")} onClose={saving || approving ? undefined : onClose}>
      <fieldset className="segmented">
        <legend>{t("shift.direction")}</legend>
        {(["in", "out"] as const).map((d) => (
          <label key={d}>
            <input
              type="radio"
              name="cash-direction"
              checked={direction === d}
              onChange={() => setDirection(d)}
            />
            <span>{t(`shift.direction.${d}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="amount-field">
        {t("shift.amount")}
        <input
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(e) => setAmountText(e.target.value)}
        />
      </label>
      {amountText && amountCents === null && <p className="form-error">{t("pay.badAmount")}</p>}
      <label>
        {t("shift.reason")}
        <input value={reason} maxLength={120} onChange={(e) => setReason(e.target.value)} />
      </label>
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
          className="primary big"
          disabled={!ready}
          onClick={() => setApproving(true)}
        >
          {t("shift.save")}
        </button>
      </div>
      {approving && (
        <ManagerPinDialog
          onClose={() => setApproving(false)}
          onApproved={(managerId) => void save(managerId)}
        />
      )}
    </Dialog>
  );
}
