/** How a cart or order line is named on screen and on the ticket: "Pepperoni (M)". */
import type { LineOption, MenuSnapshot } from "@ocpizza/schema";

import type { I18n } from "../../i18n/i18n.js";

export function lineTitle(name: string, size: string): string {
  return size === "U" ? name : `${name} (${size})`;
}

/**
 * A line's product name in the chosen language, from the menu; the name
 * recorded on the line (French) when the product is no longer on the menu.
 */
export function lineName(
  line: { productId: string; name: string },
  menu: Pick<MenuSnapshot, "products"> | null | undefined,
  locale: I18n["locale"],
): string {
  const product = menu?.products.find((p) => p.id === line.productId);
  if (!product) return line.name;
  return locale === "fr" ? product.nameFr : product.nameEn;
}

/** "+ Champignons, sans Mozzarella" in the chosen language; ids stand in for unknown ones. */
export function optionsText(
  t: I18n["t"],
  locale: I18n["locale"],
  options: readonly LineOption[],
  menu: Pick<MenuSnapshot, "ingredients"> | null | undefined,
): string {
  return options
    .map((option) => {
      const ingredient = menu?.ingredients.find((i) => i.id === option.ingredientId);
      const name = ingredient
        ? locale === "fr"
          ? ingredient.nameFr
          : ingredient.nameEn
        : option.ingredientId;
      return t(option.kind === "extra" ? "ticket.extra" : "ticket.without", { name });
    })
    .join(", ");
}
