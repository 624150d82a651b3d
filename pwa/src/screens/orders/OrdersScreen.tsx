/**
 * Today's orders (/orders): every order of the store's current business day,
 * recorded here or pulled from the server, newest first, with what can be
 * done to each: take payment, mark ready or handed over, cancel, reprint.
 */
import { useState } from "react";

import { describeCommandError, useCommands } from "../../app/commands.js";
import { useMeta, useTodayOrders } from "../../app/data-hooks.js";
import { useNow } from "../../app/use-now.js";
import type { LocalOrder } from "../../db/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { PaymentDialog } from "../payment/PaymentDialog.js";
import { TicketDialog } from "../ticket/TicketDialog.js";
import { CancelDialog } from "./CancelDialog.js";
import { OrderCard } from "./OrderCard.js";
import "./orders.css";

type OpenDialog =
  | { kind: "pay"; order: LocalOrder }
  | { kind: "cancel"; order: LocalOrder }
  | { kind: "ticket"; orderId: string }
  | null;

export function OrdersScreen() {
  const { t } = useI18n();
  const meta = useMeta();
  const now = useNow(60_000);
  const orders = useTodayOrders(meta, now);
  const commands = useCommands();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [error, setError] = useState<string | null>(null);
  const timeZone = meta?.store?.timeZone ?? "Europe/Paris";

  const run = async (command: () => Promise<unknown>) => {
    setError(null);
    try {
      await command();
    } catch (failure) {
      setError(describeCommandError(t, failure));
    }
  };

  return (
    <section className="orders-screen" aria-labelledby="orders-title">
      <h1 id="orders-title">{t("orders.title")}</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {orders && orders.length === 0 && <p className="notice">{t("orders.empty")}</p>}
      <ul className="order-list">
        {orders?.map((order) => (
          <OrderCard
            key={order.id}
            order={order}
            fromOtherCounter={order.deviceId !== meta?.credential?.deviceId}
            timeZone={timeZone}
            onPay={() => setDialog({ kind: "pay", order })}
            onMove={(status) => void run(() => commands.changeStatus(order.id, status))}
            onCancel={() => setDialog({ kind: "cancel", order })}
            onTicket={() => setDialog({ kind: "ticket", orderId: order.id })}
          />
        ))}
      </ul>

      {dialog?.kind === "pay" && (
        <PaymentDialog
          title={`${t("pay.title")} — ${t("orders.order", { number: dialog.order.callNumber })}`}
          totalCents={dialog.order.totalCents}
          alreadyPaidCents={dialog.order.paidCents}
          handedOverDefault={dialog.order.status === "completed" ? null : false}
          onClose={() => setDialog(null)}
          onConfirm={async (payments, handedOver) => {
            try {
              await commands.payOrder(dialog.order.id, payments, handedOver);
            } catch (failure) {
              throw new Error(describeCommandError(t, failure));
            }
            setDialog({ kind: "ticket", orderId: dialog.order.id });
          }}
        />
      )}
      {dialog?.kind === "cancel" && (
        <CancelDialog
          callNumber={dialog.order.callNumber}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => {
            const orderId = dialog.order.id;
            setDialog(null);
            void run(() => commands.changeStatus(orderId, "cancelled", reason));
          }}
        />
      )}
      {dialog?.kind === "ticket" && (
        <TicketDialog orderId={dialog.orderId} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}
