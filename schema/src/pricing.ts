/**
 * Pricing an order from a menu snapshot: the counter uses it to build a
 * cart, the server to check a counter sale against its current menu and to
 * price online orders. Amounts are tax included, in cents.
 */
import { divRoundHalfAwayFromZero } from "./money.js";
import { promotionInForce, type DiscountLimits, type Promotion } from "./promotions.js";
import type { Discount, LineOption, OrderLine, ServiceMode } from "./protocol.js";
import type { MenuSnapshot } from "./snapshots.js";

export type MenuProduct = MenuSnapshot["products"][number];

export interface PricedLine {
  unitPriceCents: number;
  vatRateBp: number;
}

export type PriceCheck =
  { ok: true; priced: PricedLine } | { ok: false; flag: "unknown_product"; message: string };

/** The unit price and VAT rate the menu gives a product, size and options. */
export function priceLine(
  menu: Pick<MenuSnapshot, "products" | "ingredients">,
  line: { productId: string; size: string; options: readonly LineOption[] },
  serviceMode: ServiceMode,
): PriceCheck {
  const product = menu.products.find((p) => p.id === line.productId);
  const size = product?.sizes.find((s) => s.size === line.size);
  if (!product || !size) {
    return {
      ok: false,
      flag: "unknown_product",
      message: `product ${line.productId} in size ${line.size} is not on the menu`,
    };
  }
  let unitPriceCents = size.priceCents;
  for (const option of line.options) {
    if (option.kind !== "extra") continue;
    const ingredient = menu.ingredients.find((i) => i.id === option.ingredientId);
    if (!ingredient || ingredient.extraPriceCents === null) {
      return {
        ok: false,
        flag: "unknown_product",
        message: `extra ${option.ingredientId} is not offered`,
      };
    }
    unitPriceCents += ingredient.extraPriceCents;
  }
  return { ok: true, priced: { unitPriceCents, vatRateBp: product.vat[serviceMode] } };
}

type LineAmounts = Pick<OrderLine, "unitPriceCents" | "quantity"> & { discountCents?: number };

/** What a line costs: its price times its quantity, less its discounts. */
export function lineTotalCents(line: LineAmounts): number {
  return line.unitPriceCents * line.quantity - (line.discountCents ?? 0);
}

export function orderTotalCents(lines: readonly LineAmounts[]): number {
  return lines.reduce((sum, line) => sum + lineTotalCents(line), 0);
}

/** Change due for a cash payment; vouchers and cheques give none. */
export function changeDueCents(
  method: string,
  amountCents: number,
  tenderedCents?: number,
): number {
  if (method !== "cash" || tenderedCents === undefined) return 0;
  return Math.max(0, tenderedCents - amountCents);
}

// Discounts and promotions

/** What discountOrder needs of a line. */
export interface DiscountableLine {
  categoryId: string;
  unitPriceCents: number;
  quantity: number;
  /** A discount given by hand on this line. */
  discount?: Discount;
}

export interface LineDiscount {
  promotionId: string | null;
  promotionCents: number;
  /** The line's own discount, given by hand. */
  manualCents: number;
  /** The line's share of the order's discount. */
  orderShareCents: number;
  /** All three together: what the line's discountCents must say. */
  discountCents: number;
}

export interface OrderDiscounts {
  lines: LineDiscount[];
  orderDiscountCents: number;
  totalDiscountCents: number;
  /**
   * The largest discount given by hand, in basis points of what it applied to
   * (rounded up): what a role's limit is checked against. 0 when none.
   */
  manualRateBp: number;
}

/**
 * Applies, in this order, the promotions in force on the business day, each
 * line's own discount, then the order's discount shared out over the lines in
 * proportion to what is left of each (largest remainder, so the shares add up
 * to the cent). A line takes part in one promotion at most: the first in id
 * order that lowers it. Nothing goes below zero.
 */
export function discountOrder(
  lines: readonly DiscountableLine[],
  options: {
    promotions?: readonly Promotion[];
    /** The sale's business day; null applies no promotion. */
    businessDay: string | null;
    orderDiscount?: Discount;
  },
): OrderDiscounts {
  const gross = lines.map((line) => line.unitPriceCents * line.quantity);
  const promoted = applyPromotions(lines, options.promotions ?? [], options.businessDay);

  const manual = lines.map((line, i) => {
    const base = gross[i] - promoted[i].cents;
    return line.discount ? discountCentsOf(line.discount, base) : 0;
  });
  const remaining = gross.map((g, i) => g - promoted[i].cents - manual[i]);
  const remainingTotal = remaining.reduce((sum, r) => sum + r, 0);
  const orderDiscountCents = options.orderDiscount
    ? discountCentsOf(options.orderDiscount, remainingTotal)
    : 0;
  const shares = shareOut(orderDiscountCents, remaining);

  const result = lines.map((_, i): LineDiscount => {
    const discountCents = promoted[i].cents + manual[i] + shares[i];
    return {
      promotionId: promoted[i].promotionId,
      promotionCents: promoted[i].cents,
      manualCents: manual[i],
      orderShareCents: shares[i],
      discountCents,
    };
  });

  // The rate a role's limit is checked against, per discount given by hand.
  const rates = lines.map((line, i) =>
    rateBp(line.discount, manual[i], gross[i] - promoted[i].cents),
  );
  rates.push(rateBp(options.orderDiscount, orderDiscountCents, remainingTotal));
  return {
    lines: result,
    orderDiscountCents,
    totalDiscountCents: result.reduce((sum, line) => sum + line.discountCents, 0),
    manualRateBp: Math.max(0, ...rates),
  };
}

