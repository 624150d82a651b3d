/** The products of one category as big buttons with their price ("dès" the smallest size). */
import type { MenuProduct } from "../../cart/cart.js";
import { useI18n } from "../../i18n/i18n.js";
import { tabId } from "./CategoryTabs.js";
import { StockBadge, useLocalStock } from "../../stock/StockBadge.js";

interface ProductGridProps {
  products: MenuProduct[];
  categoryId: string;
  panelId: string;
  onPick: (product: MenuProduct) => void;
}

export function ProductGrid({ products, categoryId, panelId, onPick }: ProductGridProps) {
  const { t, money, locale } = useI18n();
  const stock = useLocalStock();
  return (
    <div className="product-grid" role="tabpanel" id={panelId} aria-labelledby={tabId(categoryId)}>
      {products.map((product) => {
        const lowest = Math.min(...product.sizes.map((s) => s.priceCents));
        const price =
          product.sizes.length > 1 ? t("counter.from", { price: money(lowest) }) : money(lowest);
        return (
          <button
            key={product.id}
            type="button"
            className="product"
            onClick={() => onPick(product)}
          >
            <span className="product-name">
              {locale === "fr" ? product.nameFr : product.nameEn}
            </span>
            <span className="product-price">{price}</span>
            <StockBadge productId={product.id} stock={stock} />
          </button>
        );
      })}
    </div>
  );
}
