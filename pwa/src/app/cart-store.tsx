/**
 * The open sale at the counter: cart lines, channel, service mode, the
 * customer of a phone order and the tenders being entered. Kept in
 * localStorage (cart-storage.ts) so a reload never loses a cart, and followed
 * across tabs; cleared once the sale is written.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { newId, type Discount, type ServiceMode } from "@ocpizza/schema";

import {
  addLine,
  addOutcome,
  setLineDiscount,
  setNote,
  setQuantity,
  type AddOutcome,
  type CartLine,
} from "../cart/cart.js";
import type { CustomerDraft } from "../cart/customer.js";
import type { PaymentDraft } from "../db/sale.js";
import {
  EMPTY_CART,
  followOtherTabs,
  readStoredCart,
  writeStoredCart,
  type CartState,
  type Channel,
} from "./cart-storage.js";

export type { CartState, Channel } from "./cart-storage.js";

export interface CartStore extends CartState {
  /** Adds the line (or one more of it) and says what happened; past a limit, nothing changes. */
  add: (line: Omit<CartLine, "key">) => AddOutcome;
  setQuantity: (key: string, quantity: number) => void;
  setNote: (key: string, note: string) => void;
  /**
   * Gives a line (its key) or the whole order ("order") a discount, or takes it
   * away; `approvedBy` is the manager who approved it when above the clerk's limit.
   */
  setDiscount: (target: string, discount: Discount | undefined, approvedBy?: string) => void;
  setChannel: (channel: Channel) => void;
  setServiceMode: (mode: ServiceMode) => void;
  setCustomer: (changes: Partial<CustomerDraft>) => void;
  setTenders: (tenders: PaymentDraft[]) => void;
  clear: () => void;
  /** A payment dialog is open: the app must not update under it. */
  paymentOpen: boolean;
  setPaymentOpen: (open: boolean) => void;
  /** The ticket of the sale just recorded is on screen: no update under it either. */
  ticketOpen: boolean;
  setTicketOpen: (open: boolean) => void;
}

const CartContext = createContext<CartStore | null>(null);

function browserStorage(): Storage | undefined {
  return typeof localStorage === "undefined" ? undefined : localStorage;
}

export function CartProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CartState>(() => readStoredCart(browserStorage()));
  const [paymentOpen, setPaymentOpen] = useState(false);
  const [ticketOpen, setTicketOpen] = useState(false);
  // The latest cart, for `add` to report its outcome between two renders (fast taps).
  const latest = useRef(state);

  useEffect(() => writeStoredCart(browserStorage(), state), [state]);

  // Another tab sold or changed the cart: take its copy (an empty cart closes our payment).
  useEffect(
    () =>
      followOtherTabs(window, (cart) => {
        latest.current = cart;
        setState(cart);
        if (cart.lines.length === 0) setPaymentOpen(false);
      }),
    [],
  );

  const update = useCallback((change: (s: CartState) => CartState) => {
    latest.current = change(latest.current);
    setState(latest.current);
  }, []);

  const store = useMemo<CartStore>(
    () => ({
      ...state,
      add: (line) => {
        const outcome = addOutcome(latest.current.lines, line);
        if (outcome === "added" || outcome === "more") {
          update((s) => ({ ...s, lines: addLine(s.lines, line, newId()) }));
        }
        return outcome;
      },
      setQuantity: (key, quantity) =>
        update((s) => ({ ...s, lines: setQuantity(s.lines, key, quantity) })),
      setNote: (key, note) => update((s) => ({ ...s, lines: setNote(s.lines, key, note) })),
      setDiscount: (target, discount, approvedBy) =>
        update((s) => ({
          ...s,
          ...(target === "order"
            ? { discount }
            : { lines: setLineDiscount(s.lines, target, discount) }),
          discountApprovedBy: approvedBy ?? s.discountApprovedBy,
        })),
      setChannel: (channel) =>
        update((s) => ({
          ...s,
          channel,
          serviceMode:
            channel === "counter" && s.serviceMode === "delivery" ? "takeaway" : s.serviceMode,
        })),
      setServiceMode: (serviceMode) => update((s) => ({ ...s, serviceMode })),
      setCustomer: (changes) => update((s) => ({ ...s, customer: { ...s.customer, ...changes } })),
      setTenders: (tenders) => update((s) => ({ ...s, tenders })),
      clear: () => update(() => EMPTY_CART),
      paymentOpen,
      setPaymentOpen,
      ticketOpen,
      setTicketOpen,
    }),
    [state, paymentOpen, ticketOpen, update],
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
  return cart.lines.length > 0 || cart.paymentOpen || cart.ticketOpen;
}
