/**
 * Plausible allergens for the seeded menu, derived from what each product is
 * made of: the Pizza Place files list toppings only, so every pizza also gets
 * its dough (wheat: gluten). A real kitchen checks these against its
 * suppliers' sheets; managers correct them at /manage/menu.
 */
import type { Allergen } from "@ocpizza/schema";

/** Every pizza's base: wheat dough. */
export const PIZZA_BASE_ALLERGENS: readonly Allergen[] = ["gluten"];

/** Allergens of a topping, by ingredient id (menu-data.ts slug); absent: none of the fourteen. */
export const INGREDIENT_ALLERGENS: Record<string, readonly Allergen[]> = {
  "alfredo-sauce": ["milk"],
  anchovies: ["fish"],
  "asiago-cheese": ["milk"],
  "barbecue-sauce": ["mustard", "sulphites"],
  "blue-cheese": ["milk"],
  "brie-carre-cheese": ["milk"],
  "calabrese-salami": ["sulphites"],
  "coarse-sicilian-salami": ["sulphites"],
  "feta-cheese": ["milk"],
  "fontina-cheese": ["milk"],
  "genoa-salami": ["sulphites"],
  "goat-cheese": ["milk"],
  "gorgonzola-piccante-cheese": ["milk"],
  "gouda-cheese": ["milk"],
  "italian-sausage": ["sulphites"],
  "luganega-sausage": ["sulphites"],
  "mozzarella-cheese": ["milk"],
  "parmigiano-reggiano-cheese": ["milk"],
  // Genoese pesto: parmesan and pine nuts; the nuts used are often cashews.
  "pesto-sauce": ["milk", "nuts"],
  "provolone-cheese": ["milk"],
  "ricotta-cheese": ["milk"],
  "romano-cheese": ["milk"],
  "smoked-gouda-cheese": ["milk"],
  "soppressata-salami": ["sulphites"],
  "thai-sweet-chilli-sauce": ["soybeans"],
};

/** Drinks and desserts, by product id (menu-data.ts EXTRA_PRODUCTS). */
export const PRODUCT_ALLERGENS: Record<string, readonly Allergen[]> = {
  biere_peroni_33: ["gluten"],
  vin_chianti_75: ["sulphites"],
  vin_rose_75: ["sulphites"],
  tiramisu: ["gluten", "eggs", "milk"],
  panna_cotta: ["milk"],
  fondant_chocolat: ["gluten", "eggs", "soybeans", "milk"],
  glace_vanille_500: ["eggs", "milk"],
};

/** product_allergens rows for a seeded menu: a pizza's dough and toppings, or the table above. */
export function seedAllergenRows(menu: {
  products: readonly { id: string }[];
  recipes: readonly { productId: string; ingredientId: string }[];
}): { productId: string; allergen: Allergen }[] {
  return menu.products.flatMap(({ id }) => {
    const toppings = menu.recipes.filter((r) => r.productId === id);
    const found = new Set<Allergen>(
      toppings.length === 0
        ? (PRODUCT_ALLERGENS[id] ?? [])
        : [
            ...PIZZA_BASE_ALLERGENS,
            ...toppings.flatMap((r) => INGREDIENT_ALLERGENS[r.ingredientId] ?? []),
          ],
    );
    return [...found].sort().map((allergen) => ({ productId: id, allergen }));
  });
}
