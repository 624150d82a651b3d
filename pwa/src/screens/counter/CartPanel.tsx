/**
 * The cart beside the menu: order settings, lines, total, and the way out:
 * "Encaisser" (payment, then the ticket) or, for a phone order,
 * "Enregistrer sans payer". Writing the sale is one local transaction.
 */
import type { MenuSnapshot } from "@ocpizza/schema";
import { useState } from "react";

import { useCart } from "../../app/cart-store.js";
import { describeCommandError, useCommands } from "../../app/commands.js";
import { priceCart, toOrderLines } from "../../cart/cart.js";
import { checkCustomer, toCustomer } from "../../cart/customer.js";
import type { PaymentDraft } from "../../db/sale.js";
import { useI18n } from "../../i18n/i18n.js";
import { PaymentDialog } from "../payment/PaymentDialog.js";
import { CartLineItem } from "./CartLineItem.js";
import { OrderSettings } from "./OrderSettings.js";

const CUSTOMER_PROBLEM_KEYS = {
  missing_customer: "cart.missingCustomer",
  bad_phone: "cart.badPhone",
  missing_address: "cart.missingAddress",
} as const;

export function CartPanel({
  menu,
  onSaleRecorded,
}: {
  menu: MenuSnapshot;
  onSaleRecorded: (orderId: string) => void;
}) {
  const { t, money } = useI18n();
  const cart = useCart();
  const commands = useCommands();
  const [error, setError] = useState<string | null>(null);

  const priced = priceCart(menu, cart.lines, cart.serviceMode);
  const customerProblem = checkCustomer(cart.channel, cart.serviceMode, cart.customer);
  const ready = priced.valid && customerProblem === null;
  // Only drinks and desserts: nothing goes to the kitchen, the customer takes it at once.
  const kitchen = priced.lines.some((l) => (l.product?.ingredientIds.length ?? 0) > 0);

  const save = async (payments: PaymentDraft[], handedOver: boolean) => {
    try {
      const order = await commands.recordSale({
        channel: cart.channel,
        serviceMode: cart.serviceMode,
        lines: toOrderLines(priced),
        customer: toCustomer(cart.channel, cart.serviceMode, cart.customer),
        payments,
        status: handedOver ? "completed" : "accepted",
        menuVersion: menu.version,
      });
      cart.setPaymentOpen(false);
      cart.clear();
      onSaleRecorded(order.id);
    } catch (failure) {
      throw new Error(describeCommandError(t, failure));
    }
  };

  const saveUnpaid = async () => {
    setError(null);
    try {
      await save([], false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <aside className="cart" aria-labelledby="cart-title">
      <h2 id="cart-title">{t("cart.title")}</h2>
      <OrderSettings />

      {cart.lines.length === 0 ? (
        <p className="cart-empty">{t("cart.empty")}</p>
      ) : (
        <ul className="cart-lines">
          {priced.lines.map((line) => (
            <CartLineItem key={line.line.key} priced={line} menu={menu} />
          ))}
        </ul>
      )}

      <div className="cart-total">
        <span>{t("cart.total")}</span>
        <strong data-testid="cart-total">{money(priced.totalCents)}</strong>
      </div>
      {cart.lines.length > 0 && customerProblem && (
        <p className="form-error">{t(CUSTOMER_PROBLEM_KEYS[customerProblem])}</p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <div className="cart-actions">
        <button
          type="button"
          className="primary big"
          disabled={!ready}
          onClick={() => {
            setError(null);
            cart.setPaymentOpen(true);
          }}
        >
          {t("cart.checkout")}
        </button>
        {cart.channel === "phone" && (
          <button type="button" className="big" disabled={!ready} onClick={() => void saveUnpaid()}>
            {t("cart.saveUnpaid")}
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={cart.lines.length === 0}
          onClick={cart.clear}
        >
          {t("cart.clear")}
        </button>
      </div>

      {cart.paymentOpen && (
        <PaymentDialog
          totalCents={priced.totalCents}
          alreadyPaidCents={0}
          handedOverDefault={cart.channel === "counter" ? !kitchen : null}
          onConfirm={save}
          onClose={() => cart.setPaymentOpen(false)}
        />
      )}
    </aside>
  );
}
