import { describe, expect, it } from "vitest";

import { changeDueCents, orderTotalCents, priceLine } from "./pricing.js";

const menu = {
  products: [
    {
      id: "hawaiian",
      categoryId: "classic",
      nameFr: "The Hawaiian Pizza",
      nameEn: "The Hawaiian Pizza",
      vat: { eat_in: 1000, takeaway: 1000, delivery: 1000 },
      sizes: [
        { size: "S", priceCents: 1050 },
        { size: "M", priceCents: 1325 },
      ],
      ingredientIds: ["sliced_ham", "pineapple", "mozzarella_cheese"],
      sortOrder: 1,
    },
    {
      id: "coca_cola",
      categoryId: "drinks",
      nameFr: "Coca-Cola 33 cl",
      nameEn: "Coca-Cola 33 cl",
      vat: { eat_in: 1000, takeaway: 550, delivery: 550 },
      sizes: [{ size: "U", priceCents: 300 }],
      ingredientIds: [],
      sortOrder: 2,
    },
  ],
  ingredients: [
    {
      id: "mozzarella_cheese",
      nameFr: "Mozzarella",
      nameEn: "Mozzarella Cheese",
      unit: "g",
      extraPriceCents: 250,
    },
    { id: "pineapple", nameFr: "Ananas", nameEn: "Pineapple", unit: "g", extraPriceCents: 150 },
    {
      id: "tomato_sauce",
      nameFr: "Sauce tomate",
      nameEn: "Tomato Sauce",
      unit: "ml",
      extraPriceCents: null,
    },
  ],
};

describe("priceLine", () => {
  it.each([
    ["a plain size", { productId: "hawaiian", size: "M", options: [] }, "takeaway", 1325, 1000],
    [
      "two extras and a removal",
      {
        productId: "hawaiian",
        size: "S",
        options: [
          { kind: "extra" as const, ingredientId: "mozzarella_cheese", priceCents: 250 },
          { kind: "extra" as const, ingredientId: "pineapple", priceCents: 150 },
          { kind: "without" as const, ingredientId: "sliced_ham", priceCents: 0 },
        ],
      },
      "eat_in",
      1450,
      1000,
    ],
    [
      "a drink taken away",
      { productId: "coca_cola", size: "U", options: [] },
      "takeaway",
      300,
      550,
    ],
    ["a drink drunk in", { productId: "coca_cola", size: "U", options: [] }, "eat_in", 300, 1000],
  ] as const)("prices %s", (_case, line, mode, unitPriceCents, vatRateBp) => {
    expect(priceLine(menu, line, mode)).toEqual({
      ok: true,
      priced: { unitPriceCents, vatRateBp },
    });
  });

  it.each([
    ["an unknown product", { productId: "calzone", size: "M", options: [] }],
    ["an unknown size", { productId: "hawaiian", size: "XXL", options: [] }],
    [
      "an extra not offered",
      {
        productId: "hawaiian",
        size: "M",
        options: [{ kind: "extra" as const, ingredientId: "tomato_sauce", priceCents: 0 }],
      },
    ],
  ])("flags %s", (_case, line) => {
    expect(priceLine(menu, line, "takeaway")).toMatchObject({ ok: false, flag: "unknown_product" });
  });
});

describe("totals and change", () => {
  it("adds quantities times unit prices", () => {
    expect(
      orderTotalCents([
        { unitPriceCents: 1325, quantity: 2 },
        { unitPriceCents: 300, quantity: 3 },
      ]),
    ).toBe(3550);
  });

  it.each([
    ["cash", 1325, 2000, 675],
    ["cash", 1325, 1325, 0],
    ["cash", 1325, undefined, 0],
    ["meal_voucher", 800, 1000, 0],
    ["cheque", 1325, 1325, 0],
  ] as const)("%s of %i tendered %s gives %i back", (method, amount, tendered, change) => {
    expect(changeDueCents(method, amount, tendered)).toBe(change);
  });
});
