/**
 * A line as the pizzaiolo reads it: each ingredient with its quantity for
 * the line's size (times the quantity ordered), named in the counter's
 * language, from the menu the device last synced.
 */
import { lineIngredients, type MenuSnapshot, type OrderLine } from "@ocpizza/schema";

export interface RecipeItem {
  ingredientId: string;
  name: string;
  quantity: number;
  unit: string;
}

export function lineRecipe(
  menu: MenuSnapshot | null | undefined,
  line: OrderLine,
  locale: "fr" | "en",
): RecipeItem[] {
  if (!menu) return [];
  const names = new Map(menu.ingredients.map((i) => [i.id, i]));
  return [...lineIngredients(menu.recipes, line)].map(([ingredientId, quantity]) => {
    const ingredient = names.get(ingredientId);
    return {
      ingredientId,
      name: ingredient ? (locale === "fr" ? ingredient.nameFr : ingredient.nameEn) : ingredientId,
      quantity,
      unit: ingredient?.unit ?? "",
    };
  });
}

/** The name of an ingredient for an option ("sans oignons", "+ olives"). */
export function ingredientName(
  menu: MenuSnapshot | null | undefined,
  ingredientId: string,
  locale: "fr" | "en",
): string {
  const ingredient = menu?.ingredients.find((i) => i.id === ingredientId);
  if (!ingredient) return ingredientId;
  return locale === "fr" ? ingredient.nameFr : ingredient.nameEn;
}
