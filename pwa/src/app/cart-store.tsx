/**
 * The open sale at the counter: cart lines, channel, service mode and the
 * customer of a phone order. Kept in localStorage so a reload (or an app
 * update) never loses a cart; cleared once the sale is written.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import { newId, type ServiceMode } from "@ocpizza/schema";

import { addLine, setNote, setQuantity, type CartLine } from "../cart/cart.js";
import type { CustomerDraft } from "../cart/customer.js";

export type Channel = "counter" | "phone";

export interface CartState {
  lines: CartLine[];
  channel: Channel;
  serviceMode: ServiceMode;
  customer: CustomerDraft;
}

const EMPTY_CART: CartState = {
  lines: [],
  channel: "counter",
  serviceMode: "takeaway",
  customer: { name: "", phone: "", address: "", deliveryNotes: "" },
};
const STORAGE_KEY = "ocpizza.cart";

export interface CartStore extends CartState {
  add: (line: Omit<CartLine, "key">) => void;
  setQuantity: (key: string, quantity: number) => void;
  setNote: (key: string, note: string) => void;
  setChannel: (channel: Channel) => void;
  setServiceMode: (mode: ServiceMode) => void;
  setCustomer: (changes: Partial<CustomerDraft>) => void;
  clear: () => void;
  /** A payment dialog is open: the app must not update under it. */
  paymentOpen: boolean;
  setPaymentOpen: (open: boolean) => void;
}

const CartContext = createContext<CartStore | null>(null);

export function CartProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CartState>(readStoredCart);
  const [paymentOpen, setPaymentOpen] = useState(false);

  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch {
      // Storage full or unavailable: the cart then lives only in memory.
    }
  }, [state]);

  const update = useCallback((change: (s: CartState) => CartState) => setState(change), []);

  const store = useMemo<CartStore>(
    () => ({
      ...state,
      add: (line) => update((s) => ({ ...s, lines: addLine(s.lines, line, newId()) })),
      setQuantity: (key, quantity) =>
        update((s) => ({ ...s, lines: setQuantity(s.lines, key, quantity) })),
      setNote: (key, note) => update((s) => ({ ...s, lines: setNote(s.lines, key, note) })),
      setChannel: (channel) =>
        update((s) => ({
          ...s,
          channel,
          serviceMode:
            channel === "counter" && s.serviceMode === "delivery" ? "takeaway" : s.serviceMode,
        })),
      setServiceMode: (serviceMode) => update((s) => ({ ...s, serviceMode })),
      setCustomer: (changes) => update((s) => ({ ...s, customer: { ...s.customer, ...changes } })),
      clear: () => update(() => EMPTY_CART),
      paymentOpen,
      setPaymentOpen,
    }),
    [state, paymentOpen, update],
  );

  return <CartContext.Provider value={store}>{children}</CartContext.Provider>;
}

export function useCart(): CartStore {
  const cart = useContext(CartContext);
  if (!cart) throw new Error("useCart needs a CartProvider above it");
  return cart;
}

/** A sale is under way: lines in the cart or a payment being taken. */
export function useSaleInProgress(): boolean {
  const cart = useCart();
  return cart.lines.length > 0 || cart.paymentOpen;
}

function readStoredCart(): CartState {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as CartState | null;
    if (stored && Array.isArray(stored.lines)) return { ...EMPTY_CART, ...stored };
  } catch {
    // A damaged or missing cart starts empty.
  }
  return EMPTY_CART;
}
