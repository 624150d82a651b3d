/**
 * The customer's cart on the order page: items as the server takes them
 * (product, size, quantity), priced from the menu only to show a total; the
 * server prices the order again and says when its total differs.
 */
import {
  MAX_ONLINE_LINES,
  MAX_ONLINE_QUANTITY,
  discountOrder,
  type MenuSnapshot,
} from "@ocpizza/schema";

export interface CartItem {
  productId: string;
  size: string;
  quantity: number;
}

export function addItem(cart: readonly CartItem[], productId: string, size: string): CartItem[] {
  const index = cart.findIndex((i) => i.productId === productId && i.size === size);
  if (index < 0) {
    return cart.length >= MAX_ONLINE_LINES
      ? [...cart]
      : [...cart, { productId, size, quantity: 1 }];
  }
  return changeQuantity(cart, index, cart[index].quantity + 1);
}

/** Quantity 0 removes the item; no item goes past the server's limit per line. */
export function changeQuantity(
  cart: readonly CartItem[],
  index: number,
  quantity: number,
): CartItem[] {
  if (quantity <= 0) return cart.filter((_, i) => i !== index);
  const capped = Math.min(quantity, MAX_ONLINE_QUANTITY);
  return cart.map((item, i) => (i === index ? { ...item, quantity: capped } : item));
}

export function unitPriceCents(
  menu: MenuSnapshot,
  item: Pick<CartItem, "productId" | "size">,
): number {
  const product = menu.products.find((p) => p.id === item.productId);
  return product?.sizes.find((s) => s.size === item.size)?.priceCents ?? 0;
}

/**
 * What the items cost with the promotions in force on `businessDay` (null:
 * none), computed as the server does (schema/src/pricing.ts).
 */
export function itemsCents(
  menu: MenuSnapshot,
  cart: readonly CartItem[],
  businessDay: string | null = null,
): number {
  const lines = cart.map((item) => ({
    categoryId: menu.products.find((p) => p.id === item.productId)?.categoryId ?? "",
    unitPriceCents: unitPriceCents(menu, item),
    quantity: item.quantity,
  }));
  const gross = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const { totalDiscountCents } = discountOrder(lines, {
    promotions: menu.promotions ?? [],
    businessDay,
  });
  return gross - totalDiscountCents;
}

export function productName(menu: MenuSnapshot, productId: string, english: boolean): string {
  const product = menu.products.find((p) => p.id === productId);
  return (english ? product?.nameEn : product?.nameFr) ?? productId;
}
