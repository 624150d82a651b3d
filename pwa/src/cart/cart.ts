/**
 * The counter's cart: what the clerk has tapped, before it becomes an order.
 * Lines keep the product, size and options only; prices always come from the
 * menu through `priceLine`, so a change of service mode (VAT) or menu reprices.
 */
import {
  discountOrder,
  MAX_QUANTITY,
  priceLine,
  type Discount,
  type LineOption,
  type MenuSnapshot,
  type OrderLine,
  type ServiceMode,
} from "@ocpizza/schema";

export type MenuProduct = MenuSnapshot["products"][number];

export interface CartLine {
  /** Local key of the line in the cart (not the order line id). */
  key: string;
  productId: string;
  size: string;
  options: LineOption[];
  quantity: number;
  note: string;
  /** A discount given by hand on this line. */
  discount?: Discount;
}

/** The schema allows at most this many lines in one order. */
export const MAX_CART_LINES = 100;

/** What tapping a product did: a new line, one more on a line, or why nothing changed. */
export type AddOutcome = "added" | "more" | "too_many_lines" | "max_quantity";

/** The schema allows at most this many options on one line. */
export const MAX_OPTIONS = 20;

/** A product needs the size and options dialog when it has a choice to make. */
export function needsChoice(product: MenuProduct): boolean {
  return product.sizes.length > 1 || product.ingredientIds.length > 0;
}

/** Options of a pizza: priced extras, then "without" its own ingredients, in a stable order. */
export function buildOptions(
  menu: Pick<MenuSnapshot, "ingredients">,
  extraIds: readonly string[],
  withoutIds: readonly string[],
): LineOption[] {
  const extras = [...new Set(extraIds)].sort().flatMap((id): LineOption[] => {
    const ingredient = menu.ingredients.find((i) => i.id === id);
    if (!ingredient || ingredient.extraPriceCents === null) return [];
    return [{ kind: "extra", ingredientId: id, priceCents: ingredient.extraPriceCents }];
  });
  const without = [...new Set(withoutIds)]
    .sort()
    .map((id): LineOption => ({ kind: "without", ingredientId: id, priceCents: 0 }));
  return [...extras, ...without].slice(0, MAX_OPTIONS);
}

function sameChoice(a: Omit<CartLine, "key" | "quantity">, b: CartLine): boolean {
  return (
    a.productId === b.productId &&
    a.size === b.size &&
    a.note === b.note &&
    JSON.stringify(a.options) === JSON.stringify(b.options)
  );
}

/** What `addLine` would do, so the counter can say why a tap changed nothing. */
export function addOutcome(lines: readonly CartLine[], added: Omit<CartLine, "key">): AddOutcome {
  const same = lines.find((line) => sameChoice(added, line));
  if (same) return same.quantity >= MAX_QUANTITY ? "max_quantity" : "more";
  return lines.length >= MAX_CART_LINES ? "too_many_lines" : "added";
}

/** Adds a line, or one more of an identical line already in the cart; past the limits, nothing. */
export function addLine(
  lines: readonly CartLine[],
  added: Omit<CartLine, "key">,
  key: string,
): CartLine[] {
  const same = lines.find((line) => sameChoice(added, line));
  if (same) return setQuantity(lines, same.key, same.quantity + added.quantity);
  if (lines.length >= MAX_CART_LINES) return [...lines];
  return [...lines, { ...added, key, quantity: Math.min(added.quantity, MAX_QUANTITY) }];
}

/** Sets a line's quantity; 0 or less removes it; never above MAX_QUANTITY. */
export function setQuantity(lines: readonly CartLine[], key: string, quantity: number): CartLine[] {
  if (quantity <= 0) return lines.filter((line) => line.key !== key);
  return lines.map((line) =>
    line.key === key ? { ...line, quantity: Math.min(quantity, MAX_QUANTITY) } : line,
  );
}

export function setNote(lines: readonly CartLine[], key: string, note: string): CartLine[] {
  return lines.map((line) => (line.key === key ? { ...line, note: note.slice(0, 200) } : line));
}

