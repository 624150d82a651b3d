/**
 * The fourteen EU allergens of one product as checkboxes, folded under the
 * list of those it contains; saved together.
 */
import { useEffect, useState } from "react";

import { ALLERGEN_NAMES, ALLERGENS, sortAllergens } from "@ocpizza/schema";

import { useI18n } from "../../i18n/i18n.js";

interface Props {
  productId: string;
  allergens: readonly string[];
  onSave: (allergens: string[]) => void;
}

export function AllergenBoxes({ productId, allergens, onSave }: Props) {
  const { t, locale } = useI18n();
  const [checked, setChecked] = useState(() => new Set(allergens));
  useEffect(() => setChecked(new Set(allergens)), [allergens]);

  const toggle = (allergen: string) => {
    const next = new Set(checked);
    if (next.has(allergen)) next.delete(allergen);
    else next.add(allergen);
    setChecked(next);
  };
  const summary = sortAllergens(allergens)
    .map((a) => ALLERGEN_NAMES[a][locale])
    .join(", ");

  return (
    <details className="menu-allergens">
      <summary>{summary || t("menu.allergens.none")}</summary>
      {ALLERGENS.map((allergen) => (
        <label key={allergen}>
          <input
            type="checkbox"
            name={`${productId}-${allergen}`}
            checked={checked.has(allergen)}
            onChange={() => toggle(allergen)}
          />{" "}
          {ALLERGEN_NAMES[allergen][locale]}
        </label>
      ))}
      <button type="button" onClick={() => onSave(sortAllergens(checked))}>
        {t("menu.saveAllergens")}
      </button>
    </details>
  );
}
