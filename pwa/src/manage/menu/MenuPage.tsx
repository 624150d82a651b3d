/**
 * The menu page (/manage/menu): products by category with their prices
 * (changed now or from a date), allergens and availability in the manager's
 * stores, the prices still to come, and the promotions. Every save is a new
 * menu version on the server; the page reloads what the server then says.
 */
import { useCallback, useEffect, useState } from "react";

import { type MenuSnapshot } from "@ocpizza/schema";

import { formatEurosInput } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";
import { errorText } from "../error-text.js";
import { useMyStores } from "../StorePicker.js";
import { AllergenBoxes } from "./AllergenBoxes.js";
import { effectiveAtOf, menuApi, readPrices, type AdminMenu } from "./menu-api.js";
import { NewProductForm } from "./NewProductForm.js";
import { PromotionsPanel } from "./PromotionsPanel.js";
import "./menu.css";

type Product = MenuSnapshot["products"][number];

export function MenuPage() {
  const { t, money, locale } = useI18n();
  const [data, setData] = useState<AdminMenu | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const reload = useCallback(
    () => menuApi.read().then(setData, (error: unknown) => setMessage(errorText(t, error))),
    [t],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs a change, then shows what the server now holds. */
  const save = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setMessage(t("menu.saved"));
    } catch (error) {
      setMessage(errorText(t, error, { forbidden: "menu.chainOnly" }));
    }
    await reload();
  };

  if (!data) return <p>{message ?? t("menu.loading")}</p>;
  const { menu } = data;
  const name = (p: { nameFr: string; nameEn: string }) => (locale === "fr" ? p.nameFr : p.nameEn);

  return (
    <section className="menu-main">
      <h1>{t("menu.title")}</h1>
      <p className="menu-version">{t("menu.version", { version: menu.version })}</p>
      {message && (
        <p className="menu-message" role="status">
          {message}
        </p>
      )}
      {data.scheduledPrices.length > 0 && (
        <section>
          <h2>{t("menu.scheduled")}</h2>
          <ul>
            {data.scheduledPrices.map((row) => {
              const product = menu.products.find((p) => p.id === row.productId);
              return (
                <li key={`${row.productId}-${row.size}-${row.effectiveAt}`}>
                  {t("menu.scheduled.row", {
                    product: product ? name(product) : row.productId,
                    size: row.size,
                    price: money(row.priceCents),
                    at: new Date(row.effectiveAt).toLocaleString(locale, {
                      timeZone: "Europe/Paris",
                    }),
                  })}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {menu.categories.map((category) => (
        <section key={category.id}>
          <h2>{name(category)}</h2>
          <table className="menu-table">
            <thead>
              <tr>
                <th>{t("menu.product")}</th>
                <th>{t("menu.prices")}</th>
                <th>{t("menu.allergens")}</th>
                <th>{t("menu.availability")}</th>
              </tr>
            </thead>
            <tbody>
              {menu.products
                .filter((p) => p.categoryId === category.id)
                .map((product) => (
                  <ProductRow
                    key={product.id}
                    product={product}
                    label={name(product)}
                    save={save}
                    onError={setMessage}
                  />
                ))}
            </tbody>
          </table>
        </section>
      ))}
      {data.inactiveProducts.length > 0 && (
        <section>
          <h2>{t("menu.inactive")}</h2>
          <ul>
            {data.inactiveProducts.map((p) => (
              <li key={p.id}>
                {name(p)}{" "}
                <button type="button" onClick={() => save(() => menuApi.setActive(p.id, true))}>
                  {t("menu.restoreProduct")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <NewProductForm categories={menu.categories} save={save} onError={setMessage} />
      <PromotionsPanel
        promotions={menu.promotions}
        categories={menu.categories}
        save={save}
        onError={setMessage}
      />
    </section>
  );
}

interface RowProps {
  product: Product;
  label: string;
  save: (work: () => Promise<unknown>) => Promise<void>;
  onError: (message: string) => void;
}

function ProductRow({ product, label, save, onError }: RowProps) {
  const { t, money, locale } = useI18n();
  const stores = useMyStores();
  // "13,25" in French, "13.25" in English; readPrices takes either mark.
  const typedOf = () =>
    Object.fromEntries(product.sizes.map((s) => [s.size, formatEurosInput(s.priceCents, locale)]));
  const [typed, setTyped] = useState<Record<string, string>>(typedOf);
  const [from, setFrom] = useState("");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setTyped(typedOf()), [product, locale]);

  const savePrices = () => {
    const read = readPrices(typed);
    if (!read.ok) return onError(t("menu.badPrice", { size: read.size }));
    const changed = read.prices.filter(
      (p) => p.priceCents !== product.sizes.find((s) => s.size === p.size)?.priceCents,
    );
    if (changed.length === 0 && from === "") return;
    void save(() =>
      menuApi.setPrices(
        product.id,
        changed.length > 0 ? changed : read.prices,
        effectiveAtOf(from),
      ),
    );
  };

  return (
    <tr data-product={product.id}>
      <td>
        {label}
        <div className="menu-vat">
          {t("menu.vat")} : {product.vat.eat_in / 100} % / {product.vat.takeaway / 100} %
        </div>
      </td>
      <td>
        <div className="menu-prices">
          {product.sizes.map((s) => (
            <label key={s.size}>
              {s.size}{" "}
              <input
                aria-label={`${label} ${s.size}`}
                title={money(s.priceCents)}
                inputMode="decimal"
                size={6}
                value={typed[s.size] ?? ""}
                onChange={(e) => setTyped({ ...typed, [s.size]: e.target.value })}
              />
            </label>
          ))}
        </div>
        <label className="menu-from">
          {t("menu.effectiveAt")}{" "}
          <input
            type="datetime-local"
            aria-label={`${label} ${t("menu.effectiveAt")}`}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <small>{t("menu.effectiveAt.hint")}</small>
        </label>
        <button type="button" onClick={savePrices}>
          {t("menu.savePrices")}
        </button>{" "}
        <button type="button" onClick={() => save(() => menuApi.setActive(product.id, false))}>
          {t("menu.removeProduct")}
        </button>
      </td>
      <td>
        <AllergenBoxes
          productId={product.id}
          allergens={product.allergens ?? []}
          onSave={(list) => save(() => menuApi.setAllergens(product.id, list))}
        />
      </td>
      <td>
        {stores.map((store) => {
          const available = !product.unavailableStoreIds?.includes(store.id);
          return (
            <label key={store.id} className="menu-store">
              <input
                type="checkbox"
                checked={available}
                onChange={() =>
                  save(() => menuApi.setAvailability(product.id, store.id, !available))
                }
              />{" "}
              {store.name}
            </label>
          );
        })}
      </td>
    </tr>
  );
}
