/**
 * "Ouvrir la caisse": the float counted into the drawer before the first sale
 * of a shift. Selling waits for it; the shift.open goes through the outbox.
 */
import { useState } from "react";

import { describeCommandError, useCommands } from "../../app/commands.js";
import { Dialog } from "../../components/Dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { centsOrNull } from "./amount-input.js";

interface OpenShiftDialogProps {
  onOpened: () => void;
  onClose: () => void;
}

export function OpenShiftDialog({ onOpened, onClose }: OpenShiftDialogProps) {
  const { t } = useI18n();
  const commands = useCommands();
  const [floatText, setFloatText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const floatCents = centsOrNull(floatText, { allowZero: true });

  const open = async () => {
    if (floatCents === null || saving) return;
    setSaving(true);
    setError(null);
    try {
      await commands.openShift(floatCents);
      onOpened();
    } catch (failure) {
      setError(describeCommandError(t, failure));
      setSaving(false);
    }
  };

  return (
    <Dialog title={t("shift.openTitle")} onClose={saving ? undefined : onClose}>
      <p>{t("shift.openIntro")}</p>
      <label className="amount-field">
        {t("shift.float")}
        <input
          inputMode="decimal"
          autoComplete="off"
          data-autofocus
          value={floatText}
          onChange={(e) => setFloatText(e.target.value)}
          placeholder="150,00"
        />
      </label>
      {floatText && floatCents === null && <p className="form-error">{t("pay.badAmount")}</p>}
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
          disabled={floatCents === null || saving}
          onClick={() => void open()}
        >
          {t("shift.open")}
        </button>
      </div>
    </Dialog>
  );
}
