import { describe, expect, it } from "vitest";

import {
  CART_STORAGE_KEY,
  EMPTY_CART,
  followOtherTabs,
  parseStoredCart,
  type CartState,
} from "./cart-storage.js";

const CART: CartState = {
  ...EMPTY_CART,
  lines: [{ key: "a", productId: "cola", size: "U", options: [], quantity: 2, note: "" }],
  tenders: [{ method: "cash", amountCents: 500, tenderedCents: 500 }],
};

/** What the browser dispatches in a tab when another tab writes localStorage. */
function storageEvent(key: string | null, newValue: string | null): Event {
  return Object.assign(new Event("storage"), { key, newValue });
}

describe("the cart kept in localStorage", () => {
  it("reads back lines and the tenders entered in the payment dialog", () => {
    expect(parseStoredCart(JSON.stringify(CART))).toEqual(CART);
  });

  it("reads a cart saved before tenders were kept as one without tenders", () => {
    const { tenders: _, ...older } = CART;
    expect(parseStoredCart(JSON.stringify(older)).tenders).toEqual([]);
  });

  it.each([null, "", "{not json", '{"lines": 3}'])("starts empty from %j", (text) => {
    expect(parseStoredCart(text)).toEqual(EMPTY_CART);
  });
});

describe("two tabs of the counter", () => {
  it("empties this tab's cart when the other tab records the sale", () => {
    const tab = new EventTarget();
    const seen: CartState[] = [];
    followOtherTabs(tab, (cart) => seen.push(cart));

    tab.dispatchEvent(storageEvent(CART_STORAGE_KEY, JSON.stringify(CART)));
    tab.dispatchEvent(storageEvent(CART_STORAGE_KEY, JSON.stringify(EMPTY_CART)));

    expect(seen.map((cart) => cart.lines.length)).toEqual([1, 0]);
  });

  it("ignores other keys (the language) and stops listening once unsubscribed", () => {
    const tab = new EventTarget();
    const seen: CartState[] = [];
    const stop = followOtherTabs(tab, (cart) => seen.push(cart));

    tab.dispatchEvent(storageEvent("ocpizza.locale", "en"));
    stop();
    tab.dispatchEvent(storageEvent(CART_STORAGE_KEY, JSON.stringify(CART)));

    expect(seen).toEqual([]);
  });
});
