/**
 * One cart line: name, size and options, quantity with − and + (saying "99 au
 * plus" at the limit), a note, remove, line total.
 */
import { useState } from "react";
import { MAX_QUANTITY, type MenuSnapshot } from "@ocpizza/schema";

import { useCart } from "../../app/cart-store.js";
import type { PricedCartLine } from "../../cart/cart.js";
import { useI18n } from "../../i18n/i18n.js";
import { DiscountDialog } from "./DiscountDialog.js";
import { lineTitle, optionsText } from "./line-label.js";

export function CartLineItem({ priced, menu }: { priced: PricedCartLine; menu: MenuSnapshot }) {
  const { t, money, locale } = useI18n();
  const cart = useCart();
  const { line, product } = priced;
  const [noteOpen, setNoteOpen] = useState(line.note !== "");
  const [discounting, setDiscounting] = useState(false);
  // A "+" tapped at 99: said beside the quantity until it goes down.
  const [atMax, setAtMax] = useState(false);
  const more = () => {
    if (line.quantity >= MAX_QUANTITY) setAtMax(true);
    else cart.setQuantity(line.key, line.quantity + 1);
  };
  const less = () => {
    setAtMax(false);
    cart.setQuantity(line.key, line.quantity - 1);
  };
  const name = product ? (locale === "fr" ? product.nameFr : product.nameEn) : line.productId;
  const title = lineTitle(name, line.size);
  const options = optionsText(t, locale, line.options, menu);

  return (
    <li className={`cart-line${priced.available ? "" : " off-menu"}`}>
      <div className="cart-line-head">
        <span className="cart-line-title">{title}</span>
        <span className="cart-line-total">{money(priced.totalCents)}</span>
      </div>
      {options && <div className="cart-line-options">{options}</div>}
      {priced.discountCents > 0 && (
        <div className="cart-line-options cart-line-discount">
          {t("discount.ticketLine")} −{money(priced.discountCents)}
        </div>
      )}
      {!priced.available && <div className="form-error">{t("cart.offMenu")}</div>}
      <div className="cart-line-controls">
        <button
          type="button"
          className="qty"
          aria-label={t("cart.less", { line: title })}
          onClick={less}
        >
          −
        </button>
        <span className="qty-value" aria-label={`${title} × ${line.quantity}`}>
          {line.quantity}
        </span>
        <button
          type="button"
          className="qty"
          aria-label={t("cart.more", { line: title })}
          onClick={more}
        >
          +
        </button>
        <button
          type="button"
          aria-label={t("cart.noteToggle", { line: title })}
          aria-expanded={noteOpen}
          onClick={() => setNoteOpen(!noteOpen)}
        >
          {t("cart.noteButton")}
        </button>
        <button
          type="button"
          aria-label={`${t("discount.line")} : ${title}`}
          onClick={() => setDiscounting(true)}
        >
          {t("discount.line")}
        </button>
        <button
          type="button"
          className="danger"
          aria-label={t("cart.remove", { line: title })}
          onClick={() => cart.setQuantity(line.key, 0)}
        >
          ✕
        </button>
      </div>
      <p className="qty-limit" aria-live="polite">
        {atMax && line.quantity >= MAX_QUANTITY && t("cart.maxQuantity")}
      </p>
      {discounting && (
        <DiscountDialog
          title={`${t("discount.line")} : ${title}`}
          baseCents={priced.unitPriceCents * line.quantity}
          current={line.discount}
          menu={menu}
          onApply={(discount, approvedBy) => {
            cart.setDiscount(line.key, discount, approvedBy);
            setDiscounting(false);
          }}
          onClose={() => setDiscounting(false)}
        />
      )}
      {noteOpen && (
        <label className="cart-line-note">
          {t("cart.noteLabel", { line: title })}
          <input
            value={line.note}
            maxLength={200}
            onChange={(e) => cart.setNote(line.key, e.target.value)}
          />
        </label>
      )}
    </li>
  );
}
