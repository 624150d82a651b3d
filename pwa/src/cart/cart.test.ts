import { describe, expect, it } from "vitest";

import { TEST_MENU } from "../testing/fixtures.js";
import {
  addLine,
  addOutcome,
  MAX_CART_LINES,
  buildOptions,
  needsChoice,
  priceCart,
  setQuantity,
  toOrderLines,
  type CartLine,
} from "./cart.js";

function line(
  productId: string,
  size: string,
  quantity = 1,
  extras: string[] = [],
  without: string[] = [],
) {
  return { productId, size, quantity, note: "", options: buildOptions(TEST_MENU, extras, without) };
}

describe("pricing a cart from the menu", () => {
  it.each([
    { case: "one medium pepperoni", lines: [line("pepperoni", "M")], mode: "eat_in", total: 1250 },
    { case: "two large Greek", lines: [line("the_greek", "L", 2)], mode: "takeaway", total: 4100 },
    { case: "XXL Greek", lines: [line("the_greek", "XXL")], mode: "eat_in", total: 3595 },
    {
      case: "extra mushrooms (1.50) and feta (2.50) on a small pepperoni, x3",
      lines: [line("pepperoni", "S", 3, ["mushrooms", "feta-cheese"])],
      mode: "eat_in",
      total: 3 * (950 + 150 + 250),
    },
    {
      case: "'without' costs nothing",
      lines: [line("veggie_veg", "M", 1, [], ["mushrooms"])],
      mode: "eat_in",
      total: 1600,
    },
    {
      case: "a sauce cannot be an extra (no price): ignored",
      lines: [line("veggie_veg", "M", 1, ["tomato-sauce"])],
      mode: "eat_in",
      total: 1600,
    },
    {
      case: "pizza, cola and tiramisu",
      lines: [line("pepperoni", "L"), line("cola", "U", 2), line("tiramisu", "U")],
      mode: "takeaway",
      total: 1550 + 600 + 550,
    },
  ] as const)("$case -> $total cents", ({ lines, mode, total }) => {
    const cart = lines.map((l, i) => ({ ...l, key: String(i), options: [...l.options] }));
    expect(priceCart(TEST_MENU, cart, mode).totalCents).toBe(total);
  });

  it.each([
    { productId: "cola", eat_in: 1000, takeaway: 550, delivery: 550 },
    { productId: "beer", eat_in: 2000, takeaway: 2000, delivery: 2000 },
    { productId: "pepperoni", eat_in: 1000, takeaway: 1000, delivery: 1000 },
  ] as const)("$productId carries the VAT rate of the service mode", (row) => {
    const size = row.productId === "pepperoni" ? "M" : "U";
    for (const mode of ["eat_in", "takeaway", "delivery"] as const) {
      const priced = priceCart(TEST_MENU, [{ ...line(row.productId, size), key: "a" }], mode);
      expect(priced.lines[0].vatRateBp).toBe(row[mode]);
    }
  });

  it("marks a line the menu no longer offers, and the cart as not valid", () => {
    const cart = [{ ...line("pepperoni", "XXL"), key: "a" }];
    const priced = priceCart(TEST_MENU, cart, "eat_in");
    expect(priced.lines[0].available).toBe(false);
    expect(priced.valid).toBe(false);
  });

  it("turns a priced cart into order lines with the French name, options and note", () => {
    const cart = [
      {
        ...line("pepperoni", "M", 2, ["mushrooms"], ["pepperoni"]),
        key: "a",
        note: " bien cuite ",
      },
    ];
    const [orderLine] = toOrderLines(priceCart(TEST_MENU, cart, "eat_in"));
    expect(orderLine).toEqual({
      productId: "pepperoni",
      size: "M",
      name: "Pepperoni",
      categoryId: "classic",
      quantity: 2,
      unitPriceCents: 1400,
      vatRateBp: 1000,
      options: [
        { kind: "extra", ingredientId: "mushrooms", priceCents: 150 },
        { kind: "without", ingredientId: "pepperoni", priceCents: 0 },
      ],
      note: "bien cuite",
    });
  });
});

describe("editing the cart", () => {
  it("adds one more to an identical line instead of a new line", () => {
    let cart: CartLine[] = [];
    cart = addLine(cart, line("cola", "U"), "a");
    cart = addLine(cart, line("cola", "U", 2), "b");
    cart = addLine(cart, line("pepperoni", "M", 1, ["mushrooms"]), "c");
    cart = addLine(cart, line("pepperoni", "M"), "d");
    expect(cart.map((l) => [l.key, l.quantity])).toEqual([
      ["a", 3],
      ["c", 1],
      ["d", 1],
    ]);
  });

  it.each([
    { from: 2, to: 3, expected: [3] },
    { from: 1, to: 0, expected: [] },
    { from: 98, to: 120, expected: [99] },
  ])("quantity $from -> $to leaves $expected", ({ from, to, expected }) => {
    const cart = [{ ...line("cola", "U", from), key: "a" }];
    expect(setQuantity(cart, "a", to).map((l) => l.quantity)).toEqual(expected);
  });

  it("refuses a 101st line and says so, but still adds to a line already there", () => {
    const full = Array.from({ length: MAX_CART_LINES }, (_, i) => ({
      ...line("pepperoni", "M"),
      note: `n${i}`,
      key: `k${i}`,
    }));
    expect(addOutcome(full, line("cola", "U"))).toBe("too_many_lines");
    expect(addLine(full, line("cola", "U"), "new")).toHaveLength(MAX_CART_LINES);
    expect(addOutcome(full, { ...line("pepperoni", "M"), note: "n0" })).toBe("more");
  });

  it("says a tap on a line at 99 changes nothing", () => {
    const cart = [{ ...line("cola", "U", 99), key: "a" }];
    expect(addOutcome(cart, line("cola", "U"))).toBe("max_quantity");
    expect(addOutcome(cart, line("beer", "U"))).toBe("added");
  });

  it("knows which products need the size and options dialog", () => {
    const byId = (id: string) => TEST_MENU.products.find((p) => p.id === id)!;
    expect(needsChoice(byId("pepperoni"))).toBe(true);
    expect(needsChoice(byId("cola"))).toBe(false);
  });
});
