import { describe, expect, it } from "vitest";

import type { MenuSnapshot, Mutation } from "@ocpizza/schema";

import { canMakeBySize, localStock } from "./can-make.js";

const menu = {
  version: 1,
  categories: [],
  products: [
    {
      id: "margherita",
      categoryId: "classic",
      nameFr: "Margherita",
      nameEn: "Margherita",
      vat: { eat_in: 1000, takeaway: 550, delivery: 550 },
      sizes: [
        { size: "M", priceCents: 1000 },
        { size: "L", priceCents: 1400 },
      ],
      ingredientIds: ["mozzarella"],
      sortOrder: 0,
    },
  ],
  ingredients: [],
  recipes: [
    { productId: "margherita", size: "M", ingredientId: "mozzarella", quantity: 60 },
    { productId: "margherita", size: "L", ingredientId: "mozzarella", quantity: 90 },
  ],
} satisfies MenuSnapshot;

function pendingSale(quantity: number, training = false): Mutation {
  return {
    seq: 1,
    atMs: 1_700_000_000_000,
    kind: "order.create",
    status: "accepted",
    payments: [],
    order: {
      id: "0190a000-0000-7000-8000-000000000001",
      channel: "counter",
      serviceMode: "takeaway",
      createdAtMs: 1_700_000_000_000,
      callNumber: 1,
      menuVersion: 1,
      training,
      totalCents: 1000 * quantity,
      lines: [
        {
          id: "0190a000-0000-7000-8000-000000000002",
          productId: "margherita",
          size: "M",
          name: "Margherita",
          categoryId: "classic",
          quantity,
          unitPriceCents: 1000,
          vatRateBp: 550,
          options: [],
        },
      ],
    },
  };
}

describe("can still make, on the device", () => {
  it("takes this device's unsynced sales out of the last synced stock", () => {
    const stock = localStock(
      [{ ingredientId: "mozzarella", quantity: 300 }],
      [pendingSale(2)],
      menu.recipes,
    );
    expect(stock.get("mozzarella")).toBe(180);
    expect(Object.fromEntries(canMakeBySize(menu, "margherita", stock))).toEqual({ M: 3, L: 2 });
  });

  it("ignores training sales and is zero once the stock is gone", () => {
    const stock = localStock(
      [{ ingredientId: "mozzarella", quantity: 100 }],
      [pendingSale(1), pendingSale(5, true)],
      menu.recipes,
    );
    expect(stock.get("mozzarella")).toBe(40);
    expect(canMakeBySize(menu, "margherita", stock).get("M")).toBe(0);
  });

  it("says nothing for a product whose ingredients are not tracked", () => {
    expect(canMakeBySize(menu, "margherita", new Map()).size).toBe(0);
  });
});
