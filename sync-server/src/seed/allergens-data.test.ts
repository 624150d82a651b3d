import { describe, expect, it } from "vitest";

import { ALLERGENS } from "@ocpizza/schema";

import { INGREDIENT_ALLERGENS, seedAllergenRows } from "./allergens-data.js";
import { readSeedMenu } from "./seed.js";

const menu = readSeedMenu();
const rows = seedAllergenRows(menu);
const of = (productId: string) =>
  rows.filter((r) => r.productId === productId).map((r) => r.allergen);

describe("the seeded allergens", () => {
  it("come from what each product is made of", () => {
    expect(of("hawaiian")).toEqual(["gluten", "milk"]);
    expect(of("napolitana")).toContain("fish");
    expect(of("tiramisu")).toEqual(["eggs", "gluten", "milk"]);
    expect(of("vin_chianti_75")).toEqual(["sulphites"]);
    expect(of("coca_cola_33")).toEqual([]);
  });

  it("give every pizza its dough's gluten", () => {
    const pizzas = new Set(menu.recipes.map((r) => r.productId));
    expect(pizzas.size).toBe(32);
    for (const id of pizzas) expect(of(id)).toContain("gluten");
  });

  it("name only real ingredients and the fourteen codes", () => {
    const ingredientIds = new Set(menu.ingredients.map((i) => i.id));
    for (const id of Object.keys(INGREDIENT_ALLERGENS)) expect(ingredientIds).toContain(id);
    for (const row of rows) expect(ALLERGENS).toContain(row.allergen);
  });
});
