/**
 * The kitchen ticket the counter prints when the kitchen has no screen (or
 * the internet is down and the kitchen tablet is elsewhere): call number,
 * mode, when it is due, and each line with its options and notes in big
 * type. No prices: it is not a sale document. Printed through #print-root
 * like the sale ticket.
 */
import { useState } from "react";
import { createPortal } from "react-dom";

import { useMenu, useMeta } from "../app/data-hooks.js";
import { Dialog } from "../components/Dialog.js";
import type { LocalOrder } from "../db/types.js";
import { promisedAt } from "./kitchen-commands.js";
import { ingredientName } from "./recipe.js";
import { useWords } from "./words.js";
import "./kitchen.css";

export function KitchenTicket({ order }: { order: LocalOrder }) {
  const { w, time, locale } = useWords();
  const menu = useMenu();
  const meta = useMeta();
  const timeZone = meta?.store?.timeZone ?? "Europe/Paris";
  return (
    <div className="print-slip kitchen-ticket">
      <h2>
        {order.registerCode ? `${order.registerCode}-` : ""}
        {order.callNumber} · {w(`kitchen.mode.${order.serviceMode}`)}
      </h2>
      <p>{w("kitchen.promised", { time: time(promisedAt(order), timeZone) })}</p>
      {order.customer?.name && <p>{order.customer.name}</p>}
      {order.note && <p>** {order.note} **</p>}
      <ul>
        {order.lines.map((line) => (
          <li key={line.id}>
            <strong>
              {line.quantity} × {line.name} {line.size}
            </strong>
            {line.options.map((option) => (
              <div key={`${option.kind}-${option.ingredientId}`}>
                {w(option.kind === "without" ? "kitchen.without" : "kitchen.extra", {
                  name: ingredientName(menu, option.ingredientId, locale),
                })}
              </div>
            ))}
            {line.note && <div>** {line.note} **</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Ticket cuisine" on an order card: a preview with Print, the copy in #print-root. */
export function KitchenTicketButton({ order }: { order: LocalOrder }) {
  const { w } = useWords();
  const [open, setOpen] = useState(false);
  const printRoot = document.getElementById("print-root");
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {w("kitchen.ticket")}
      </button>
      {open && (
        <>
          <Dialog title={w("kitchen.ticket")} onClose={() => setOpen(false)}>
            <KitchenTicket order={order} />
            <div className="dialog-actions">
              <button type="button" onClick={() => window.print()}>
                {w("kitchen.print")}
              </button>
              <button type="button" className="primary" onClick={() => setOpen(false)}>
                {w("kitchen.close")}
              </button>
            </div>
          </Dialog>
          {printRoot && createPortal(<KitchenTicket order={order} />, printRoot)}
        </>
      )}
    </>
  );
}
