import { describe, expect, it } from "vitest";

import { MAX_ONLINE_QUANTITY } from "@ocpizza/schema";

import { TEST_MENU } from "../testing/fixtures.js";
import { addItem, changeQuantity, itemsCents } from "./order-cart.js";

const product = TEST_MENU.products[0];
const size = product.sizes[0];

describe("the order page's cart", () => {
  it("adds one of a product and size, and one more on the second tap", () => {
    const cart = addItem(addItem([], product.id, size.size), product.id, size.size);

    expect(cart).toEqual([{ productId: product.id, size: size.size, quantity: 2 }]);
    expect(itemsCents(TEST_MENU, cart)).toBe(size.priceCents * 2);
  });

  it("removes an item at zero and caps a quantity at the server's limit", () => {
    const cart = addItem([], product.id, size.size);

    expect(changeQuantity(cart, 0, 0)).toEqual([]);
    expect(changeQuantity(cart, 0, 500)[0].quantity).toBe(MAX_ONLINE_QUANTITY);
  });

  it("counts a promotion in force on the day, as the server will", () => {
    const menu = {
      ...TEST_MENU,
      promotions: [
        {
          id: "half",
          nameFr: "Moitié",
          nameEn: "Half",
          kind: "percent_off" as const,
          percentBp: 5000,
          categoryIds: [product.categoryId],
          startsOn: "2026-12-01",
          endsOn: "2026-12-31",
          weekdays: [],
          active: true,
        },
      ],
    };
    const cart = changeQuantity(addItem([], product.id, size.size), 0, 2);

    expect(itemsCents(menu, cart, "2026-12-08")).toBe(size.priceCents);
    expect(itemsCents(menu, cart, "2027-01-08")).toBe(size.priceCents * 2);
  });
});
