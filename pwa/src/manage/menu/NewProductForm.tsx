/**
 * Adding a product to the menu: its code, category, names, VAT per service
 * mode and one price (size U, as drinks and desserts have); pizza sizes are
 * priced afterwards in the table. The server checks everything again.
 */
import { useState, type FormEvent } from "react";

import { VAT_RATES_BP, type MenuSnapshot } from "@ocpizza/schema";

import { useI18n } from "../../i18n/i18n.js";
import { menuApi, readPrices } from "./menu-api.js";

interface Props {
  categories: MenuSnapshot["categories"];
  save: (work: () => Promise<unknown>) => Promise<void>;
  onError: (message: string) => void;
}

type Mode = "eat_in" | "takeaway" | "delivery";
const MODES: Mode[] = ["eat_in", "takeaway", "delivery"];

export function NewProductForm({ categories, save, onError }: Props) {
  const { t, locale } = useI18n();
  const [form, setForm] = useState({
    id: "",
    categoryId: categories[0]?.id ?? "",
    nameFr: "",
    nameEn: "",
    price: "",
    vat: { eat_in: 1000, takeaway: 550, delivery: 550 } as Record<Mode, number>,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const read = readPrices({ U: form.price });
    if (!read.ok) return onError(t("menu.badPrice", { size: "U" }));
    const { price: _price, ...rest } = form;
    void save(() => menuApi.createProduct({ ...rest, id: rest.id.trim(), sizes: read.prices }));
  };

  return (
    <form className="menu-new-product" onSubmit={onSubmit}>
      <h2>{t("menu.newProduct")}</h2>
      <label>
        {t("menu.newProduct.id")}{" "}
        <input value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} />
      </label>
      <label>
        {t("menu.newProduct.category")}{" "}
        <select
          value={form.categoryId}
          onChange={(e) => setForm({ ...form, categoryId: e.target.value })}
        >
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === "fr" ? c.nameFr : c.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("menu.promotion.nameFr")}{" "}
        <input value={form.nameFr} onChange={(e) => setForm({ ...form, nameFr: e.target.value })} />
      </label>
      <label>
        {t("menu.promotion.nameEn")}{" "}
        <input value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} />
      </label>
      <label>
        {t("menu.newProduct.price")}{" "}
        <input
          inputMode="decimal"
          value={form.price}
          onChange={(e) => setForm({ ...form, price: e.target.value })}
        />
      </label>
      {MODES.map((mode) => (
        <label key={mode}>
          {t(`menu.newProduct.vat.${mode}`)}{" "}
          <select
            value={form.vat[mode]}
            onChange={(e) =>
              setForm({ ...form, vat: { ...form.vat, [mode]: Number(e.target.value) } })
            }
          >
            {VAT_RATES_BP.map((rate) => (
              <option key={rate} value={rate}>
                {rate / 100} %
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit">{t("menu.newProduct.create")}</button>
    </form>
  );
}
