/**
 * The ticket (receipt) of an order, laid out for an 80 mm printer: store,
 * date and time in the store's zone, the call number in big, lines with
 * options, total, VAT per rate (HT, TVA, TTC), payments with change, who
 * served ("Servi par"), the fiscal number and hash of its journal entry
 * (apart from the call number), and the seller's legal identity.
 */
import { lineTotalCents, vatBreakdown, type MenuSnapshot, type StoreInfo } from "@ocpizza/schema";

import { fiscalNumber } from "../../db/journal.js";
import type { JournalRow, LocalOrder } from "../../db/types.js";
import { formatDateTime } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";
import { amountDueCents } from "../../payment/payment.js";
import { lineName, lineTitle, optionsText } from "../counter/line-label.js";
import { LegalIdentity } from "./LegalIdentity.js";
import { VatTable } from "./VatTable.js";
import "./ticket.css";

interface TicketProps {
  order: LocalOrder;
  store: StoreInfo;
  menu: MenuSnapshot | null | undefined;
  /** The order's sale ticket in this register's journal; absent until it is a ticket. */
  journal?: JournalRow | null;
  /** The call number as people see it ("A-12", see callLabel); the bare number by default. */
  callLabel?: string;
}

/** The short order id printed on tickets: the random tail of the UUID. */
export function shortOrderId(orderId: string): string {
  return orderId.replace(/-/g, "").slice(-8).toUpperCase();
}

export function Ticket({ order, store, menu, journal, callLabel }: TicketProps) {
  const { t, money, locale } = useI18n();
  const vat = vatBreakdown(
    // Net of discounts, like the journal entry: VAT is due on what was paid.
    order.lines.map((l) => ({ rateBp: l.vatRateBp, totalCents: lineTotalCents(l) })),
  );
  const change = order.payments.reduce((sum, p) => sum + p.changeCents, 0);
  const due = amountDueCents(order);
  // The name chained with the ticket, else who took the order.
  const servedBy = journal?.content.servedBy ?? order.takenByStaffName ?? null;

  return (
    <article className="ticket">
      <header className="ticket-store">
        <strong>{store.name}</strong>
        <span>{store.address}</span>
        <span>
          {store.postcode} {store.city}
        </span>
        <span>{t("ticket.phone", { phone: store.phone })}</span>
      </header>

      {order.training && <p className="ticket-training">{t("ticket.training")}</p>}
      <p className="ticket-date">{formatDateTime(order.createdAtMs, locale, store.timeZone)}</p>
      <p className="ticket-call">
        <span className="ticket-call-label">{t("ticket.callLabel")}</span>
        <span className="ticket-call-number">
          {t("ticket.call", { number: callLabel ?? order.callNumber })}
        </span>
      </p>
      <p className="ticket-meta">
        {t("ticket.order", { id: shortOrderId(order.id) })} · {t(`mode.${order.serviceMode}`)}
      </p>
      {servedBy && <p className="ticket-staff">{t("ticket.servedBy", { name: servedBy })}</p>}
      {order.customer && (
        <p className="ticket-customer">
          {order.customer.name}
          {order.customer.phone && <> · {order.customer.phone}</>}
          {order.customer.address && (
            <>
              <br />
              {order.customer.address}
            </>
          )}
          {order.customer.deliveryNotes && (
            <>
              <br />
              {order.customer.deliveryNotes}
            </>
          )}
        </p>
      )}

      <table className="ticket-lines">
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.quantity} × {lineTitle(lineName(line, menu, locale), line.size)}
                {line.options.length > 0 && (
                  <div className="ticket-options">{optionsText(t, locale, line.options, menu)}</div>
                )}
                {line.note && <div className="ticket-options">« {line.note} »</div>}
                {(line.discountCents ?? 0) > 0 && (
                  <div className="ticket-options ticket-discount">
                    {t("discount.ticketLine")} −{money(line.discountCents ?? 0)}
                  </div>
                )}
              </td>
              <td className="amount">{money(lineTotalCents(line))}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <p className="ticket-total">
        <span>{t("ticket.total")}</span>
        <strong>{money(order.totalCents)}</strong>
      </p>

      <VatTable rows={vat} />

      {order.payments.length > 0 && (
        <ul className="ticket-payments">
          {order.payments.map((p) => (
            <li key={p.id}>
              <span>
                {t(`method.${p.method}`)}
                {p.tenderedCents !== undefined && p.method === "cash" && (
                  <> ({t("ticket.tendered", { amount: money(p.tenderedCents) })})</>
                )}
                {p.tenderedCents !== undefined &&
                  p.method === "meal_voucher" &&
                  p.tenderedCents > p.amountCents && (
                    <>
                      {" "}
                      ({t("ticket.voucherKept", { amount: money(p.tenderedCents - p.amountCents) })}
                      )
                    </>
                  )}
              </span>
              <span>{money(p.amountCents)}</span>
            </li>
          ))}
          {change > 0 && (
            <li className="ticket-change">
              <span>{t("ticket.change")}</span>
              <span>{money(change)}</span>
            </li>
          )}
        </ul>
      )}
      {due > 0 && <p className="ticket-unpaid">{t("ticket.unpaid", { amount: money(due) })}</p>}
      {journal && (
        <p className="ticket-fiscal">
          <span>{t("ticket.fiscal", { number: fiscalNumber(journal.content) })}</span>
          <span>{t("ticket.hash", { hash: journal.hash.slice(0, 8) })}</span>
        </p>
      )}
      {order.training && <p className="ticket-training">{t("ticket.training")}</p>}
      <LegalIdentity legal={store.legal} />
      <p className="ticket-thanks">{t("ticket.thanks")}</p>
    </article>
  );
}
