/**
 * The open sale as kept in localStorage: its shape, reading it back, and
 * following the changes another tab of the counter makes to it (the `storage`
 * event), so two tabs never sell the same cart twice. No React here.
 */
import type { Discount, ServiceMode } from "@ocpizza/schema";

import type { CartLine } from "../cart/cart.js";
import type { CustomerDraft } from "../cart/customer.js";
import type { PaymentDraft } from "../db/sale.js";

export type Channel = "counter" | "phone";

export interface CartState {
  lines: CartLine[];
  channel: Channel;
  serviceMode: ServiceMode;
  customer: CustomerDraft;
  /** Payments entered in the payment dialog, not yet written: they survive a reload. */
  tenders: PaymentDraft[];
  /** A discount on the whole order, given by hand. */
  discount?: Discount;
  /** The manager whose PIN approved the discounts above the clerk's limit. */
  discountApprovedBy?: string;
}

export const EMPTY_CART: CartState = {
  lines: [],
  channel: "counter",
  serviceMode: "takeaway",
  customer: { name: "", phone: "", address: "", deliveryNotes: "" },
  tenders: [],
};
export const CART_STORAGE_KEY = "ocpizza.cart";

/** The cart stored as JSON; a missing or damaged one is an empty cart. */
export function parseStoredCart(text: string | null): CartState {
  try {
    const stored = JSON.parse(text ?? "null") as Partial<CartState> | null;
    if (stored && Array.isArray(stored.lines)) {
      const tenders = Array.isArray(stored.tenders) ? stored.tenders : [];
      return { ...EMPTY_CART, ...stored, tenders };
    }
  } catch {
    // A damaged cart starts empty.
  }
  return EMPTY_CART;
}

export function readStoredCart(storage: Pick<Storage, "getItem"> | undefined): CartState {
  try {
    return parseStoredCart(storage?.getItem(CART_STORAGE_KEY) ?? null);
  } catch {
    // Storage unavailable (private mode): an empty cart.
    return EMPTY_CART;
  }
}

export function writeStoredCart(storage: Pick<Storage, "setItem"> | undefined, cart: CartState) {
  try {
    storage?.setItem(CART_STORAGE_KEY, JSON.stringify(cart));
  } catch {
    // Storage full or unavailable: the cart then lives only in memory.
  }
}

/**
 * Calls `onChange` with the cart each time another tab writes it (the event
 * never fires in the tab that wrote). Returns the unsubscribe function.
 */
export function followOtherTabs(
  target: Pick<EventTarget, "addEventListener" | "removeEventListener">,
  onChange: (cart: CartState) => void,
): () => void {
  const listener = (event: Event) => {
    const { key, newValue } = event as StorageEvent;
    // key null: the other tab cleared the whole storage.
    if (key === CART_STORAGE_KEY || key === null) onChange(parseStoredCart(newValue));
  };
  target.addEventListener("storage", listener);
  return () => target.removeEventListener("storage", listener);
}
