/**
 * The promotions of the menu page: the list (with a button to stop one) and
 * a form to create one: a percentage on some categories, or the second item
 * reduced, between two days, on some weekdays.
 */
import { useState, type FormEvent } from "react";

import { promotionInputSchema, type MenuSnapshot, type Promotion } from "@ocpizza/schema";

import type { MessageKey } from "../../i18n/fr.js";
import { useI18n } from "../../i18n/i18n.js";
import { menuApi } from "./menu-api.js";

interface Props {
  promotions: readonly Promotion[];
  categories: MenuSnapshot["categories"];
  save: (work: () => Promise<unknown>) => Promise<void>;
  onError: (message: string) => void;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const today = () => new Date().toISOString().slice(0, 10);

export function PromotionsPanel({ promotions, categories, save, onError }: Props) {
  const { t, locale } = useI18n();
  const [form, setForm] = useState({
    nameFr: "",
    nameEn: "",
    kind: "percent_off" as Promotion["kind"],
    percent: "10",
    categoryIds: [] as string[],
    startsOn: today(),
    endsOn: today(),
    weekdays: [] as number[],
  });
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = promotionInputSchema.safeParse({
      ...form,
      percentBp: Math.round(Number(form.percent.replace(",", ".")) * 100),
    });
    if (!parsed.success) {
      return onError(
        parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    }
    void save(() => menuApi.createPromotion(parsed.data));
  };

  const stop = (promotion: Promotion) => {
    const { id, ...input } = promotion;
    void save(() => menuApi.savePromotion(id, { ...input, active: false }));
  };

  return (
    <section className="menu-promotions">
      <h2>{t("menu.promotions")}</h2>
      {promotions.length === 0 && <p>{t("menu.promotions.none")}</p>}
      <ul>
        {promotions.map((p) => (
          <li key={p.id}>
            {t("menu.promotion.row", {
              name: locale === "fr" ? p.nameFr : p.nameEn,
              percent: `${p.percentBp / 100} %`,
              from: p.startsOn,
              to: p.endsOn,
            })}{" "}
            {p.active ? (
              <button type="button" onClick={() => stop(p)}>
                {t("menu.promotion.stop")}
              </button>
            ) : (
              <em>{t("menu.promotion.stopped")}</em>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit}>
        <label>
          {t("menu.promotion.nameFr")}{" "}
          <input
            value={form.nameFr}
            onChange={(e) => setForm({ ...form, nameFr: e.target.value })}
          />
        </label>
        <label>
          {t("menu.promotion.nameEn")}{" "}
          <input
            value={form.nameEn}
            onChange={(e) => setForm({ ...form, nameEn: e.target.value })}
          />
        </label>
        <label>
          {t("menu.promotion.kind")}{" "}
          <select
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as Promotion["kind"] })}
          >
            <option value="percent_off">{t("menu.promotion.kind.percent_off")}</option>
            <option value="second_item">{t("menu.promotion.kind.second_item")}</option>
          </select>
        </label>
        <label>
          {t("menu.promotion.percent")}{" "}
          <input
            inputMode="decimal"
            value={form.percent}
            onChange={(e) => setForm({ ...form, percent: e.target.value })}
          />
        </label>
        <fieldset>
          <legend>{t("menu.promotion.categories")}</legend>
          {categories.map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={form.categoryIds.includes(c.id)}
                onChange={() => setForm({ ...form, categoryIds: toggle(form.categoryIds, c.id) })}
              />{" "}
              {locale === "fr" ? c.nameFr : c.nameEn}
            </label>
          ))}
        </fieldset>
        <label>
          {t("menu.promotion.from")}{" "}
          <input
            type="date"
            value={form.startsOn}
            onChange={(e) => setForm({ ...form, startsOn: e.target.value })}
          />
        </label>
        <label>
          {t("menu.promotion.to")}{" "}
          <input
            type="date"
            value={form.endsOn}
            onChange={(e) => setForm({ ...form, endsOn: e.target.value })}
          />
        </label>
        <fieldset>
          <legend>{t("menu.promotion.weekdays")}</legend>
          {WEEKDAYS.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={form.weekdays.includes(day)}
                onChange={() => setForm({ ...form, weekdays: toggle(form.weekdays, day) })}
              />{" "}
              {t(`menu.weekday.${day}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t("menu.promotion.create")}</button>
      </form>
    </section>
  );
}
