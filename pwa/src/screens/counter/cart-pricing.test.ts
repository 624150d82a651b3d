import { describe, expect, it } from "vitest";

import { newId, orderSchema, orderTotalCents, type MenuSnapshot } from "@ocpizza/schema";

import { priceCart, toOrderLines, type CartLine } from "../../cart/cart.js";
import { readDiscount } from "./DiscountDialog.js";
import { pricingOptions } from "./cart-pricing.js";

const menu: MenuSnapshot = {
  version: 3,
  categories: [],
  products: [
    {
      id: "hawaiian",
      categoryId: "classic",
      nameFr: "Hawaïenne",
      nameEn: "Hawaiian",
      vat: { eat_in: 1000, takeaway: 1000, delivery: 1000 },
      sizes: [{ size: "M", priceCents: 1325 }],
      ingredientIds: [],
      sortOrder: 0,
    },
    {
      id: "cola",
      categoryId: "drinks",
      nameFr: "Cola",
      nameEn: "Cola",
      vat: { eat_in: 1000, takeaway: 550, delivery: 550 },
      sizes: [{ size: "U", priceCents: 300 }],
      ingredientIds: [],
      sortOrder: 1,
    },
  ],
  ingredients: [],
  recipes: [],
  promotions: [
    {
      id: "promo-tue",
      nameFr: "Mardi",
      nameEn: "Tuesday",
      kind: "second_item",
      percentBp: 5000,
      categoryIds: ["classic"],
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      weekdays: [2],
      active: true,
    },
  ],
};
const paris = { timeZone: "Europe/Paris", closingMinutes: 240 };
const line = (productId: string, size: string, quantity: number, extra = {}): CartLine => ({
  key: newId(),
  productId,
  size,
  options: [],
  quantity,
  note: "",
  ...extra,
});
const TUESDAY_NOON = Date.UTC(2026, 11, 1, 11);

describe("the counter's cart with promotions and discounts", () => {
  it("applies the Tuesday promotion and a 10 % order discount, as the server will check", () => {
    const lines = [line("hawaiian", "M", 2), line("cola", "U", 1)];
    const options = pricingOptions(paris, { kind: "percent", value: 1000 }, TUESDAY_NOON);
    const cart = priceCart(menu, lines, "takeaway", options);

    // 2650 - 663 (2nd pizza half price) = 1987 and 300; 10 % of 2287 = 229 (228.7),
    // shared 1987:300 -> 198.7 -> 199 and 29.9 -> 30, largest remainders first.
    expect(cart.lines.map((l) => l.discountCents)).toEqual([663 + 199, 30]);
    expect(cart.totalCents).toBe(2650 + 300 - 663 - 229);
    expect(cart.manualRateBp).toBe(1000);

    const orderLines = toOrderLines(cart).map((l) => ({ ...l, id: newId() }));
    expect(orderLines[0]).toMatchObject({ discountCents: 862, promotionId: "promo-tue" });
    expect(orderTotalCents(orderLines)).toBe(cart.totalCents);
    const order = orderSchema.parse({
      id: newId(),
      channel: "counter",
      serviceMode: "takeaway",
      createdAtMs: TUESDAY_NOON,
      callNumber: 1,
      menuVersion: 3,
      lines: orderLines,
      totalCents: cart.totalCents,
      discount: { kind: "percent", value: 1000 },
    });
    expect(order.lines[1].discountCents).toBe(30);
  });

  it("gives no promotion on a Wednesday, nor before the counter knows its store", () => {
    const lines = [line("hawaiian", "M", 2)];
    const wednesday = pricingOptions(paris, undefined, TUESDAY_NOON + 86_400_000);
    expect(priceCart(menu, lines, "takeaway", wednesday).discountCents).toBe(0);
    expect(priceCart(menu, lines, "takeaway", pricingOptions(null, undefined)).discountCents).toBe(
      0,
    );
  });

  it("takes a line's own discount off that line only", () => {
    const lines = [
      line("hawaiian", "M", 1, { discount: { kind: "amount", value: 200 } }),
      line("cola", "U", 1),
    ];
    const cart = priceCart(menu, lines, "eat_in");
    expect(cart.lines.map((l) => l.totalCents)).toEqual([1125, 300]);
    expect(cart.manualRateBp).toBe(1510);
  });

  it.each([
    ["percent", "10", { kind: "percent", value: 1000 }],
    ["percent", "12,5", { kind: "percent", value: 1250 }],
    ["amount", "2,50", { kind: "amount", value: 250 }],
    ["percent", "101", null],
    ["percent", "0", null],
    ["amount", "-1", null],
    ["amount", "deux", null],
  ] as const)("reads a %s of %j", (kind, text, expected) => {
    expect(readDiscount(kind, text)).toEqual(expected);
  });
});
