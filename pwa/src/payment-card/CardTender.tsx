/**
 * The card tenders of the payment dialog: "Carte (terminal)" sends the amount
 * to the counter's Square Terminal and follows it; "Carte (hors ligne)" records
 * a card taken on the terminal's own offline mode, with its reference, for the
 * reconciliation. Cash and the other tenders stay in TenderForm.
 */
import { newId, parseEuros } from "@ocpizza/schema";
import { useEffect, useMemo, useState } from "react";

import { useMeta } from "../app/data-hooks.js";
import type { PaymentDraft } from "../db/sale.js";
import { useI18n } from "../i18n/i18n.js";
import type { MessageKey } from "../i18n/fr.js";
import { TerminalCheckoutPanel } from "./TerminalCheckoutPanel.js";
import { createTerminalApi, fetchCardStatus, type CardStatus } from "./terminal-api.js";

interface Props {
  /** The order being paid; a new sale has none yet (the push ties the payment to it). */
  orderId?: string;
  remainingCents: number;
  /** A card payment to add to the dialog's list. */
  onAdd: (payment: PaymentDraft) => void;
}

type Mode = "none" | "terminal" | "sending" | "offline";

export function CardTender({ orderId, remainingCents, onAdd }: Props) {
  const { t, money } = useI18n();
  const meta = useMeta();
  const [mode, setMode] = useState<Mode>("none");
  const [amountText, setAmountText] = useState("");
  const [reference, setReference] = useState("");
  const [status, setStatus] = useState<CardStatus | null>(null);
  const [checkoutOrderId] = useState(() => orderId ?? newId());
  const token = meta?.credential?.token ?? null;
  const api = useMemo(() => (token ? createTerminalApi(token) : null), [token]);

  useEffect(() => {
    let live = true;
    void fetchCardStatus().then((card) => live && setStatus(card));
    return () => {
      live = false;
    };
  }, []);

  const amountCents = enteredCents(amountText) ?? remainingCents;
  const amountOk = amountCents > 0 && amountCents <= remainingCents;
  const off = status !== null && !status.enabled ? status.reason : null;

  if (mode === "sending" && api) {
    return (
      <TerminalCheckoutPanel
        api={api}
        orderId={checkoutOrderId}
        amountCents={amountCents}
        onPaid={(payment) => {
          setMode("none");
          onAdd(payment);
        }}
        onOffline={() => setMode("offline")}
        onClose={() => setMode("none")}
      />
    );
  }

  return (
    <div className="card-tender">
      <div className="segmented">
        <button
          type="button"
          aria-pressed={mode === "terminal"}
          disabled={off !== null || api === null}
          onClick={() => setMode("terminal")}
        >
          {t("card.terminal")}
        </button>
        <button type="button" aria-pressed={mode === "offline"} onClick={() => setMode("offline")}>
          {t("card.offline")}
        </button>
      </div>
      {off !== null && <p className="hint">{t("card.off", { reason: t(offReason(off)) })}</p>}
      {status?.enabled && status.simulated && <p className="warning">{t("card.simulated")}</p>}

      {mode !== "none" && (
        <label className="amount-field">
          {t("card.amount")}
          <input
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            placeholder={(remainingCents / 100).toFixed(2)}
            onChange={(e) => setAmountText(e.target.value)}
            aria-invalid={!amountOk}
          />
        </label>
      )}
      {mode === "terminal" && (
        <button
          type="button"
          className="primary"
          disabled={!amountOk}
          onClick={() => setMode("sending")}
        >
          {t("card.send", { amount: money(amountCents) })}
        </button>
      )}
      {mode === "offline" && (
        <>
          <label>
            {t("card.reference")}
            <input
              value={reference}
              maxLength={64}
              autoComplete="off"
              onChange={(e) => setReference(e.target.value)}
            />
          </label>
          <p className="hint">{t("card.referenceHint")}</p>
          <button
            type="button"
            className="primary"
            disabled={!amountOk || reference.trim() === ""}
            onClick={() => {
              onAdd({ method: "card", amountCents, cardReference: reference.trim() });
              setMode("none");
              setReference("");
              setAmountText("");
            }}
          >
            {t("card.addOffline")}
          </button>
        </>
      )}
    </div>
  );
}

function enteredCents(text: string): number | null {
  if (!text.trim()) return null;
  try {
    return parseEuros(text);
  } catch {
    return 0;
  }
}

function offReason(reason: string): MessageKey {
  return reason === "square_partially_configured"
    ? "card.offReason.square_partially_configured"
    : "card.offReason.square_not_configured";
}
