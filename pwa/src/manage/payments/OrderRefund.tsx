/**
 * A manager's refund of one order: what was paid, refunded and still owed,
 * then a refund by card (through Square) or cash (from the till). The page
 * keeps the refund's key until it is given, so a retry after a lost answer
 * never gives the money twice. The counter's credit notes are another path.
 */
import { newId, parseEuros } from "@ocpizza/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useNavigatorOnline } from "../../components/use-online.js";
import { useI18n } from "../../i18n/i18n.js";
import { errorText } from "../error-text.js";
import { paymentsApi, type OrderMoneyView } from "./payments-api.js";

export function OrderRefund({ orderId }: { orderId: string }) {
  const { t, money } = useI18n();
  const online = useNavigatorOnline();
  const client = useQueryClient();
  const view = useQuery({
    queryKey: ["order-money", orderId],
    queryFn: () => paymentsApi.orderMoney(orderId),
    enabled: online,
  });
  const [amountText, setAmountText] = useState("");
  const [reason, setReason] = useState("");
  const [method, setMethod] = useState<"card" | "cash">("card");
  const [key, setKey] = useState(() => newId());
  const amountCents = centsOf(amountText);

  const refund = useMutation({
    mutationFn: () =>
      paymentsApi.refund(orderId, {
        amountCents,
        reason: reason.trim(),
        idempotencyKey: key,
        method,
      }),
    onSuccess: (answer) => {
      client.setQueryData(["order-money", orderId], answer);
      setKey(newId());
      setAmountText("");
    },
  });

  const data: OrderMoneyView | undefined = view.data;
  return (
    <section aria-labelledby="refund-title" data-testid="order-refund">
      <h2 id="refund-title">{t("refund.title")}</h2>
      {view.isError && (
        <p className="form-error" role="alert">
          {errorText(t, view.error)}
        </p>
      )}
      {data && (
        <dl className="pay-summary">
          <div>
            <dt>{t("pay.total")}</dt>
            <dd>{money(data.money.totalCents)}</dd>
          </div>
          <div>
            <dt>{t("refund.paid")}</dt>
            <dd>{money(data.money.paidCents)}</dd>
          </div>
          <div>
            <dt>{t("refund.refunded")}</dt>
            <dd>{money(data.money.refundedCents)}</dd>
          </div>
          <div>
            <dt>{t("refund.outstanding")}</dt>
            <dd>{money(data.money.outstandingCents)}</dd>
          </div>
          <div>
            <dt>{t("refund.refundable")}</dt>
            <dd data-testid="refundable">{money(data.money.refundableCents)}</dd>
          </div>
          {data.money.unconfirmedCents > 0 && (
            <div>
              <dt>{t("refund.pending")}</dt>
              <dd>{money(data.money.unconfirmedCents)}</dd>
            </div>
          )}
        </dl>
      )}
      {data && data.refunds.length > 0 && (
        <>
          <h3>{t("refund.history")}</h3>
          <ul>
            {data.refunds.map((r) => (
              <li key={r.id}>
                {money(r.amountCents)} ·{" "}
                {t(`refund.method.${r.method === "card" ? "card" : "cash"}`)} · {r.status} ·{" "}
                {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}

      {data && data.money.refundableCents > 0 && (
        <form
          className="web-form"
          onSubmit={(e) => {
            e.preventDefault();
            refund.mutate();
          }}
        >
          <fieldset className="segmented">
            <legend>{t("refund.method")}</legend>
            {(["card", "cash"] as const).map((m) => (
              <label key={m}>
                <input type="radio" checked={method === m} onChange={() => setMethod(m)} />
                <span>{t(`refund.method.${m}`)}</span>
              </label>
            ))}
          </fieldset>
          <label>
            {t("refund.amount")}
            <input
              inputMode="decimal"
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
            />
          </label>
          <label>
            {t("refund.reason")}
            <input value={reason} maxLength={192} onChange={(e) => setReason(e.target.value)} />
          </label>
          {refund.isError && (
            <p className="form-error" role="alert">
              {errorText(t, refund.error)}
            </p>
          )}
          {refund.isSuccess && (
            <p role="status">
              {t("refund.done", {
                amount: money(refund.data.refund.amountCents),
                status: refund.data.refund.status,
              })}
            </p>
          )}
          <button
            type="submit"
            className="primary"
            disabled={!online || amountCents <= 0 || reason.trim() === "" || refund.isPending}
          >
            {t("refund.submit", { amount: money(Math.max(0, amountCents)) })}
          </button>
        </form>
      )}
    </section>
  );
}

function centsOf(text: string): number {
  try {
    return text.trim() ? parseEuros(text) : 0;
  } catch {
    return 0;
  }
}
