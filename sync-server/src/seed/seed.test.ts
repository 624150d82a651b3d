/**
 * Tests of the seed: the menu built from the Pizza Place files, and seeding a database once.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, StoreInfo } from "@ocpizza/schema";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { readSeedMenu, seedDatabase } from "./seed.js";

describe("the seed menu built from the Pizza Place files", () => {
  const menu = readSeedMenu();
  const price = (productId: string, size: string) =>
    menu.sizes.find((s) => s.productId === productId && s.size === size)?.priceCents;

  it("has the 32 pizzas and 96 priced sizes of the data set, plus drinks and desserts", () => {
    const pizzas = menu.products.filter((p) => !["drinks", "desserts"].includes(p.categoryId));
    expect(pizzas).toHaveLength(32);
    expect(menu.sizes.filter((s) => s.size !== "U")).toHaveLength(96);
    expect(menu.products.filter((p) => p.categoryId === "drinks").length).toBeGreaterThan(3);
    expect(menu.products.filter((p) => p.categoryId === "desserts").length).toBeGreaterThan(2);
  });

  it("reads prices into exact cents", () => {
    expect(price("bbq_ckn", "S")).toBe(1275);
    expect(price("big_meat", "L")).toBe(2050);
    expect(price("the_greek", "XXL")).toBe(3595);
    const sum = menu.sizes.filter((s) => s.size !== "U").reduce((a, s) => a + s.priceCents, 0);
    expect(sum).toBe(157_830);
  });

  it("gives each product the VAT of its kind in each service mode", () => {
    const vat = (id: string) => {
      const p = menu.products.find((product) => product.id === id)!;
      return [p.vatEatInBp, p.vatTakeawayBp, p.vatDeliveryBp];
    };
    expect(vat("hawaiian")).toEqual([1000, 1000, 1000]);
    expect(vat("coca_cola_33")).toEqual([1000, 550, 550]);
    expect(vat("tiramisu")).toEqual([1000, 550, 550]);
    expect(vat("biere_peroni_33")).toEqual([2000, 2000, 2000]);
    expect(vat("vin_chianti_75")).toEqual([2000, 2000, 2000]);
  });

  it("names categories and ingredients in French and prices extras by kind", () => {
    const categories = Object.fromEntries(menu.categories.map((c) => [c.id, c.nameFr]));
    expect(categories).toMatchObject({
      chicken: "Poulet",
      classic: "Classique",
      supreme: "Suprême",
      veggie: "Végétarienne",
    });
    const ingredient = (id: string) => menu.ingredients.find((i) => i.id === id);
    expect(menu.ingredients).toHaveLength(65);
    expect(ingredient("sun-dried-tomatoes")).toMatchObject({
      nameFr: "Tomates séchées",
      unit: "g",
      extraPriceCents: 150,
    });
    expect(ingredient("mozzarella-cheese")).toMatchObject({ extraPriceCents: 250 });
    expect(ingredient("pepperoni")).toMatchObject({ extraPriceCents: 250 });
    expect(ingredient("pesto-sauce")).toMatchObject({ unit: "ml", extraPriceCents: null });
  });

  it("scales recipe quantities with the size", () => {
    const quantity = (size: string) =>
      menu.recipes.find(
        (r) => r.productId === "the_greek" && r.size === size && r.ingredientId === "feta-cheese",
      )?.quantity;
    expect([quantity("S"), quantity("M"), quantity("L"), quantity("XL"), quantity("XXL")]).toEqual([
      45, 60, 75, 90, 105,
    ]);
    expect(
      menu.recipes
        .filter((r) => r.productId === "hawaiian" && r.size === "M")
        .map((r) => r.ingredientId)
        .sort(),
    ).toEqual(["mozzarella-cheese", "pineapple", "sliced-ham"]);
  });
});

describe("seeding a database", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it("creates the five stores with their clock rules", async () => {
    const response = await t.app.request("/api/v1/stores");
    const { stores } = (await response.json()) as { stores: StoreInfo[] };

    expect(stores.map((s) => s.id).sort()).toEqual([
      "bastille",
      "batignolles",
      "boulogne",
      "montmartre",
      "vincennes",
    ]);
    expect(stores.every((s) => s.timeZone === "Europe/Paris" && s.closingMinutes === 240)).toBe(
      true,
    );
  });

  it("serves menu version 1 as a MenuSnapshot", async () => {
    const menu = (await (await t.app.request("/api/v1/menu")).json()) as MenuSnapshot;

    expect(menu.version).toBe(1);
    const greek = menu.products.find((p) => p.id === "the_greek")!;
    expect(greek.sizes.map((s) => s.size)).toEqual(["S", "M", "L", "XL", "XXL"]);
    expect(greek.vat).toEqual({ eat_in: 1000, takeaway: 1000, delivery: 1000 });
    expect(greek.ingredientIds).toContain("kalamata-olives");
  });

  it("does nothing the second time", async () => {
    const count = async () => {
      const [rows] = await t.pool.query<RowDataPacket[]>(
        "SELECT (SELECT COUNT(*) FROM stores) AS stores, (SELECT COUNT(*) FROM products) AS " +
          "products, (SELECT COUNT(*) FROM recipe_items) AS recipes",
      );
      return rows[0];
    };
    const before = await count();

    expect(await seedDatabase(t.pool)).toEqual({ stores: false, menu: false });
    expect(await count()).toEqual(before);
  });
});
