/**
 * The cart beside the menu: order settings, lines, total, and the way out:
 * "Encaisser" (payment, then the ticket) or, for a phone order,
 * "Enregistrer sans payer". Writing the sale is one local transaction. With
 * the drawer closed, either first asks for the float ("Ouvrir la caisse").
 * Tenders entered in the payment dialog are kept with the cart.
 */
import type { MenuSnapshot } from "@ocpizza/schema";
import { useState } from "react";

import { useCart } from "../../app/cart-store.js";
import { describeCommandError, useCommands } from "../../app/commands.js";
import { useDrawer } from "../../app/data-hooks.js";
import { toOrderLines } from "../../cart/cart.js";
import { checkCustomer, toCustomer } from "../../cart/customer.js";
import type { PaymentDraft } from "../../db/sale.js";
import { useI18n } from "../../i18n/i18n.js";
import { voucherCapCents } from "../../payment/payment.js";
import { PaymentDialog } from "../payment/PaymentDialog.js";
import { OpenShiftDialog } from "../register/OpenShiftDialog.js";
import { useCartPricing } from "./cart-pricing.js";
import { CartLineItem } from "./CartLineItem.js";
import { DiscountDialog } from "./DiscountDialog.js";
import { ClearCartDialog } from "./ClearCartDialog.js";
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
  const drawer = useDrawer();
  // What to do once the drawer is open, when selling had to wait for it.
  const [afterOpening, setAfterOpening] = useState<"checkout" | "unpaid" | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);

  const priced = useCartPricing(menu);
  const [discounting, setDiscounting] = useState(false);
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
        discount: cart.discount,
        approvedByStaffId: cart.discountApprovedBy,
      });
      cart.setPaymentOpen(false);
      cart.clear();
      onSaleRecorded(order.id);
    } catch (failure) {
      throw new Error(describeCommandError(t, failure));
    }
  };

  const checkout = () => {
    setError(null);
    if (drawer === null) setAfterOpening("checkout");
    else cart.setPaymentOpen(true);
  };

  const saveUnpaid = async () => {
    setError(null);
    if (drawer === null) {
      setAfterOpening("unpaid");
      return;
    }
    try {
      await save([], false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <aside className="cart" id="cart" aria-labelledby="cart-title">
      <h2 id="cart-title" tabIndex={-1}>
        {t("cart.title")}
      </h2>
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

      {cart.lines.length > 0 && (
        <div className="cart-discount">
          <button type="button" onClick={() => setDiscounting(true)}>
            {t("discount.order")}
          </button>
          {priced.discountCents > 0 && (
            <span data-testid="cart-discount">
              {t("discount.ticketLine")} −{money(priced.discountCents)}
            </span>
          )}
        </div>
      )}
      {discounting && (
        <DiscountDialog
          title={t("discount.order")}
          baseCents={priced.totalCents + priced.discountCents}
          current={cart.discount}
          menu={menu}
          onApply={(discount, approvedBy) => {
            cart.setDiscount("order", discount, approvedBy);
            setDiscounting(false);
          }}
          onClose={() => setDiscounting(false)}
        />
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
        <button type="button" className="primary big" disabled={!ready} onClick={checkout}>
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
          onClick={() => setConfirmClear(true)}
        >
          {t("cart.clear")}
        </button>
      </div>

      {confirmClear && (
        <ClearCartDialog
          lineCount={cart.lines.length}
          onClose={() => setConfirmClear(false)}
          onConfirm={() => {
            setConfirmClear(false);
            cart.clear();
          }}
        />
      )}
      {afterOpening && (
        <OpenShiftDialog
          onClose={() => setAfterOpening(null)}
          onOpened={() => {
            const next = afterOpening;
            setAfterOpening(null);
            if (next === "checkout") cart.setPaymentOpen(true);
            else void save([], false).catch((failure: Error) => setError(failure.message));
          }}
        />
      )}
      {cart.paymentOpen && (
        <PaymentDialog
          totalCents={priced.totalCents}
          alreadyPaidCents={0}
          handedOverDefault={cart.channel === "counter" ? !kitchen : null}
          voucherCapCents={voucherCapCents(toOrderLines(priced), menu)}
          payments={cart.tenders}
          onPaymentsChange={cart.setTenders}
          onConfirm={save}
          onClose={() => cart.setPaymentOpen(false)}
        />
      )}
    </aside>
  );
}
