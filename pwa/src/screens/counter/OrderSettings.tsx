/**
 * How the order is taken and served: channel (Comptoir / Téléphone), service
 * mode (Sur place / À emporter, and Livraison for a phone order), and the
 * customer's details a phone order or a delivery needs.
 */
import type { ServiceMode } from "@ocpizza/schema";

import { useCart, type Channel } from "../../app/cart-store.js";
import { useI18n } from "../../i18n/i18n.js";

const CHANNELS: Channel[] = ["counter", "phone"];
const MODES: ServiceMode[] = ["eat_in", "takeaway", "delivery"];

export function OrderSettings() {
  const { t } = useI18n();
  const cart = useCart();
  const phone = cart.channel === "phone";

  return (
    <div className="order-settings">
      <fieldset className="segmented">
        <legend>{t("cart.channel")}</legend>
        {CHANNELS.map((channel) => (
          <label key={channel}>
            <input
              type="radio"
              name="channel"
              checked={cart.channel === channel}
              onChange={() => cart.setChannel(channel)}
            />
            <span>{t(`cart.channel.${channel}`)}</span>
          </label>
        ))}
      </fieldset>

      <fieldset className="segmented">
        <legend>{t("cart.mode")}</legend>
        {MODES.filter((mode) => mode !== "delivery" || phone).map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name="service-mode"
              checked={cart.serviceMode === mode}
              onChange={() => cart.setServiceMode(mode)}
            />
            <span>{t(`mode.${mode}`)}</span>
          </label>
        ))}
      </fieldset>

      {phone && (
        <div className="customer-fields">
          <label>
            {t("cart.customerName")}
            <input
              value={cart.customer.name}
              onChange={(e) => cart.setCustomer({ name: e.target.value })}
              autoComplete="off"
              maxLength={120}
            />
          </label>
          <label>
            {t("cart.customerPhone")}
            <input
              type="tel"
              value={cart.customer.phone}
              onChange={(e) => cart.setCustomer({ phone: e.target.value })}
              autoComplete="off"
              maxLength={32}
            />
          </label>
          {cart.serviceMode === "delivery" && (
            <>
              <label>
                {t("cart.address")}
                <input
                  value={cart.customer.address}
                  onChange={(e) => cart.setCustomer({ address: e.target.value })}
                  autoComplete="off"
                  maxLength={255}
                />
              </label>
              <label>
                {t("cart.deliveryNotes")}
                <input
                  value={cart.customer.deliveryNotes}
                  onChange={(e) => cart.setCustomer({ deliveryNotes: e.target.value })}
                  autoComplete="off"
                  maxLength={255}
                />
              </label>
            </>
          )}
        </div>
      )}
    </div>
  );
}
