/**
 * One card payment on the counter's Square Terminal: sends the amount, shows
 * the wait with a cancel button, follows the checkout every few seconds to
 * completed (the payment is handed to the dialog with Square's id), canceled
 * or timed out (said in plain words, nothing paid). The request keeps one key
 * per try, so a lost answer is sent again without a second checkout.
 */
import { newId } from "@ocpizza/schema";
import { useEffect, useRef, useState } from "react";

import type { PaymentDraft } from "../db/sale.js";
import { useI18n } from "../i18n/i18n.js";
import type { MessageKey } from "../i18n/fr.js";
import { ApiError, NetworkError } from "../sync/api.js";
import { isFinal, type TerminalApi, type TerminalCheckout } from "./terminal-api.js";

/** How often a waiting checkout is asked about (ms). */
export const FOLLOW_EVERY_MS = 2_000;

type Step =
  | { kind: "sending" }
  | { kind: "waiting"; checkout: TerminalCheckout; canceling: boolean }
  | { kind: "canceled"; reason: string | null }
  | { kind: "failed"; message: string; retrySameKey: boolean }
  | { kind: "unreachable" };

interface Props {
  api: TerminalApi;
  orderId: string;
  amountCents: number;
  onPaid: (payment: PaymentDraft) => void;
  /** Staff take the card on the terminal's offline mode instead. */
  onOffline: () => void;
  onClose: () => void;
}

export function TerminalCheckoutPanel({
  api,
  orderId,
  amountCents,
  onPaid,
  onOffline,
  onClose,
}: Props) {
  const { t, money, locale } = useI18n();
  const [step, setStep] = useState<Step>({ kind: "sending" });
  const key = useRef(newId());
  const [attempt, setAttempt] = useState(0);

  const explain = (failure: unknown): Step => {
    if (failure instanceof NetworkError) return { kind: "unreachable" };
    if (failure instanceof ApiError) {
      const french = typeof failure.details.fr === "string" ? failure.details.fr : null;
      const message = locale === "fr" && french ? french : failure.message;
      return { kind: "failed", message, retrySameKey: failure.transient };
    }
    return { kind: "failed", message: String(failure), retrySameKey: true };
  };

  // Start (or send again with the same key), then follow until the checkout ends.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (checkout: TerminalCheckout) => {
      if (stopped) return;
      if (checkout.status === "COMPLETED" && checkout.squarePaymentId) {
        onPaid({
          method: "card",
          amountCents: checkout.amountCents,
          squarePaymentId: checkout.squarePaymentId,
        });
        return;
      }
      if (isFinal(checkout)) {
        setStep({ kind: "canceled", reason: checkout.cancelReason });
        return;
      }
      setStep((current) => ({
        kind: "waiting",
        checkout,
        canceling: current.kind === "waiting" && current.canceling,
      }));
      timer = setTimeout(() => void follow(checkout.id), FOLLOW_EVERY_MS);
    };
    const follow = async (id: string) => {
      try {
        settle(await api.follow(id));
      } catch {
        // The answer was lost: the terminal may still be taken; ask again shortly.
        if (!stopped) timer = setTimeout(() => void follow(id), FOLLOW_EVERY_MS);
      }
    };
    setStep({ kind: "sending" });
    api
      .start({ orderId, amountCents, idempotencyKey: key.current })
      .then(settle)
      .catch((failure: unknown) => !stopped && setStep(explain(failure)));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // Only a new attempt (retry) restarts; the key decides whether it is the same checkout.
  }, [attempt]);

  const cancel = async (checkout: TerminalCheckout) => {
    setStep({ kind: "waiting", checkout, canceling: true });
    try {
      const after = await api.cancel(checkout.id);
      if (isFinal(after)) setStep({ kind: "canceled", reason: after.cancelReason });
    } catch (failure) {
      // Too late: the customer paid before the cancel reached the terminal.
      const paid = failure instanceof ApiError ? failure.details.checkout : null;
      const done = paid as TerminalCheckout | null;
      if (done?.status === "COMPLETED" && done.squarePaymentId) {
        onPaid({
          method: "card",
          amountCents: done.amountCents,
          squarePaymentId: done.squarePaymentId,
        });
      } else {
        setStep(explain(failure));
      }
    }
  };

  const retry = (sameKey: boolean) => {
    if (!sameKey) key.current = newId();
    setAttempt((n) => n + 1);
  };

  return (
    <section className="terminal-checkout" aria-live="polite" data-testid="terminal-checkout">
      <p className="terminal-amount">
        <strong>{money(amountCents)}</strong>
      </p>
      {step.kind === "sending" && <p>{t("card.waiting")}</p>}
      {step.kind === "waiting" && (
        <>
          <p role="status">
            {step.checkout.status === "IN_PROGRESS" ? t("card.inProgress") : t("card.waiting")}
          </p>
          <button
            type="button"
            className="danger"
            disabled={step.canceling}
            onClick={() => void cancel(step.checkout)}
          >
            {step.canceling ? t("card.canceling") : t("card.cancel")}
          </button>
        </>
      )}
      {step.kind === "canceled" && (
        <>
          <p className="warning" role="alert">
            {t(canceledKey(step.reason))}
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t("common.cancel")}
            </button>
            <button type="button" className="primary" onClick={() => retry(false)}>
              {t("card.retry")}
            </button>
          </div>
        </>
      )}
      {step.kind === "failed" && (
        <>
          <p className="form-error" role="alert">
            {step.message}
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t("common.cancel")}
            </button>
            <button type="button" className="primary" onClick={() => retry(step.retrySameKey)}>
              {t("card.retry")}
            </button>
          </div>
        </>
      )}
      {step.kind === "unreachable" && (
        <>
          <p className="warning" role="alert">
            {t("card.unreachable")}
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => retry(true)}>
              {t("card.retry")}
            </button>
            <button type="button" className="primary" onClick={onOffline}>
              {t("card.offline")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function canceledKey(reason: string | null): MessageKey {
  if (reason === "BUYER_CANCELED" || reason === "SELLER_CANCELED" || reason === "TIMED_OUT") {
    return `card.canceled.${reason}`;
  }
  return "card.canceled.other";
}
