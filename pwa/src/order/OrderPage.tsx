/**
 * The online order page (/order): choose a store, fill a cart from its menu,
 * pickup or delivery (with the delivery quote), as soon as possible or a
 * slot, contact details, then confirm with the server's total. Payment is on
 * handover; card online is shown greyed out until the Square layer offers it.
 * A retried confirmation reuses its idempotency key, so it never orders twice.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";

import { businessDay, newId, type OnlineOrderRequest } from "@ocpizza/schema";

import { navigate } from "../app/router.js";
import { LanguageSwitch } from "../components/LanguageSwitch.js";
import { useI18n } from "../i18n/i18n.js";
import { requestQuote } from "../stores/stores-api.js";
import {
  fetchMenu,
  fetchStore,
  fetchStores,
  submitOrder,
  type StoreMenu,
  type StoreWithOrdering,
} from "./order-api.js";
import { itemsCents, type CartItem } from "./order-cart.js";
import { CartSection, MenuSection, WhenSection, type When } from "./OrderSections.js";
import { rememberOrder } from "./remembered-orders.js";
import { orderWords } from "./words.js";
import "./order.css";

interface Contact {
  name: string;
  phone: string;
  email: string;
}

type Delivery =
  | { state: "none" }
  | { state: "ok"; feeCents: number; minimumCents: number }
  | { state: "refused"; message: string };

export function OrderPage() {
  const { locale, money } = useI18n();
  const w = useMemo(() => orderWords(locale), [locale]);
  const [stores, setStores] = useState<{ id: string; name: string }[] | null>(null);
  const [menu, setMenu] = useState<StoreMenu | null>(null);
  const [failed, setFailed] = useState(false);
  const [storeId, setStoreId] = useState(
    () => new URLSearchParams(location.search).get("store") ?? "",
  );
  const [store, setStore] = useState<StoreWithOrdering | null>(null);
  const [cart, setCart] = useState<CartItem[]>([]);
  const [fulfilment, setFulfilment] = useState<"pickup" | "delivery">("pickup");
  const [address, setAddress] = useState("");
  const [notes, setNotes] = useState("");
  const [delivery, setDelivery] = useState<Delivery>({ state: "none" });
  const [when, setWhen] = useState<When>("asap");
  const [contact, setContact] = useState<Contact>({ name: "", phone: "", email: "" });
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [acceptedTotal, setAcceptedTotal] = useState<number | null>(null);
  const [payment, setPayment] = useState<"on_handover" | "card_online">("on_handover");
  const cardOnline = store?.onlineOrdering.cardOnline.available === true;
  const attempt = useRef<{ body: string; key: string } | null>(null);

  useEffect(() => {
    fetchStores().then(setStores, () => setFailed(true));
  }, []);
  useEffect(() => {
    setStore(null);
    setMenu(null);
    if (!storeId) return;
    fetchStore(storeId).then(setStore, () => setFailed(true));
    fetchMenu(storeId).then(setMenu, () => setFailed(true));
  }, [storeId]);

  if (failed)
    return (
      <Shell title={w("order.title")}>
        <p className="form-error">{w("order.loadFailed")}</p>
      </Shell>
    );
  if (!stores)
    return (
      <Shell title={w("order.title")}>
        <p aria-busy="true">{w("order.loading")}</p>
      </Shell>
    );

  const day = store ? businessDay(Date.now(), store.timeZone, store.closingMinutes) : null;
  const subtotal = menu ? itemsCents(menu, cart, day) : 0;
  const feeCents = fulfilment === "delivery" && delivery.state === "ok" ? delivery.feeCents : 0;
  const total = acceptedTotal ?? subtotal + feeCents;
  const canOrder =
    store !== null &&
    store.onlineOrdering.accepting &&
    cart.length > 0 &&
    (fulfilment === "pickup" || delivery.state === "ok") &&
    contact.name.trim() !== "" &&
    contact.phone.trim() !== "" &&
    contact.email.trim() !== "";

  async function checkAddress() {
    setDelivery({ state: "none" });
    const answer = await requestQuote(address);
    if (answer.kind === "quote") {
      if (answer.quote.store.id !== storeId) {
        setDelivery({
          state: "refused",
          message: w("order.deliveryOther", { store: answer.quote.store.name }),
        });
      } else {
        setDelivery({
          state: "ok",
          feeCents: answer.quote.deliveryFeeCents,
          minimumCents: answer.quote.minimumOrderCents,
        });
      }
      return;
    }
    const reason = answer.kind === "refused" ? answer.refusal.message : answer.kind;
    setDelivery({ state: "refused", message: w("order.deliveryRefused", { reason }) });
  }

  async function confirm() {
    const request: Omit<OnlineOrderRequest, "idempotencyKey"> = {
      storeId,
      fulfilment,
      when: when === "asap" ? "asap" : { slot: when.slot },
      items: cart.map((item) => ({ ...item, options: [] })),
      customer: { ...contact, language: locale },
      ...(fulfilment === "delivery" ? { delivery: { address, notes } } : {}),
      paymentMethod: cardOnline ? payment : "on_handover",
      clientTotalCents: total,
    };
    // The same order sent again (a lost answer) keeps its key; a changed order gets a new one.
    const body = JSON.stringify(request);
    if (attempt.current?.body !== body) attempt.current = { body, key: newId() };
    setSending(true);
    setMessage(null);
    const answer = await submitOrder({ ...request, idempotencyKey: attempt.current.key });
    setSending(false);
    if (answer.kind === "created") {
      rememberOrder(answer.created.order.id, answer.created.token);
      navigate(`/order/${answer.created.order.id}?token=${answer.created.token}`);
    } else if (answer.kind === "total_changed") {
      setAcceptedTotal(answer.serverTotalCents);
      setMessage(w("order.totalChanged", { total: money(answer.serverTotalCents) }));
    } else if (answer.kind === "refused") {
      setMessage(w("order.refused", { message: answer.message }));
    } else {
      setMessage(w("order.network"));
    }
  }

  const changeCart = (next: CartItem[]) => {
    setCart(next);
    setAcceptedTotal(null);
  };

  return (
    <Shell title={w("order.title")}>
      <section>
        <h2>{w("order.store")}</h2>
        <select
          aria-label={w("order.chooseStore")}
          value={storeId}
          onChange={(e) => {
            setStoreId(e.target.value);
            setDelivery({ state: "none" });
            setWhen("asap");
          }}
        >
          <option value="">{w("order.chooseStore")}</option>
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {store && !store.onlineOrdering.accepting && (
          <p className="notice" data-testid="store-unattended">
            {w("order.unattended")}
          </p>
        )}
        {store && store.onlineOrdering.accepting && !store.openNow.open && (
          <p className="notice">{w("order.closedNow")}</p>
        )}
      </section>
      {store && menu && (
        <>
          <MenuSection menu={menu} words={w} onAdd={changeCart} cart={cart} />
          <CartSection menu={menu} words={w} cart={cart} onChange={changeCart} />
          <section>
            <h2>{w("order.fulfilment")}</h2>
            <label>
              <input
                type="radio"
                name="fulfilment"
                checked={fulfilment === "pickup"}
                onChange={() => setFulfilment("pickup")}
              />
              {w("order.pickup")}
            </label>
            <label>
              <input
                type="radio"
                name="fulfilment"
                checked={fulfilment === "delivery"}
                onChange={() => setFulfilment("delivery")}
              />
              {w("order.delivery")}
            </label>
            {fulfilment === "delivery" && (
              <div className="order-delivery">
                <label>
                  {w("order.address")}
                  <input
                    value={address}
                    maxLength={200}
                    onChange={(e) => setAddress(e.target.value)}
                  />
                </label>
                <button
                  type="button"
                  onClick={() => void checkAddress()}
                  disabled={address.trim().length < 5}
                >
                  {w("order.checkAddress")}
                </button>
                <label>
                  {w("order.notes")}
                  <input value={notes} maxLength={255} onChange={(e) => setNotes(e.target.value)} />
                </label>
                {delivery.state === "ok" && (
                  <p>
                    {w("order.deliveryOk", {
                      fee: money(delivery.feeCents),
                      minimum: money(delivery.minimumCents),
                    })}
                  </p>
                )}
                {delivery.state === "refused" && <p className="form-error">{delivery.message}</p>}
              </div>
            )}
          </section>
          <WhenSection
            store={store}
            fulfilment={fulfilment}
            when={when}
            onChange={setWhen}
            words={w}
          />
          <section>
            <h2>{w("order.contact")}</h2>
            {(["name", "phone", "email"] as const).map((field) => (
              <label key={field}>
                {w(`order.${field}`)}
                <input
                  name={field}
                  type={field === "email" ? "email" : field === "phone" ? "tel" : "text"}
                  value={contact[field]}
                  maxLength={field === "email" ? 254 : 120}
                  onChange={(e) => setContact({ ...contact, [field]: e.target.value })}
                />
              </label>
            ))}
          </section>
          <section>
            <h2>{w("order.payment")}</h2>
            <label>
              <input
                type="radio"
                name="payment"
                checked={!cardOnline || payment === "on_handover"}
                onChange={() => setPayment("on_handover")}
              />
              {w("order.payOnHandover")}
            </label>
            {cardOnline ? (
              <label>
                <input
                  type="radio"
                  name="payment"
                  checked={payment === "card_online"}
                  onChange={() => setPayment("card_online")}
                />
                {w("order.payCardOnline")}
              </label>
            ) : (
              <label className="order-disabled" title={w("order.cardUnavailable")}>
                <input type="radio" name="payment" disabled />
                {w("order.payCardOnline")} ({w("order.cardUnavailable")})
              </label>
            )}
          </section>
          <section className="order-summary">
            <p>
              {w("order.items")} : {money(subtotal)}
            </p>
            {feeCents > 0 && (
              <p>
                {w("order.fee")} : {money(feeCents)}
              </p>
            )}
            <p>
              <strong>
                {w("order.total")} : {money(total)}
              </strong>
            </p>
            {message && (
              <p className="form-error" role="alert">
                {message}
              </p>
            )}
            <button
              type="button"
              className="primary"
              disabled={!canOrder || sending}
              onClick={() => void confirm()}
            >
              {sending ? w("order.sending") : w("order.confirm", { total: money(total) })}
            </button>
          </section>
        </>
      )}
    </Shell>
  );
}

export function Shell({ title, children }: { title: string; children: ReactNode }) {
  const { locale } = useI18n();
  const w = orderWords(locale);
  return (
    <div className="order-page">
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">OC Pizza</span>
          <span className="brand-store">{title}</span>
        </div>
        <nav aria-label={w("order.nav")} className="app-nav">
          <a href="/stores">{w("order.navStores")}</a>
          <a href="/account">{w("order.navAccount")}</a>
        </nav>
        <LanguageSwitch />
      </header>
      <main className="order-main">{children}</main>
    </div>
  );
}
