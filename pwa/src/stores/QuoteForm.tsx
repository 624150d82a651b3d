/**
 * "Which pizzeria delivers to me?": the address goes to the server, which
 * answers a store and a fee, or a reason with stores offered for pickup.
 * Without a Google server key the page says checks are off; the server
 * still answers so the pickup list stays the same.
 */
import { useState, type FormEvent } from "react";

import type { PickupStore, QuoteRefusalBody } from "@ocpizza/schema";

import { useI18n } from "../i18n/i18n.js";
import { formatDay } from "./format-day.js";
import { requestQuote, type QuoteAnswer } from "./stores-api.js";
import type { StoreWords } from "./words.js";

export function QuoteForm({ words: w, geocoding }: { words: StoreWords; geocoding: boolean }) {
  const [address, setAddress] = useState("");
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<QuoteAnswer | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    try {
      setAnswer(await requestQuote(address.trim()));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="quote" aria-labelledby="quote-title">
      <h1 id="quote-title">{w("finder.addressTitle")}</h1>
      {!geocoding && <p className="notice">{w("finder.geocodingOff")}</p>}
      <form onSubmit={onSubmit} className="quote-form">
        <label htmlFor="quote-address">{w("finder.addressLabel")}</label>
        <input
          id="quote-address"
          name="address"
          autoComplete="street-address"
          required
          minLength={5}
          maxLength={200}
          placeholder={w("finder.addressPlaceholder")}
          value={address}
          onChange={(event) => setAddress(event.target.value)}
        />
        <button type="submit" disabled={pending}>
          {pending ? w("finder.checking") : w("finder.check")}
        </button>
      </form>
      {answer && <QuoteResult answer={answer} words={w} />}
    </section>
  );
}

function QuoteResult({ answer, words: w }: { answer: QuoteAnswer; words: StoreWords }) {
  const { money } = useI18n();
  switch (answer.kind) {
    case "quote": {
      const { quote } = answer;
      return (
        <div role="status" className="quote-result quote-ok" data-testid="quote-result">
          <p>
            {w("finder.quote", {
              store: quote.store.name,
              fee: money(quote.deliveryFeeCents),
              minimum: money(quote.minimumOrderCents),
            })}
          </p>
          {quote.etaMinutes !== undefined && (
            <p className="hint">{w("finder.eta", { minutes: quote.etaMinutes })}</p>
          )}
        </div>
      );
    }
    case "refused":
      return <Refusal refusal={answer.refusal} words={w} />;
    case "bad_address":
      return (
        <p role="alert" className="form-error">
          {w("finder.badAddress")}
        </p>
      );
    case "rate_limited":
      return (
        <p role="alert" className="form-error">
          {w("finder.rateLimited")}
        </p>
      );
    case "network":
      return (
        <p role="alert" className="form-error">
          {w("finder.networkError")}
        </p>
      );
  }
}

function Refusal({ refusal, words: w }: { refusal: QuoteRefusalBody["error"]; words: StoreWords }) {
  const { locale } = useI18n();
  const next = refusal.nextOpening;
  const message =
    refusal.code === "store_closed" && next
      ? w("quote.store_closed_until", { day: formatDay(next.day, locale), time: next.opens })
      : w(refusal.messageKey);
  return (
    <div role="alert" className="quote-result quote-refused" data-testid="quote-result">
      <p>{message}</p>
      {refusal.pickupStores.length > 0 && <PickupList stores={refusal.pickupStores} words={w} />}
    </div>
  );
}

function PickupList({ stores, words: w }: { stores: PickupStore[]; words: StoreWords }) {
  return (
    <>
      <p>{w("finder.pickup")}</p>
      <ul className="pickup-list" data-testid="pickup-list">
        {stores.map((store) => (
          <li key={store.id}>
            <strong>{store.name}</strong> — {store.address}, {store.postcode} {store.city} (
            {store.openNow ? w("finder.pickupOpen") : w("finder.pickupClosed")}
            {store.distanceMeters !== undefined &&
              `, ${(store.distanceMeters / 1000).toFixed(1)} km`}
            )
          </li>
        ))}
      </ul>
    </>
  );
}
