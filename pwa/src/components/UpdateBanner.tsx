/**
 * "Mise à jour disponible": a new service worker is waiting. It is applied at
 * the first moment no sale is under way (empty cart, no payment open), or at
 * once on a tap (the cart survives the reload). The outbox lives in IndexedDB
 * and an update never touches it.
 */
import { useEffect } from "react";
import { useRegisterSW } from "virtual:pwa-register/react";

import { useSaleInProgress } from "../app/cart-store.js";
import { useI18n } from "../i18n/i18n.js";

/** How often a running counter asks whether a new version was deployed, in ms. */
const UPDATE_CHECK_MS = 30 * 60_000;

export function UpdateBanner() {
  const { t } = useI18n();
  const saleInProgress = useSaleInProgress();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => void registration.update(), UPDATE_CHECK_MS);
    },
    onRegisterError(error: unknown) {
      console.error("service worker registration failed", error);
    },
  });

  useEffect(() => {
    if (needRefresh && !saleInProgress) void updateServiceWorker(true);
  }, [needRefresh, saleInProgress, updateServiceWorker]);

  if (!needRefresh) return null;
  return (
    <div className="update-banner" role="status">
      <strong>{t("update.available")}</strong>
      {saleInProgress && <span>{t("update.later")}</span>}
      <button type="button" onClick={() => void updateServiceWorker(true)}>
        {t("update.apply")}
      </button>
    </div>
  );
}
