/**
 * The cart's summary pinned at the bottom of a narrow screen (a phone), where
 * the cart sits below a long menu: item count, total and "Voir le panier".
 * Hidden on wide screens by counter.css; it never sells by itself.
 */
import { useI18n } from "../../i18n/i18n.js";

interface CartBarProps {
  itemCount: number;
  totalCents: number;
}

export function CartBar({ itemCount, totalCents }: CartBarProps) {
  const { t, tn, money } = useI18n();

  const showCart = () => {
    const cart = document.getElementById("cart");
    cart?.scrollIntoView({ behavior: "smooth", block: "start" });
    document.getElementById("cart-title")?.focus({ preventScroll: true });
  };

  return (
    <div className="cart-bar" role="region" aria-label={t("cart.summary")}>
      <span className="cart-bar-count">{tn("cart.count", itemCount)}</span>
      <strong className="cart-bar-total">{money(totalCents)}</strong>
      <button type="button" className="primary" onClick={showCart} disabled={itemCount === 0}>
        {t("cart.view")}
      </button>
    </div>
  );
}
