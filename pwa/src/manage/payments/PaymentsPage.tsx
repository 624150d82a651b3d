/**
 * /manage/payments: the Square Terminal of each counter of a store, and a
 * refund of one order (opened from its id, or /manage/payments?order=<id>).
 */
import { useState } from "react";

import { useI18n } from "../../i18n/i18n.js";
import { StorePicker } from "../StorePicker.js";
import { OrderRefund } from "./OrderRefund.js";
import { TerminalsSection } from "./TerminalsSection.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function PaymentsPage() {
  const { t } = useI18n();
  const [storeId, setStoreId] = useState<string | null>(null);
  const [orderText, setOrderText] = useState(
    () => new URLSearchParams(window.location.search).get("order") ?? "",
  );
  const [orderId, setOrderId] = useState<string | null>(() =>
    UUID.test(orderText.trim()) ? orderText.trim() : null,
  );

  return (
    <section className="web-page">
      <h1>{t("payments.title")}</h1>
      <div className="web-toolbar">
        <StorePicker value={storeId} onChange={setStoreId} />
      </div>
      {storeId && <TerminalsSection storeId={storeId} />}

      <form
        className="web-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setOrderId(UUID.test(orderText.trim()) ? orderText.trim() : null);
        }}
      >
        <label>
          {t("refund.orderId")}
          <input value={orderText} onChange={(e) => setOrderText(e.target.value)} />
        </label>
        <button type="submit" disabled={!UUID.test(orderText.trim())}>
          {t("refund.load")}
        </button>
      </form>
      {orderId && <OrderRefund key={orderId} orderId={orderId} />}
    </section>
  );
}
