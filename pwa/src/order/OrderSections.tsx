/**
 * The parts of the order page that only show and pick: the menu by
 * category, the cart, and the time (as soon as possible, or a day and a
 * quarter hour with room left, as the server lists them).
 */
import { useEffect, useState } from "react";

import {
  ALLERGEN_NAMES,
  SLOT_DAYS_AHEAD,
  type Allergen,
  type MenuSnapshot,
  type SlotsAnswer,
} from "@ocpizza/schema";

import { useI18n } from "../i18n/i18n.js";
import { fetchSlots, type StoreMenu, type StoreWithOrdering } from "./order-api.js";
import {
  addItem,
  changeQuantity,
  productName,
  unitPriceCents,
  type CartItem,
} from "./order-cart.js";
import type { OrderWords } from "./words.js";

export type When = "asap" | { slot: string };

export function MenuSection({
  menu,
  cart,
  onAdd,
  words: w,
}: {
  menu: StoreMenu;
  cart: CartItem[];
  onAdd: (cart: CartItem[]) => void;
  words: OrderWords;
}) {
  const { locale, money } = useI18n();
  const english = locale === "en";
  const name = (product: MenuSnapshot["products"][number]) =>
    english ? product.nameEn : product.nameFr;
  const soldOut = (productId: string, size: string) =>
    menu.soldOut?.some((s) => s.productId === productId && s.size === size) ?? false;
  return (
    <section>
      <h2>{w("order.menu")}</h2>
      {menu.categories.map((category) => {
        const products = menu.products.filter((p) => p.categoryId === category.id);
        if (products.length === 0) return null;
        return (
          <div key={category.id} className="order-category">
            <h3>{english ? category.nameEn : category.nameFr}</h3>
            <ul className="order-products">
              {products.map((product) => (
                <li key={product.id} data-testid={`product-${product.id}`}>
                  <span>
                    {english ? product.nameEn : product.nameFr}
                    {product.allergens && product.allergens.length > 0 && (
                      <small className="order-allergens">
                        {w("order.allergens", {
                          list: product.allergens
                            .map((a) => ALLERGEN_NAMES[a as Allergen]?.[locale] ?? a)
                            .join(", "),
                        })}
                      </small>
                    )}
                  </span>
                  {product.sizes.map((size) => (
                    <button
                      key={size.size}
                      type="button"
                      disabled={soldOut(product.id, size.size)}
                      aria-label={`${w("order.add")} ${name(product)} ${size.size}`}
                      onClick={() => onAdd(addItem(cart, product.id, size.size))}
                    >
                      {size.size} ·{" "}
                      {soldOut(product.id, size.size) ? w("order.soldOut") : money(size.priceCents)}
                    </button>
                  ))}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

export function CartSection({
  menu,
  cart,
  onChange,
  words: w,
}: {
  menu: MenuSnapshot;
  cart: CartItem[];
  onChange: (cart: CartItem[]) => void;
  words: OrderWords;
}) {
  const { locale, money } = useI18n();
  const english = locale === "en";
  return (
    <section>
      <h2>{w("order.cart")}</h2>
      {cart.length === 0 && <p>{w("order.cartEmpty")}</p>}
      <ul className="order-cart" data-testid="order-cart">
        {cart.map((item, index) => (
          <li key={`${item.productId}-${item.size}`}>
            {item.quantity} × {productName(menu, item.productId, english)} ({item.size}){" "}
            {money(unitPriceCents(menu, item) * item.quantity)}
            <button
              type="button"
              aria-label={w("order.less")}
              onClick={() => onChange(changeQuantity(cart, index, item.quantity - 1))}
            >
              −
            </button>
            <button
              type="button"
              aria-label={w("order.more")}
              onClick={() => onChange(changeQuantity(cart, index, item.quantity + 1))}
            >
              +
            </button>
            <button type="button" onClick={() => onChange(changeQuantity(cart, index, 0))}>
              {w("order.remove")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function WhenSection({
  store,
  fulfilment,
  when,
  onChange,
  words: w,
}: {
  store: StoreWithOrdering;
  fulfilment: "pickup" | "delivery";
  when: When;
  onChange: (when: When) => void;
  words: OrderWords;
}) {
  const days = nextDays(store.timeZone);
  const [day, setDay] = useState(days[0]);
  const [slots, setSlots] = useState<SlotsAnswer | null>(null);

  useEffect(() => {
    let live = true;
    setSlots(null);
    fetchSlots(store.id, day, fulfilment).then(
      (answer) => live && setSlots(answer),
      () => live && setSlots({ storeId: store.id, date: day, pizzasPerQuarter: 0, slots: [] }),
    );
    return () => {
      live = false;
    };
  }, [store.id, day, fulfilment]);

  const free = slots?.slots.filter((s) => s.remaining > 0) ?? [];
  return (
    <section>
      <h2>{w("order.when")}</h2>
      <label>
        <input
          type="radio"
          name="when"
          checked={when === "asap"}
          disabled={!store.openNow.open}
          onChange={() => onChange("asap")}
        />
        {w("order.asap")}
      </label>
      <label>
        {w("order.day")}
        <select value={day} onChange={(e) => setDay(e.target.value)}>
          {days.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label>
        {w("order.slot")}
        <select
          value={when === "asap" ? "" : when.slot}
          onChange={(e) => onChange(e.target.value ? { slot: e.target.value } : "asap")}
        >
          <option value="">—</option>
          {free.map((s) => (
            <option key={s.startsAt} value={s.startsAt}>
              {w("order.slotLeft", { time: s.time, count: s.remaining })}
            </option>
          ))}
        </select>
      </label>
      {slots && free.length === 0 && <p>{w("order.noSlots")}</p>}
    </section>
  );
}

/** Today and the next days in the store's time zone, as YYYY-MM-DD. */
function nextDays(timeZone: string): string[] {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return Array.from({ length: SLOT_DAYS_AHEAD + 1 }, (_, i) =>
    format.format(Date.now() + i * 86_400_000),
  );
}
