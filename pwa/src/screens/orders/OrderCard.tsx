/**
 * One order in today's list: call number, time, total, payment, status, sync
 * state, its fiscal ticket number and credit note, and its actions.
 */
import { useId } from "react";

import { fiscalNumber } from "../../db/journal.js";
import type { JournalRow, LocalOrder } from "../../db/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { amountDueCents } from "../../payment/payment.js";
import { CardOwedNotice } from "../../payment-card/CardOwedNotice.js";
import { describeRejection } from "../../components/sync-words.js";
import { orderActions, type CounterStatusMove } from "./order-actions.js";
import { KitchenTicketButton } from "../../kitchen/KitchenTicket.js";

interface OrderCardProps {
  order: LocalOrder;
  /** This register's tickets of the order (sale, credit note). */
  tickets: JournalRow[];
  /** "A-12": the call number with the code of the counter that took it. */
  callLabel: string;
  /** Taken on another counter of the store (call numbers are per counter). */
  fromOtherCounter: boolean;
  timeZone: string;
  onPay: () => void;
  onMove: (status: CounterStatusMove) => void;
  onCancel: () => void;
  onTicket: () => void;
  onCreditNote: () => void;
}

export function OrderCard({
  order,
  tickets,
  callLabel,
  fromOtherCounter,
  timeZone,
  onPay,
  onMove,
  onCancel,
  onTicket,
  onCreditNote,
}: OrderCardProps) {
  const { t, money, time } = useI18n();
  const headingId = useId();
  const actions = orderActions(order, tickets);
  const sale = tickets.find((row) => row.kind === "sale");
  const dueCents = amountDueCents(order);
  const closedUnpaid = dueCents === 0 && order.paidCents < order.totalCents;
  const items = order.lines.reduce((sum, line) => sum + line.quantity, 0);

  const sync =
    order.syncState === "pending"
      ? t("orders.sync.pending")
      : order.syncState === "rejected" && order.rejection
        ? t("orders.sync.rejected", { reason: describeRejection(t, order.rejection, false) })
        : t("orders.sync.synced");

  return (
    <li
      className={`order-card status-${order.status} sync-${order.syncState}`}
      aria-labelledby={headingId}
    >
      <div className="order-head">
        <h2 id={headingId}>{t("orders.order", { number: callLabel })}</h2>
        <time dateTime={new Date(order.createdAtMs).toISOString()}>
          {time(order.createdAtMs, timeZone)}
        </time>
        <span className="order-status">{t(`status.${order.status}`)}</span>
      </div>
      <p className="order-detail">
        {order.training && <span className="order-training">{t("orders.training")}</span>}{" "}
        {t(`mode.${order.serviceMode}`)} · {t("orders.items", { count: items })}
        {fromOtherCounter && <> · {t("orders.otherCounter")}</>}
        {order.customer && <> · {order.customer.name}</>}
        {order.takenByStaffName && (
          <>
            {" "}
            ·{" "}
            <span className="order-staff">
              {t("orders.takenBy", { name: order.takenByStaffName })}
            </span>
          </>
        )}
      </p>
      <p className="order-money">
        <strong>{money(order.totalCents)}</strong>{" "}
        {/* Once credited, the refund shows on the server's copy as a negative payment:
            nothing is due. */}
        {/* Cancelled or refused before payment: nothing is due and nothing was paid. */}
        {!actions.credited && !closedUnpaid && (
          <span className={dueCents > 0 ? "unpaid" : "paid"}>
            {dueCents > 0 ? t("orders.unpaid", { amount: money(dueCents) }) : t("orders.paid")}
          </span>
        )}
      </p>
      <CardOwedNotice order={order} />
      {(sale || actions.credited) && (
        <p className="order-fiscal">
          {sale && t("orders.fiscal", { number: fiscalNumber(sale.content) })}
          {actions.credited && (
            <strong className="order-credited"> · {t("orders.credited")}</strong>
          )}
        </p>
      )}
      <p className={`order-sync sync-${order.syncState}`}>{sync}</p>
      {order.flags.length > 0 && (
        <p className="order-flags">{t("orders.flags", { flags: order.flags.join(", ") })}</p>
      )}

      <div className="order-actions">
        {actions.pay && (
          <button type="button" className="primary" onClick={onPay}>
            {t("orders.pay")}
          </button>
        )}
        {actions.moves.map((move) => (
          <button key={move} type="button" onClick={() => onMove(move)}>
            {t(`action.${move}`)}
          </button>
        ))}
        <button type="button" onClick={onTicket}>
          {t("orders.ticket")}
        </button>
        <KitchenTicketButton order={order} />
        {actions.creditNote && (
          <button type="button" className="danger" onClick={onCreditNote}>
            {t("orders.creditNote")}
          </button>
        )}
        {actions.cancel && (
          <button type="button" className="danger" onClick={onCancel}>
            {t("orders.cancel")}
          </button>
        )}
      </div>
    </li>
  );
}
