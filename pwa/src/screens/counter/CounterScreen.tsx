/**
 * The counter (/): category tabs and product buttons on the left, the cart on
 * the right; a pizza opens its size and options; after a sale, the ticket.
 */
import { useState } from "react";

import { useCart } from "../../app/cart-store.js";
import { useMenu } from "../../app/data-hooks.js";
import { needsChoice, type MenuProduct } from "../../cart/cart.js";
import { useI18n } from "../../i18n/i18n.js";
import { TicketDialog } from "../ticket/TicketDialog.js";
import { CartPanel } from "./CartPanel.js";
import { CategoryTabs } from "./CategoryTabs.js";
import { PizzaDialog } from "./PizzaDialog.js";
import { ProductGrid } from "./ProductGrid.js";
import "./counter.css";

const PANEL_ID = "product-panel";

export function CounterScreen() {
  const { t } = useI18n();
  const menu = useMenu();
  const cart = useCart();
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [choosing, setChoosing] = useState<MenuProduct | null>(null);
  const [ticketOrderId, setTicketOrderId] = useState<string | null>(null);

  if (menu === undefined) return <div className="app-loading" aria-busy="true" />;
  if (menu === null) {
    return (
      <p className="notice" role="status">
        {t("counter.noMenu")}
      </p>
    );
  }

  const categories = [...menu.categories].sort((a, b) => a.sortOrder - b.sortOrder);
  const activeId = categories.some((c) => c.id === categoryId)
    ? categoryId!
    : (categories[0]?.id ?? "");
  const products = menu.products
    .filter((p) => p.categoryId === activeId)
    .sort((a, b) => a.sortOrder - b.sortOrder);

  const pick = (product: MenuProduct) => {
    if (needsChoice(product)) setChoosing(product);
    else
      cart.add({
        productId: product.id,
        size: product.sizes[0].size,
        options: [],
        quantity: 1,
        note: "",
      });
  };

  return (
    <div className="counter">
      <section className="catalog" aria-label={t("counter.title")}>
        <CategoryTabs
          categories={categories}
          activeId={activeId}
          panelId={PANEL_ID}
          onSelect={setCategoryId}
        />
        <ProductGrid products={products} categoryId={activeId} panelId={PANEL_ID} onPick={pick} />
      </section>
      <CartPanel menu={menu} onSaleRecorded={setTicketOrderId} />

      {choosing && (
        <PizzaDialog
          product={choosing}
          menu={menu}
          serviceMode={cart.serviceMode}
          onClose={() => setChoosing(null)}
          onAdd={(line) => {
            cart.add(line);
            setChoosing(null);
          }}
        />
      )}
      {ticketOrderId && (
        <TicketDialog orderId={ticketOrderId} afterSale onClose={() => setTicketOrderId(null)} />
      )}
    </div>
  );
}
