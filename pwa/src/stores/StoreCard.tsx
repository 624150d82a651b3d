/**
 * One pizzeria in the finder: address, open now, the week's hours, closed
 * days, delivery, and the link to order from it (/order?store=<id>).
 */
import { WEEKDAYS, type StoreDetails } from "@ocpizza/schema";

import { useI18n } from "../i18n/i18n.js";
import { formatDay } from "./format-day.js";
import type { StoreWords } from "./words.js";

/** Closed days shown on a card: the next few only. */
const UPCOMING_CLOSED_DAYS = 3;

export function StoreCard({ store, words: w }: { store: StoreDetails; words: StoreWords }) {
  const { locale, money } = useI18n();
  const today = new Date().toISOString().slice(0, 10);
  const upcoming = store.closedDays.filter((day) => day >= today).slice(0, UPCOMING_CLOSED_DAYS);

  return (
    <article className="store-card" data-testid="store-card" aria-labelledby={`store-${store.id}`}>
      <h2 id={`store-${store.id}`}>{store.name}</h2>
      <p className="store-address">
        {store.address}, {store.postcode} {store.city}
        {store.phone && (
          <>
            {" · "}
            <a href={`tel:${store.phone.replace(/\s+/g, "")}`}>{store.phone}</a>
          </>
        )}
      </p>
      <p className={store.openNow.open ? "store-open" : "store-closed"} data-testid="open-now">
        {openText(store, w, locale)}
      </p>
      <p className="hint">
        {w("finder.delivery", {
          fee: money(store.delivery.feeCents),
          minimum: money(store.delivery.minimumOrderCents),
        })}
      </p>
      <details>
        <summary>{w("finder.hours")}</summary>
        <table className="store-hours">
          <tbody>
            {WEEKDAYS.map((day) => (
              <tr key={day}>
                <th scope="row">{w(`day.${day}`)}</th>
                <td>
                  {store.openingHours[day].length === 0
                    ? w("finder.closedAllDay")
                    : store.openingHours[day].map((r) => `${r.opens} – ${r.closes}`).join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {upcoming.length > 0 && (
          <p className="hint">
            {w("finder.closedDays", {
              days: upcoming.map((day) => formatDay(day, locale)).join(", "),
            })}
          </p>
        )}
      </details>
      <a className="button-link" href={`/order?store=${encodeURIComponent(store.id)}`}>
        {w("finder.order")}
      </a>
    </article>
  );
}

function openText(store: StoreDetails, w: StoreWords, locale: "fr" | "en"): string {
  const state = store.openNow;
  if (state.open) return w("finder.open", { time: state.closesAt ?? "" });
  if (!state.nextOpening) return w("finder.closed");
  return w("finder.opensAt", {
    day: formatDay(state.nextOpening.day, locale),
    time: state.nextOpening.opens,
  });
}
