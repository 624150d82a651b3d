/**
 * The ticket on screen after a sale (or reprinted from today's orders), with
 * "Imprimer". A copy is rendered into #print-root, the only thing printed.
 */
import { createPortal } from "react-dom";

import { useMenu, useMeta, useOrder } from "../../app/data-hooks.js";
import { Dialog } from "../../components/Dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { Ticket } from "./Ticket.js";

interface TicketDialogProps {
  orderId: string;
  /** Right after a sale the way out reads "Nouvelle commande". */
  afterSale?: boolean;
  onClose: () => void;
}

export function TicketDialog({ orderId, afterSale = false, onClose }: TicketDialogProps) {
  const { t } = useI18n();
  const order = useOrder(orderId);
  const meta = useMeta();
  const menu = useMenu();
  if (!order || !meta?.store) return null;

  const ticket = <Ticket order={order} store={meta.store} menu={menu} />;
  const printRoot = document.getElementById("print-root");

  return (
    <>
      <Dialog title={t("ticket.title")} onClose={onClose} className="ticket-dialog">
        <div className="ticket-preview">{ticket}</div>
        <div className="dialog-actions">
          <button type="button" onClick={() => window.print()}>
            {t("ticket.print")}
          </button>
          <button type="button" className="primary big" onClick={onClose}>
            {afterSale ? t("ticket.newOrder") : t("common.close")}
          </button>
        </div>
      </Dialog>
      {printRoot && createPortal(ticket, printRoot)}
    </>
  );
}
