/**
 * Prices a customer's items from the current menu, the only price the server
 * trusts: each line gets its unit price and VAT rate from priceLine, its
 * name and category from the menu. A product, size or option the menu does
 * not offer is a field error naming the item (the customer's page is stale).
 */
import {
  discountOrder,
  lineTotalCents,
  newId,
  priceLine,
  type LineOption,
  type MenuSnapshot,
  type OnlineItem,
  type OrderLine,
  type ServiceMode,
} from "@ocpizza/schema";

import { HttpError } from "../http/errors.js";

export interface PricedItems {
  lines: OrderLine[];
  itemsCents: number;
  /** Items of pizza categories: what the kitchen's quarter-hour capacity counts. */
  pizzaCount: number;
}

/** Where and when the order is made: what the store has off or sold out, the promotions' day. */
export interface PricingPlace {
  storeId: string;
  /** Product sizes the store's stock allows none of (stock/menu-stock.ts). */
  soldOut: readonly { productId: string; size: string }[];
  /** The business day whose promotions apply. */
  businessDay: string;
}

export function priceItems(
  menu: MenuSnapshot,
  items: readonly OnlineItem[],
  serviceMode: ServiceMode,
  place: PricingPlace,
): PricedItems {
  const pizzaCategories = new Set(
    menu.categories.filter((c) => c.kind === "pizza").map((c) => c.id),
  );
  let pizzaCount = 0;

  const lines = items.map((item, index): OrderLine => {
    const where = `items.${index}`;
    const product = menu.products.find((p) => p.id === item.productId);
    if (!product) throw badItem(`${where}.productId`, `"${item.productId}" is not on the menu`);
    if (!product.sizes.some((s) => s.size === item.size)) {
      throw badItem(`${where}.size`, `"${item.size}" is not a size of ${product.id}`);
    }
    if (product.unavailableStoreIds?.includes(place.storeId)) {
      throw unavailable(where, `${product.nameFr} is off at this store today`);
    }
    if (place.soldOut.some((s) => s.productId === product.id && s.size === item.size)) {
      throw unavailable(where, `${product.nameFr} ${item.size} is sold out at this store`);
    }
    const options = item.options.map((option, o) =>
      lineOption(menu, product, option, `${where}.options.${o}`),
    );
    if (new Set(options.map((o) => o.ingredientId)).size !== options.length) {
      throw badItem(`${where}.options`, "names an ingredient twice");
    }

    const check = priceLine(menu, { ...item, options }, serviceMode);
    if (!check.ok) throw badItem(where, check.message);
    if (pizzaCategories.has(product.categoryId)) pizzaCount += item.quantity;
    return {
      id: newId(),
      productId: product.id,
      size: item.size,
      name: product.nameFr,
      categoryId: product.categoryId,
      quantity: item.quantity,
      unitPriceCents: check.priced.unitPriceCents,
      vatRateBp: check.priced.vatRateBp as OrderLine["vatRateBp"],
      options,
    };
  });

  // The promotions in force that day, as the counter would apply them.
  const discounts = discountOrder(lines, {
    promotions: menu.promotions ?? [],
    businessDay: place.businessDay,
  });
  const discounted = lines.map((line, i): OrderLine => {
    const { promotionId, discountCents } = discounts.lines[i];
    if (discountCents === 0) return line;
    return { ...line, discountCents, ...(promotionId ? { promotionId } : {}) };
  });
  const itemsCents = discounted.reduce((sum, line) => sum + lineTotalCents(line), 0);
  return { lines: discounted, itemsCents, pizzaCount };
}

function lineOption(
  menu: MenuSnapshot,
  product: MenuSnapshot["products"][number],
  option: OnlineItem["options"][number],
  where: string,
): LineOption {
  const ingredient = menu.ingredients.find((i) => i.id === option.ingredientId);
  if (option.kind === "without") {
    if (!product.ingredientIds.includes(option.ingredientId)) {
      throw badItem(`${where}.ingredientId`, `${product.id} has no "${option.ingredientId}"`);
    }
    return { kind: "without", ingredientId: option.ingredientId, priceCents: 0 };
  }
  if (!ingredient || ingredient.extraPriceCents === null) {
    throw badItem(`${where}.ingredientId`, `"${option.ingredientId}" is not offered as an extra`);
  }
  return { kind: "extra", ingredientId: ingredient.id, priceCents: ingredient.extraPriceCents };
}

function unavailable(field: string, why: string): HttpError {
  return new HttpError(422, "product_unavailable", `${why}: remove it from the order (${field}).`, {
    field,
  });
}

function badItem(field: string, why: string): HttpError {
  return new HttpError(400, "invalid_message", `Invalid message: ${field}: ${why}.`, { field });
}
