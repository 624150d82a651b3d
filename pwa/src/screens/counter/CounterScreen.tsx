/**
 * The counter (/): category tabs and product buttons on the left, the cart on
 * the right (below, with a summary bar, on a phone); a pizza opens its size and
 * options; each tap is confirmed briefly; after a sale, the ticket.
 */
import { useEffect, useState } from "react";

import { useCart } from "../../app/cart-store.js";
import { useMenu, useMeta } from "../../app/data-hooks.js";
import {
  needsChoice,
  priceCart,
  type AddOutcome,
  type CartLine,
  type MenuProduct,
} from "../../cart/cart.js";
import { useI18n } from "../../i18n/i18n.js";
import { SignInDialog } from "../../staff/SignInDialog.js";
import { TicketDialog } from "../ticket/TicketDialog.js";
import { CartBar } from "./CartBar.js";
import { CartPanel } from "./CartPanel.js";
import { CategoryTabs } from "./CategoryTabs.js";
import { PizzaDialog } from "./PizzaDialog.js";
import { pricingOptions } from "./cart-pricing.js";
import { lineTitle } from "./line-label.js";
import { ProductGrid } from "./ProductGrid.js";
import "./counter.css";

const PANEL_ID = "product-panel";
/** How long "Ajouté : ..." stays on screen, in ms. */
const ADDED_NOTICE_MS = 2500;

export function CounterScreen() {
  const { t, locale } = useI18n();
  const menu = useMenu();
  const meta = useMeta();
  const cart = useCart();
  const [signingIn, setSigningIn] = useState(false);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [choosing, setChoosing] = useState<MenuProduct | null>(null);
  const [ticketOrderId, setTicketOrderId] = useState<string | null>(null);
  // The last tap's confirmation; `at` makes two taps on one product two notices.
  const [notice, setNotice] = useState<{ text: string; refused: boolean; at: number } | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), ADDED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  if (menu === undefined) return <div className="app-loading" aria-busy="true" />;
  if (menu === null) {
    return (
      <p className="notice" role="status">
        {t("counter.noMenu")}
      </p>
    );
  }

  // Every order records who took it: nobody signed in, no order.
  if (meta && !meta.signedIn) {
    return (
      <section className="sign-in-first">
        <p className="notice" role="status">
          {t("counter.signInFirst")}
        </p>
        <button type="button" className="primary big" onClick={() => setSigningIn(true)}>
          {t("staff.signIn")}
        </button>
        {signingIn && <SignInDialog onClose={() => setSigningIn(false)} />}
      </section>
    );
  }

  const categories = [...menu.categories].sort((a, b) => a.sortOrder - b.sortOrder);
  const activeId = categories.some((c) => c.id === categoryId)
    ? categoryId!
    : (categories[0]?.id ?? "");
  const products = menu.products
    .filter((p) => p.categoryId === activeId)
    .sort((a, b) => a.sortOrder - b.sortOrder);

  const addToCart = (line: Omit<CartLine, "key">) => {
    const outcome: AddOutcome = cart.add(line);
    const product = menu.products.find((p) => p.id === line.productId);
    const name = product ? (locale === "fr" ? product.nameFr : product.nameEn) : line.productId;
    const title = lineTitle(name, line.size);
    const text =
      outcome === "too_many_lines"
        ? t("cart.tooManyLines")
        : outcome === "max_quantity"
          ? t("cart.maxQuantityLine", { line: title })
          : t("cart.added", { line: title });
    setNotice({
      text,
      refused: outcome === "too_many_lines" || outcome === "max_quantity",
      at: Date.now(),
    });
  };

  const pick = (product: MenuProduct) => {
    if (needsChoice(product)) setChoosing(product);
    else
      addToCart({
        productId: product.id,
        size: product.sizes[0].size,
        options: [],
        quantity: 1,
        note: "",
      });
  };
  const priced = priceCart(
    menu,
    cart.lines,
    cart.serviceMode,
    pricingOptions(meta?.store, cart.discount),
  );
  const itemCount = cart.lines.reduce((sum, line) => sum + line.quantity, 0);

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
      <CartPanel
        menu={menu}
        onSaleRecorded={(orderId) => {
          // In the same update as the emptied cart: a waiting app update must not reload now.
          cart.setTicketOpen(true);
          setTicketOrderId(orderId);
        }}
      />
      <CartBar itemCount={itemCount} totalCents={priced.totalCents} />
      <p className={`cart-notice${notice?.refused ? " refused" : ""}`} role="status">
        {notice && <span key={notice.at}>{notice.text}</span>}
      </p>

      {choosing && (
        <PizzaDialog
          product={choosing}
          menu={menu}
          serviceMode={cart.serviceMode}
          onClose={() => setChoosing(null)}
          onAdd={(line) => {
            addToCart(line);
            setChoosing(null);
          }}
        />
      )}
      {ticketOrderId && (
        <TicketDialog
          orderId={ticketOrderId}
          afterSale
          onClose={() => {
            cart.setTicketOpen(false);
            setTicketOrderId(null);
          }}
        />
      )}
    </div>
  );
}
