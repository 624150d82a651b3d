/**
 * Choosing a pizza: its size (S to XXL with prices), priced extra toppings and
 * "sans" for its own ingredients, with the unit price shown live from the menu.
 */
import { priceLine, type MenuSnapshot, type ServiceMode } from "@ocpizza/schema";
import { useState } from "react";

import { buildOptions, MAX_OPTIONS, type CartLine, type MenuProduct } from "../../cart/cart.js";
import { Dialog } from "../../components/Dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { AllergenLine } from "./AllergenLine.js";

interface PizzaDialogProps {
  product: MenuProduct;
  menu: MenuSnapshot;
  serviceMode: ServiceMode;
  onAdd: (line: Omit<CartLine, "key">) => void;
  onClose: () => void;
}

export function PizzaDialog({
  product: opened,
  menu,
  serviceMode,
  onAdd,
  onClose,
}: PizzaDialogProps) {
  const { t, money, locale } = useI18n();
  // The menu may change while the dialog is open (a pull): show its sizes and prices as they are now.
  const product = menu.products.find((p) => p.id === opened.id) ?? opened;
  const [size, setSize] = useState(
    () => product.sizes.find((s) => s.size === "M")?.size ?? product.sizes[0].size,
  );
  const [extras, setExtras] = useState<string[]>([]);
  const [without, setWithout] = useState<string[]>([]);

  const name = (ingredient: MenuSnapshot["ingredients"][number]) =>
    locale === "fr" ? ingredient.nameFr : ingredient.nameEn;
  const offered = menu.ingredients
    .filter((i) => i.extraPriceCents !== null)
    .sort((a, b) => name(a).localeCompare(name(b), locale));
  const own = product.ingredientIds.flatMap((id) => menu.ingredients.filter((i) => i.id === id));
  const options = buildOptions(menu, extras, without);
  const priced = priceLine(menu, { productId: product.id, size, options }, serviceMode);
  const full = extras.length + without.length >= MAX_OPTIONS;

  const toggle = (list: string[], set: (next: string[]) => void, id: string) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  return (
    <Dialog
      title={locale === "fr" ? product.nameFr : product.nameEn}
      onClose={onClose}
      className="pizza-dialog"
    >
      <fieldset className="size-choice">
        <legend>{t("pizza.size")}</legend>
        {product.sizes.map((option) => (
          <label key={option.size} className="choice">
            <input
              type="radio"
              name="size"
              value={option.size}
              checked={size === option.size}
              onChange={() => setSize(option.size)}
            />
            <span className="choice-main">{option.size}</span>{" "}
            <span>{money(option.priceCents)}</span>
          </label>
        ))}
      </fieldset>

      {own.length > 0 && (
        <fieldset className="option-choice">
          <legend>{t("pizza.without")}</legend>
          {own.map((ingredient) => (
            <label key={ingredient.id} className="choice">
              <input
                type="checkbox"
                checked={without.includes(ingredient.id)}
                disabled={full && !without.includes(ingredient.id)}
                onChange={() => toggle(without, setWithout, ingredient.id)}
              />
              {t("pizza.withoutItem", { name: name(ingredient) })}
            </label>
          ))}
        </fieldset>
      )}

      <fieldset className="option-choice extras">
        <legend>{t("pizza.extras")}</legend>
        {offered.map((ingredient) => (
          <label key={ingredient.id} className="choice">
            <input
              type="checkbox"
              checked={extras.includes(ingredient.id)}
              disabled={full && !extras.includes(ingredient.id)}
              onChange={() => toggle(extras, setExtras, ingredient.id)}
            />
            {t("pizza.extraItem", { name: name(ingredient) })}{" "}
            <span>{money(ingredient.extraPriceCents ?? 0)}</span>
          </label>
        ))}
      </fieldset>
      {full && <p className="hint">{t("pizza.maxOptions")}</p>}
      <AllergenLine allergens={product.allergens} />

      <div className="dialog-footer">
        <output className="live-price" aria-live="polite">
          {t("pizza.price", { price: priced.ok ? money(priced.priced.unitPriceCents) : "—" })}
        </output>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!priced.ok}
            onClick={() => onAdd({ productId: product.id, size, options, quantity: 1, note: "" })}
          >
            {t("pizza.add")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
