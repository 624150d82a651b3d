/**
 * On an order of the counter: card money Square declined after the sale (an
 * offline card sale), to collect again. Nothing when nothing is owed.
 */
import type { OrderSnapshot } from "@ocpizza/schema";

import { useI18n } from "../i18n/i18n.js";

export function CardOwedNotice({ order }: { order: Pick<OrderSnapshot, "cardOwedCents"> }) {
  const { t, money } = useI18n();
  if (!order.cardOwedCents) return null;
  return (
    <p className="form-error card-owed" role="alert" data-testid="card-owed">
      {t("card.owed", { amount: money(order.cardOwedCents) })}
    </p>
  );
}
