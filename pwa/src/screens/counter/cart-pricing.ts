/**
 * The cart priced as the sale will be recorded: menu prices, the promotions
 * in force on this store's business day, and the discounts given by hand.
 * The counter screen and the cart panel share it so both show one total.
 */
import { businessDay, type Discount, type MenuSnapshot, type StoreInfo } from "@ocpizza/schema";

import { useCart } from "../../app/cart-store.js";
import { useMeta } from "../../app/data-hooks.js";
import { priceCart, type CartPricingOptions, type PricedCart } from "../../cart/cart.js";

/** The business day promotions are checked against (none before pairing), and the order discount. */
export function pricingOptions(
  store: Pick<StoreInfo, "timeZone" | "closingMinutes"> | null | undefined,
  orderDiscount: Discount | undefined,
  nowMs: number = Date.now(),
): CartPricingOptions {
  const day = store ? businessDay(nowMs, store.timeZone, store.closingMinutes) : null;
  return { businessDay: day, orderDiscount };
}

export function useCartPricing(menu: MenuSnapshot): PricedCart {
  const cart = useCart();
  const store = useMeta()?.store;
  return priceCart(menu, cart.lines, cart.serviceMode, pricingOptions(store, cart.discount));
}