/** Gives a line a discount, or takes it away (undefined). */
export function setLineDiscount(
  lines: readonly CartLine[],
  key: string,
  discount: Discount | undefined,
): CartLine[] {
  return lines.map((line) => {
    if (line.key !== key) return line;
    const { discount: _old, ...rest } = line;
    return discount ? { ...rest, discount } : rest;
  });
}

export interface PricedCartLine {
  line: CartLine;
  product: MenuProduct | null;
  unitPriceCents: number;
  vatRateBp: number;
  /** What the line costs, net of its discounts. */
  totalCents: number;
  /** Every discount on the line: its own, a promotion's, its share of the order's. */
  discountCents: number;
  promotionId: string | null;
  /** False when the menu no longer offers it (product, size or extra gone). */
  available: boolean;
}

export interface PricedCart {
  lines: PricedCartLine[];
  /** What the customer pays, discounts taken off. */
  totalCents: number;
  discountCents: number;
  /** The largest discount given by hand, in basis points (checked against the clerk's limit). */
  manualRateBp: number;
  /** Every line is on the current menu: the cart can become an order. */
  valid: boolean;
}

export interface CartPricingOptions {
  /** The sale's business day, for the menu's promotions; null or left out: none. */
  businessDay?: string | null;
  /** A discount on the whole order, given by hand. */
  orderDiscount?: Discount;
}

export function priceCart(
  menu: MenuSnapshot,
  lines: readonly CartLine[],
  serviceMode: ServiceMode,
  options: CartPricingOptions = {},
): PricedCart {
  const priced = lines.map((line): PricedCartLine => {
    const product = menu.products.find((p) => p.id === line.productId) ?? null;
    const check = priceLine(menu, line, serviceMode);
    const none = { discountCents: 0, promotionId: null };
    if (!check.ok) {
      return {
        line,
        product,
        unitPriceCents: 0,
        vatRateBp: 0,
        totalCents: 0,
        available: false,
        ...none,
      };
    }
    const { unitPriceCents, vatRateBp } = check.priced;
    const totalCents = unitPriceCents * line.quantity;
    return { line, product, unitPriceCents, vatRateBp, totalCents, available: true, ...none };
  });

  // Promotions and discounts, worked out by the same code as the server's check.
  const discounts = discountOrder(
    priced.map((p) => ({
      categoryId: p.product?.categoryId ?? "",
      unitPriceCents: p.unitPriceCents,
      quantity: p.available ? p.line.quantity : 0,
      discount: p.line.discount,
    })),
    {
      promotions: menu.promotions ?? [],
      businessDay: options.businessDay ?? null,
      orderDiscount: options.orderDiscount,
    },
  );
  const withDiscounts = priced.map((p, i): PricedCartLine => {
    const { discountCents, promotionId } = discounts.lines[i];
    return { ...p, discountCents, promotionId, totalCents: p.totalCents - discountCents };
  });
  return {
    lines: withDiscounts,
    totalCents: withDiscounts.reduce((sum, p) => sum + p.totalCents, 0),
    discountCents: discounts.totalDiscountCents,
    manualRateBp: discounts.manualRateBp,
    valid: priced.length > 0 && priced.every((p) => p.available),
  };
}

/** The order lines a priced cart becomes (ids are given when the order is written). */
export function toOrderLines(cart: PricedCart): Omit<OrderLine, "id">[] {
  return cart.lines.map(({ line, product, unitPriceCents, vatRateBp, ...priced }) => ({
    ...(line.discount && { discount: line.discount }),
    ...(priced.discountCents > 0 && { discountCents: priced.discountCents }),
    ...(priced.promotionId !== null && { promotionId: priced.promotionId }),
    productId: line.productId,
    size: line.size,
    name: product?.nameFr ?? line.productId,
    categoryId: product?.categoryId ?? "unknown",
    quantity: line.quantity,
    unitPriceCents,
    vatRateBp: vatRateBp as OrderLine["vatRateBp"],
    options: line.options,
    note: line.note.trim() || undefined,
  }));
}
