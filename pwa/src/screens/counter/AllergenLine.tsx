/**
 * The EU allergens of a product, one line, for the clerk to read out when a
 * customer asks; nothing when the menu names none (or predates allergens).
 */
import { ALLERGEN_NAMES, sortAllergens } from "@ocpizza/schema";

import { useI18n } from "../../i18n/i18n.js";

export function AllergenLine({ allergens }: { allergens?: readonly string[] }) {
  const { t, locale } = useI18n();
  const known = sortAllergens(allergens ?? []);
  if (known.length === 0) return null;
  return (
    <p className="hint allergens" data-testid="allergens">
      {t("allergens.title")} : {known.map((a) => ALLERGEN_NAMES[a][locale]).join(", ")}
    </p>
  );
}
