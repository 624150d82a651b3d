/** Confirming a cancellation, with an optional reason sent to the server. */
import { useState } from "react";

import { Dialog } from "../../components/Dialog.js";
import { useI18n } from "../../i18n/i18n.js";

interface CancelDialogProps {
  /** As people see it: "A-12". */
  callNumber: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

export function CancelDialog({ callNumber, onConfirm, onClose }: CancelDialogProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  return (
    <Dialog title={t("orders.cancelTitle", { number: callNumber })} onClose={onClose}>
      <label>
        {t("orders.cancelReason")}
        <input value={reason} maxLength={255} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t("orders.cancelKeep")}
        </button>
        <button type="button" className="danger big" onClick={() => onConfirm(reason.trim())}>
          {t("orders.cancelConfirm")}
        </button>
      </div>
    </Dialog>
  );
}
