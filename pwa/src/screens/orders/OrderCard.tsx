/** One order in today's list: call number, time, total, payment, status, sync state, actions. */
import { useId } from "react";

import type { LocalOrder } from "../../db/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { describeRejection } from "../../components/sync-words.js";
import { orderActions, type CounterStatusMove } from "./order-actions.js";

interface OrderCardProps {
  order: LocalOrder;
  /** Taken on another counter of the store (call numbers are per counter). */
  fromOtherCounter: boolean;
  timeZone: string;
  onPay: () => void;
  onMove: (status: CounterStatusMove) => void;
  onCancel: () => void;
  onTicket: () => void;
}

export function OrderCard({
  order,
  fromOtherCounter,
  timeZone,
  onPay,
  onMove,
  onCancel,
  onTicket,
}: OrderCardProps) {
  const { t, money, time } = useI18n();
  const headingId = useId();
  const actions = orderActions(order);
  const dueCents = order.totalCents - order.paidCents;
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
        <h2 id={headingId}>{t("orders.order", { number: order.callNumber })}</h2>
        <time dateTime={new Date(order.createdAtMs).toISOString()}>
          {time(order.createdAtMs, timeZone)}
        </time>
        <span className="order-status">{t(`status.${order.status}`)}</span>
      </div>
      <p className="order-detail">
        {t(`mode.${order.serviceMode}`)} · {t("orders.items", { count: items })}
        {fromOtherCounter && <> · {t("orders.otherCounter")}</>}
        {order.customer && <> · {order.customer.name}</>}
      </p>
      <p className="order-money">
        <strong>{money(order.totalCents)}</strong>{" "}
        <span className={dueCents > 0 ? "unpaid" : "paid"}>
          {dueCents > 0 ? t("orders.unpaid", { amount: money(dueCents) }) : t("orders.paid")}
        </span>
      </p>
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
        {actions.cancel && (
          <button type="button" className="danger" onClick={onCancel}>
            {t("orders.cancel")}
          </button>
        )}
      </div>
    </li>
  );
}
