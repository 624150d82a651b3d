/**
 * Today's orders (/orders): every order of the store's current business day,
 * recorded here or pulled from the server, newest first, with what can be
 * done to each: take payment, mark ready or handed over, cancel (not a
 * ticket), credit note (a ticket of this register), reprint. A void after
 * payment and a credit note first ask for a manager's PIN.
 */
import { useState } from "react";

import { describeCommandError, useCommands } from "../../app/commands.js";
import { useMenu, useMeta, useTicketsByOrder, useTodayOrders } from "../../app/data-hooks.js";
import { useNow } from "../../app/use-now.js";
import { callLabel } from "../../db/register-code.js";
import type { LocalOrder } from "../../db/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { needsApproval } from "../../db/order-commands.js";
import { ManagerPinDialog } from "../../staff/ManagerPinDialog.js";
import { voucherCapCents } from "../../payment/payment.js";
import { PaymentDialog } from "../payment/PaymentDialog.js";
import { TicketDialog } from "../ticket/TicketDialog.js";
import { CancelDialog } from "./CancelDialog.js";
import { CreditNoteDialog } from "./CreditNoteDialog.js";
import { OrderCard } from "./OrderCard.js";
import "./orders.css";

type OpenDialog =
  | { kind: "pay"; order: LocalOrder }
  | { kind: "cancel"; order: LocalOrder; approvedBy?: string }
  | { kind: "credit"; order: LocalOrder; refundCents: number; approvedBy: string }
  | { kind: "ticket"; orderId: string }
  /** A manager's PIN first, then the dialog it unlocks. */
  | { kind: "approve"; next: (managerId: string) => OpenDialog }
  | null;

export function OrdersScreen() {
  const { t } = useI18n();
  const meta = useMeta();
  const menu = useMenu();
  const now = useNow(60_000);
  const orders = useTodayOrders(meta, now);
  const tickets = useTicketsByOrder(orders?.map((order) => order.id));
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
            tickets={tickets?.get(order.id) ?? []}
            callLabel={callLabel(order, meta)}
            fromOtherCounter={order.deviceId !== meta?.credential?.deviceId}
            timeZone={timeZone}
            onPay={() => setDialog({ kind: "pay", order })}
            onMove={(status) => void run(() => commands.changeStatus(order.id, status))}
            onCancel={() =>
              setDialog(
                needsApproval(order, "cancelled")
                  ? {
                      kind: "approve",
                      next: (approvedBy) => ({ kind: "cancel", order, approvedBy }),
                    }
                  : { kind: "cancel", order },
              )
            }
            onTicket={() => setDialog({ kind: "ticket", orderId: order.id })}
            onCreditNote={() => {
              const sale = tickets?.get(order.id)?.find((row) => row.kind === "sale");
              const refundCents = Math.min(order.paidCents, sale?.content.totalCents ?? 0);
              setDialog({
                kind: "approve",
                next: (approvedBy) => ({ kind: "credit", order, refundCents, approvedBy }),
              });
            }}
          />
        ))}
      </ul>

      {dialog?.kind === "pay" && (
        <PaymentDialog
          title={
            `${t("pay.title")} — ` + t("orders.order", { number: callLabel(dialog.order, meta) })
          }
          orderId={dialog.order.id}
          totalCents={dialog.order.totalCents}
          alreadyPaidCents={dialog.order.paidCents}
          handedOverDefault={dialog.order.status === "completed" ? null : false}
          voucherCapCents={voucherCapCents(dialog.order.lines, menu, dialog.order.payments)}
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
          callNumber={callLabel(dialog.order, meta)}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => {
            const { order, approvedBy } = dialog;
            setDialog(null);
            void run(() => commands.changeStatus(order.id, "cancelled", reason, approvedBy));
          }}
        />
      )}
      {dialog?.kind === "credit" && (
        <CreditNoteDialog
          callNumber={callLabel(dialog.order, meta)}
          refundCents={dialog.refundCents}
          onClose={() => setDialog(null)}
          onConfirm={async (reason, refundMethod) => {
            try {
              await commands.issueCreditNote(dialog.order.id, {
                reason,
                refundMethod,
                approvedByStaffId: dialog.approvedBy,
              });
            } catch (failure) {
              throw new Error(describeCommandError(t, failure));
            }
            setDialog({ kind: "ticket", orderId: dialog.order.id });
          }}
        />
      )}
      {dialog?.kind === "approve" && (
        <ManagerPinDialog
          onClose={() => setDialog(null)}
          onApproved={(managerId) => setDialog(dialog.next(managerId))}
        />
      )}
      {dialog?.kind === "ticket" && (
        <TicketDialog orderId={dialog.orderId} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}
