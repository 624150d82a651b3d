/**
 * The ticket on screen after a sale (or reprinted from today's orders), with
 * "Imprimer", followed by its credit note when one was issued. A copy is
 * rendered into #print-root, the only thing printed.
 */
import { createPortal } from "react-dom";

import { useMenu, useMeta, useOrder, useOrderTickets } from "../../app/data-hooks.js";
import { Dialog } from "../../components/Dialog.js";
import { callLabel } from "../../db/register-code.js";
import { useI18n } from "../../i18n/i18n.js";
import { CreditNoteSlip } from "./CreditNoteSlip.js";
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
  const tickets = useOrderTickets(orderId);
  if (!order || !meta?.store) return null;

  const sale = tickets?.find((row) => row.kind === "sale") ?? null;
  const credits = tickets?.filter((row) => row.kind === "credit_note") ?? [];
  const ticket = (
    <>
      <Ticket
        order={order}
        store={meta.store}
        menu={menu}
        journal={sale}
        callLabel={callLabel(order, meta)}
      />
      {credits.map((row) => (
        <CreditNoteSlip key={row.seq} row={row} store={meta.store!} />
      ))}
    </>
  );
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
