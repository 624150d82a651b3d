import { describe, expect, it } from "vitest";

import {
  canStillMake,
  checkLineMove,
  lineIngredients,
  orderStatusFromLines,
  preparationStarted,
  type LinePrepStatus,
} from "./kitchen-state.js";
import type { OrderStatus } from "./order-state.js";

describe("line moves", () => {
  const cases: [OrderStatus, LinePrepStatus, LinePrepStatus, boolean][] = [
    ["accepted", "waiting", "preparing", true],
    ["accepted", "waiting", "in_oven", false],
    ["accepted", "waiting", "ready", false],
    ["preparing", "preparing", "in_oven", true],
    ["preparing", "preparing", "waiting", true],
    ["preparing", "preparing", "ready", false],
    ["preparing", "in_oven", "ready", true],
    ["preparing", "in_oven", "preparing", true],
    ["preparing", "in_oven", "waiting", false],
    ["ready", "ready", "in_oven", true],
    ["ready", "ready", "waiting", false],
    ["ready", "ready", "ready", false],
    ["pending", "waiting", "preparing", false],
    ["cancelled", "waiting", "preparing", false],
    ["completed", "in_oven", "ready", false],
    ["out_for_delivery", "ready", "in_oven", false],
  ];
  it.each(cases)("on an order %s, %s -> %s allowed: %s", (order, from, to, allowed) => {
    expect(checkLineMove(order, from, to).ok).toBe(allowed);
  });
});

describe("the order's status from its lines", () => {
  const cases: [OrderStatus, LinePrepStatus[], OrderStatus][] = [
    ["accepted", ["waiting", "waiting"], "accepted"],
    ["accepted", ["preparing", "waiting"], "preparing"],
    ["accepted", ["ready", "waiting"], "preparing"],
    ["preparing", ["ready", "ready"], "ready"],
    ["preparing", ["waiting", "waiting"], "preparing"],
    ["ready", ["ready", "in_oven"], "preparing"],
    ["accepted", ["ready"], "ready"],
    ["pending", ["ready"], "pending"],
    ["out_for_delivery", ["ready"], "out_for_delivery"],
    ["cancelled", ["preparing"], "cancelled"],
    ["accepted", [], "accepted"],
  ];
  it.each(cases)("order %s with lines %j is %s", (status, lines, expected) => {
    expect(orderStatusFromLines(status, lines)).toBe(expected);
  });
});

describe("preparation started", () => {
  const cases: [OrderStatus, LinePrepStatus[], boolean][] = [
    ["accepted", [], false],
    ["accepted", ["waiting"], false],
    ["accepted", ["preparing"], true],
    ["preparing", [], true],
    ["ready", [], true],
    ["pending", [], false],
  ];
  it.each(cases)("order %s with lines %j: %s", (status, lines, expected) => {
    expect(preparationStarted(status, lines)).toBe(expected);
  });
});

const recipes = [
  { productId: "margherita", size: "M", ingredientId: "mozzarella", quantity: 60 },
  { productId: "margherita", size: "M", ingredientId: "tomato-sauce", quantity: 80 },
  { productId: "margherita", size: "L", ingredientId: "mozzarella", quantity: 80 },
  { productId: "pepperoni", size: "M", ingredientId: "pepperoni", quantity: 50 },
  { productId: "pepperoni", size: "M", ingredientId: "mozzarella", quantity: 60 },
];

describe("what a line takes", () => {
  it("takes the recipe of its size times the quantity", () => {
    const taken = lineIngredients(recipes, { productId: "margherita", size: "M", quantity: 2 });
    expect(Object.fromEntries(taken)).toEqual({ mozzarella: 120, "tomato-sauce": 160 });
  });

  it("leaves out what the customer asked without and doubles an extra", () => {
    const taken = lineIngredients(recipes, {
      productId: "margherita",
      size: "M",
      quantity: 1,
      options: [
        { kind: "without", ingredientId: "tomato-sauce" },
        { kind: "extra", ingredientId: "mozzarella" },
        { kind: "extra", ingredientId: "pepperoni" },
      ],
    });
    expect(Object.fromEntries(taken)).toEqual({ mozzarella: 120, pepperoni: 50 });
  });

  it("takes nothing for a product without a recipe", () => {
    expect(lineIngredients(recipes, { productId: "cola", size: "33cl", quantity: 3 }).size).toBe(0);
  });
});

describe("can still make", () => {
  it("is the smallest quotient over the tracked ingredients", () => {
    const stock = new Map([
      ["mozzarella", 250],
      ["tomato-sauce", 1000],
    ]);
    expect(canStillMake(recipes, "margherita", "M", stock)).toBe(4);
    expect(canStillMake(recipes, "margherita", "L", stock)).toBe(3);
  });

  it("is zero when an ingredient is short or negative, null when nothing is tracked", () => {
    expect(canStillMake(recipes, "pepperoni", "M", new Map([["pepperoni", -20]]))).toBe(0);
    expect(canStillMake(recipes, "pepperoni", "M", new Map())).toBeNull();
  });
});
