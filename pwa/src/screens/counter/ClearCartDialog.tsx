/** "Vider le panier ?": emptying a cart that has lines is asked first, never done on one tap. */
import { Dialog } from "../../components/Dialog.js";
import { useI18n } from "../../i18n/i18n.js";

interface ClearCartDialogProps {
  lineCount: number;
  onConfirm: () => void;
  onClose: () => void;
}

export function ClearCartDialog({ lineCount, onConfirm, onClose }: ClearCartDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog title={t("cart.clearTitle")} onClose={onClose}>
      <p>{t("cart.clearIntro", { count: lineCount })}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-autofocus>
          {t("cart.clearKeep")}
        </button>
        <button type="button" className="danger big" onClick={onConfirm}>
          {t("cart.clearConfirm")}
        </button>
      </div>
    </Dialog>
  );
}
