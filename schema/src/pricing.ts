/**
 * Pricing an order from a menu snapshot: the counter uses it to build a
 * cart, the server to check a counter sale against its current menu and to
 * price online orders. Amounts are tax included, in cents.
 */
import type { LineOption, OrderLine, ServiceMode } from "./protocol.js";
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

export function lineTotalCents(line: Pick<OrderLine, "unitPriceCents" | "quantity">): number {
  return line.unitPriceCents * line.quantity;
}

export function orderTotalCents(
  lines: readonly Pick<OrderLine, "unitPriceCents" | "quantity">[],
): number {
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