/** The cents a discount takes off an amount: a percentage rounded half up, never past zero. */
export function discountCentsOf(discount: Discount, baseCents: number): number {
  if (baseCents <= 0) return 0;
  if (discount.kind === "amount") return Math.min(discount.value, baseCents);
  return Math.min(baseCents, divRoundHalfAwayFromZero(baseCents * discount.value, 10_000));
}

/** May a role give a discount of this rate without a manager's approval? */
export function withinDiscountLimit(
  rate: number,
  role: keyof DiscountLimits,
  limits: DiscountLimits,
): boolean {
  return role === "manager" || rate <= limits[role];
}

/** Order lines with their discounts written in (discountCents, promotionId), ready to send. */
export function withDiscounts<T extends DiscountableLine>(
  lines: readonly T[],
  discounts: OrderDiscounts,
): (T & { discountCents?: number; promotionId?: string })[] {
  return lines.map((line, i) => {
    const { discountCents, promotionId } = discounts.lines[i];
    const rest = { ...line, discountCents: undefined, promotionId: undefined };
    if (discountCents === 0) return stripUndefined(rest);
    return stripUndefined({ ...rest, discountCents, promotionId: promotionId ?? undefined });
  });
}

function applyPromotions(
  lines: readonly DiscountableLine[],
  promotions: readonly Promotion[],
  day: string | null,
): { promotionId: string | null; cents: number }[] {
  const result = lines.map(() => ({ promotionId: null as string | null, cents: 0 }));
  if (day === null) return result;
  const inForce = promotions
    .filter((p) => promotionInForce(p, day))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  for (const promotion of inForce) {
    const eligible = lines
      .map((line, index) => ({ line, index }))
      .filter(
        ({ line, index }) => result[index].promotionId === null && takesPart(promotion, line),
      );
    const cents = promotionCents(promotion, eligible);
    for (const [index, amount] of cents) {
      if (amount > 0) result[index] = { promotionId: promotion.id, cents: amount };
    }
  }
  return result;
}

function takesPart(promotion: Promotion, line: DiscountableLine): boolean {
  return promotion.categoryIds.length === 0 || promotion.categoryIds.includes(line.categoryId);
}

/** Cents off per line index for the eligible lines. */
function promotionCents(
  promotion: Promotion,
  eligible: { line: DiscountableLine; index: number }[],
): Map<number, number> {
  const off = (cents: number) => divRoundHalfAwayFromZero(cents * promotion.percentBp, 10_000);
  const cents = new Map<number, number>();
  if (promotion.kind === "percent_off") {
    for (const { line, index } of eligible) {
      cents.set(index, off(line.unitPriceCents * line.quantity));
    }
    return cents;
  }
  // second_item: every unit on its own, dearest first; each second one is lowered.
  const units = eligible
    .flatMap(({ line, index }) =>
      Array.from({ length: line.quantity }, () => ({ index, price: line.unitPriceCents })),
    )
    .sort((a, b) => b.price - a.price || a.index - b.index);
  units.forEach((unit, position) => {
    if (position % 2 === 1) cents.set(unit.index, (cents.get(unit.index) ?? 0) + off(unit.price));
  });
  return cents;
}

/**
 * Shares `total` out over `weights` in proportion, each share rounded down,
 * then the cents left over given one each to the largest remainders (the
 * earlier line on a tie): the shares always add up to `total`.
 */
export function shareOut(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = weights
    .map((w, index) => ({ index, remainder: (total * w) % sum }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index] += 1;
    left -= 1;
  }
  return shares;
}

/** A percentage is its own rate (its rounded cents could read 15.02 %); an amount is rounded up. */
function rateBp(discount: Discount | undefined, cents: number, baseCents: number): number {
  if (!discount || cents <= 0 || baseCents <= 0) return 0;
  if (discount.kind === "percent") return discount.value;
  return Math.ceil((cents * 10_000) / baseCents);
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
