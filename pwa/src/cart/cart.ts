/**
 * The counter's cart: what the clerk has tapped, before it becomes an order.
 * Lines keep the product, size and options only; prices always come from the
 * menu through `priceLine`, so a change of service mode (VAT) or menu reprices.
 */
import {
  MAX_QUANTITY,
  orderTotalCents,
  priceLine,
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

export interface PricedCartLine {
  line: CartLine;
  product: MenuProduct | null;
  unitPriceCents: number;
  vatRateBp: number;
  totalCents: number;
  /** False when the menu no longer offers it (product, size or extra gone). */
  available: boolean;
}

export interface PricedCart {
  lines: PricedCartLine[];
  totalCents: number;
  /** Every line is on the current menu: the cart can become an order. */
  valid: boolean;
}

export function priceCart(
  menu: MenuSnapshot,
  lines: readonly CartLine[],
  serviceMode: ServiceMode,
): PricedCart {
  const priced = lines.map((line): PricedCartLine => {
    const product = menu.products.find((p) => p.id === line.productId) ?? null;
    const check = priceLine(menu, line, serviceMode);
    if (!check.ok) {
      return { line, product, unitPriceCents: 0, vatRateBp: 0, totalCents: 0, available: false };
    }
    const { unitPriceCents, vatRateBp } = check.priced;
    return {
      line,
      product,
      unitPriceCents,
      vatRateBp,
      totalCents: unitPriceCents * line.quantity,
      available: true,
    };
  });
  return {
    lines: priced,
    totalCents: orderTotalCents(
      priced.map((p) => ({ unitPriceCents: p.unitPriceCents, quantity: p.line.quantity })),
    ),
    valid: priced.length > 0 && priced.every((p) => p.available),
  };
}

/** The order lines a priced cart becomes (ids are given when the order is written). */
export function toOrderLines(cart: PricedCart): Omit<OrderLine, "id">[] {
  return cart.lines.map(({ line, product, unitPriceCents, vatRateBp }) => ({
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
