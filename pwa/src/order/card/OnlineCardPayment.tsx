/**
 * Paying an online order by card on its page: Square's Web Payments SDK
 * (loaded only when card payment is on) draws the card field and makes a
 * token; the server charges what the order still owes. A declined card is
 * said in plain words and the order stays, unpaid: the customer may try
 * another card. Shown SIMULATED when the server uses the fake Square.
 */
import { useEffect, useRef, useState } from "react";

import { useI18n } from "../../i18n/i18n.js";
import {
  fetchOnlineCardStatus,
  loadSquareSdk,
  type OnlineCardStatus,
  type SquareCard,
} from "./square-sdk.js";
import { cardWords } from "./words.js";

interface Props {
  orderId: string;
  token: string;
  storeId: string;
  totalCents: number;
  /** Already paid when the page opened (a reload): nothing to ask, nothing loaded. */
  alreadyPaid: boolean;
}

type Enabled = Extract<OnlineCardStatus, { enabled: true }>;

type State =
  | { kind: "checking" }
  | { kind: "off" }
  | { kind: "loading"; status: Enabled; locationId: string; simulated: boolean }
  | { kind: "ready"; simulated: boolean }
  | { kind: "paying"; simulated: boolean }
  | { kind: "paid"; amountCents: number }
  | { kind: "failed"; message: string; simulated: boolean };

export function OnlineCardPayment({ orderId, token, storeId, totalCents, alreadyPaid }: Props) {
  const { locale, money } = useI18n();
  const w = cardWords(locale);
  const [state, setState] = useState<State>({ kind: "checking" });
  const card = useRef<SquareCard | null>(null);
  const container = useRef<HTMLDivElement>(null);

  // Is card payment on for this store? Nothing is shown (or loaded) until it is.
  useEffect(() => {
    let live = true;
    // Only as the page opens: a payment made here keeps showing its receipt line.
    if (alreadyPaid) {
      setState({ kind: "off" });
      return;
    }
    void fetchOnlineCardStatus().then((status) => {
      if (!live) return;
      const locationId = status?.enabled ? status.locationIds[storeId] : undefined;
      if (!status?.enabled || !locationId) setState({ kind: "off" });
      else setState({ kind: "loading", status, locationId, simulated: status.simulated });
    });
    return () => {
      live = false;
    };
  }, [storeId]);

  // Then Square's SDK draws its card field into the container.
  const loading = state.kind === "loading" ? state : null;
  useEffect(() => {
    if (!loading) return;
    let live = true;
    void (async () => {
      try {
        const square = await loadSquareSdk(loading.status);
        const made = await square.payments(loading.status.applicationId, loading.locationId).card();
        if (!live || !container.current) return;
        await made.attach(container.current);
        card.current = made;
        setState({ kind: "ready", simulated: loading.simulated });
      } catch {
        if (live) setState({ kind: "off" });
      }
    })();
    return () => {
      live = false;
    };
  }, [loading]);

  useEffect(() => () => void card.current?.destroy?.(), []);

  const simulated = "simulated" in state && state.simulated;
  async function pay() {
    if (!card.current) return;
    setState({ kind: "paying", simulated });
    const result = await card.current.tokenize();
    if (result.status !== "OK" || !result.token) {
      const message = result.errors?.[0]?.message ?? w.invalidCard;
      return setState({ kind: "failed", message, simulated });
    }
    setState(await charge(orderId, token, result.token, locale, w, simulated));
  }

  if (state.kind === "off" || state.kind === "checking") return null;
  return (
    <section className="online-card" data-testid="online-card">
      <h2>{w.title}</h2>
      {simulated && <p className="notice">{w.simulated}</p>}
      {state.kind === "paid" ? (
        <p role="status" data-testid="card-paid">
          {w.paid.replace("{amount}", money(state.amountCents))}
        </p>
      ) : (
        <>
          <div ref={container} />
          {state.kind === "failed" && (
            <p className="form-error" role="alert" data-testid="card-failed">
              {state.message}
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={state.kind === "loading" || state.kind === "paying"}
            onClick={() => void pay()}
          >
            {state.kind === "paying" ? w.paying : w.pay.replace("{amount}", money(totalCents))}
          </button>
        </>
      )}
    </section>
  );
}

async function charge(
  orderId: string,
  token: string,
  sourceId: string,
  locale: string,
  w: ReturnType<typeof cardWords>,
  simulated: boolean,
): Promise<State> {
  try {
    const response = await fetch(
      `/api/v1/online-orders/${orderId}/card-payment?token=${encodeURIComponent(token)}`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sourceId }),
        cache: "no-store",
      },
    );
    const body = (await response.json().catch(() => null)) as {
      amountCents?: number;
      error?: { message: string; fr?: string };
    } | null;
    if (response.ok && body?.amountCents !== undefined) {
      return { kind: "paid", amountCents: body.amountCents };
    }
    const error = body?.error;
    const message = (locale === "fr" ? error?.fr : undefined) ?? error?.message ?? w.network;
    return { kind: "failed", message, simulated };
  } catch {
    return { kind: "failed", message: w.network, simulated };
  }
}
