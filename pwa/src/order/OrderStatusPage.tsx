/**
 * An online order's page (/order/:id?token=…): its status as it moves,
 * read again every few seconds (the state lives in MySQL, so any server
 * instance answers), what was ordered, when, and a cancel button until the
 * kitchen starts. Polling rather than a stream: a customer page can wait
 * five seconds, and it needs no connection held open per customer.
 */
import { useCallback, useEffect, useMemo, useState } from "react";

import type { OnlineOrderView } from "@ocpizza/schema";

import { Link } from "../app/router.js";
import { useI18n } from "../i18n/i18n.js";
import { OnlineCardPayment } from "./card/OnlineCardPayment.js";
import { Shell } from "./OrderPage.js";
import { cancelOrder, fetchOrder, type OrderAnswer } from "./order-api.js";
import { orderWords } from "./words.js";

/** While the customer may still pay by card (pwa/src/order/card, docs/payments.md). */
const PAYABLE: readonly string[] = ["received", "accepted", "preparing", "ready"];

/** How often the page asks for the status, in ms. */
export const STATUS_POLL_MS = 5_000;

export function OrderStatusPage({ orderId }: { orderId: string }) {
  const { locale, money, time } = useI18n();
  const w = useMemo(() => orderWords(locale), [locale]);
  const token = new URLSearchParams(location.search).get("token") ?? "";
  const [answer, setAnswer] = useState<OrderAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const next = await fetchOrder(orderId, token);
    // A failed poll keeps the last known order on screen.
    setAnswer((previous) =>
      next.kind === "network" && previous?.kind === "order" ? previous : next,
    );
  }, [orderId, token]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  async function cancel() {
    if (!window.confirm(w("status.cancelConfirm"))) return;
    const result = await cancelOrder(orderId, token);
    if (result.kind === "order") setAnswer(result);
    else if (result.kind === "refused") setProblem(result.message);
    else setProblem(w("order.network"));
  }

  if (!answer)
    return (
      <Shell title={w("order.title")}>
        <p aria-busy="true">{w("order.loading")}</p>
      </Shell>
    );
  if (answer.kind !== "order") {
    return (
      <Shell title={w("order.title")}>
        <p className="form-error">
          {answer.kind === "not_found" ? w("status.notFound") : w("order.network")}
        </p>
      </Shell>
    );
  }

  const order: OnlineOrderView = answer.order;
  const mode = order.fulfilment === "delivery" ? w("order.delivery") : w("order.pickup");
  return (
    <Shell title={w("status.title", { number: order.callNumber })}>
      <section className={`order-status order-status-${order.status}`}>
        <h2 data-testid="order-status" data-status={order.status}>
          {w(`status.${order.status}`)}
        </h2>
        {order.statusReason && order.status === "refused" && (
          <p>{w("status.reason", { reason: order.statusReason })}</p>
        )}
        <p>
          {order.storeName} ·{" "}
          {w("status.promised", { mode, time: time(Date.parse(order.promisedAt)) })}
        </p>
      </section>
      <section>
        <ul>
          {order.lines.map((line, i) => (
            <li key={i}>
              {line.quantity} × {line.name} ({line.size}) {money(line.totalCents)}
            </li>
          ))}
          {order.deliveryFeeCents > 0 && (
            <li>
              {w("order.fee")} {money(order.deliveryFeeCents)}
            </li>
          )}
        </ul>
        <p>
          <strong>
            {order.paidCents >= order.totalCents
              ? w("status.paid", { total: money(order.totalCents) })
              : order.paymentMethod === "card_online"
                ? w("status.payByCard", { total: money(order.totalCents - order.paidCents) })
                : w("status.payOnHandover", { total: money(order.totalCents - order.paidCents) })}
          </strong>
        </p>
      </section>
      {PAYABLE.includes(order.status) && (
        <OnlineCardPayment
          orderId={order.id}
          token={token}
          storeId={order.storeId}
          totalCents={order.totalCents - order.paidCents}
          alreadyPaid={order.paidCents >= order.totalCents}
        />
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {order.changeable && (
        <button type="button" onClick={() => void cancel()}>
          {w("status.cancel")}
        </button>
      )}
      {["preparing", "ready", "out_for_delivery"].includes(order.status) && (
        <p>{w("status.locked")}</p>
      )}
      <p>
        <Link to="/order">{w("status.newOrder")}</Link>
      </p>
    </Shell>
  );
}
