/**
 * The fourteen allergens a food business must declare in the EU
 * (Regulation 1169/2011, Annex II), as stable codes with French and English
 * names. Which product contains which is menu data (docs/menu-and-prices.md).
 */
import { z } from "zod";

export const ALLERGENS = [
  "gluten",
  "crustaceans",
  "eggs",
  "fish",
  "peanuts",
  "soybeans",
  "milk",
  "nuts",
  "celery",
  "mustard",
  "sesame",
  "sulphites",
  "lupin",
  "molluscs",
] as const;
export type Allergen = (typeof ALLERGENS)[number];

export const allergenSchema = z.enum(ALLERGENS, {
  message: `must be one of the fourteen allergens: ${ALLERGENS.join(", ")}`,
});

/** Names as a menu or a ticket prints them. */
export const ALLERGEN_NAMES: Record<Allergen, { fr: string; en: string }> = {
  gluten: { fr: "Céréales contenant du gluten", en: "Cereals containing gluten" },
  crustaceans: { fr: "Crustacés", en: "Crustaceans" },
  eggs: { fr: "Œufs", en: "Eggs" },
  fish: { fr: "Poissons", en: "Fish" },
  peanuts: { fr: "Arachides", en: "Peanuts" },
  soybeans: { fr: "Soja", en: "Soybeans" },
  milk: { fr: "Lait", en: "Milk" },
  nuts: { fr: "Fruits à coque", en: "Nuts" },
  celery: { fr: "Céleri", en: "Celery" },
  mustard: { fr: "Moutarde", en: "Mustard" },
  sesame: { fr: "Graines de sésame", en: "Sesame seeds" },
  sulphites: { fr: "Anhydride sulfureux et sulfites", en: "Sulphur dioxide and sulphites" },
  lupin: { fr: "Lupin", en: "Lupin" },
  molluscs: { fr: "Mollusques", en: "Molluscs" },
};

/** Allergens in the order of the Annex, without repeats. */
export function sortAllergens(list: Iterable<string>): Allergen[] {
  const given = new Set(list);
  return ALLERGENS.filter((allergen) => given.has(allergen));
}
