/**
 * The app shell: header (store, navigation, sync badge, language), the
 * register strip (training mode, cash drawer, X report), the update banner,
 * and the screen for the address. An unpaired counter always shows the pairing screen.
 */
import { lazy, Suspense, useEffect } from "react";

import { LanguageSwitch } from "../components/LanguageSwitch.js";
import { SyncBadge } from "../components/SyncBadge.js";
import { IncomingOnlineOrders } from "../online-orders/IncomingOnlineOrders.js";
import { UpdateBanner } from "../components/UpdateBanner.js";
import { useI18n } from "../i18n/i18n.js";
import { CounterScreen } from "../screens/counter/CounterScreen.js";
import { OrdersScreen } from "../screens/orders/OrdersScreen.js";
import { PairScreen } from "../screens/pair/PairScreen.js";
import { RegisterBar } from "../screens/register/RegisterBar.js";
import { XReportScreen } from "../reports/XReportScreen.js";
import { DeliveryScreen } from "../delivery/DeliveryScreen.js";
import { KitchenLinks } from "../kitchen/KitchenLinks.js";
import { KitchenScreen } from "../kitchen/KitchenScreen.js";
import { StaffBadge } from "../staff/StaffBadge.js";
import { isWebPage, WebPages } from "../manage/WebPages.js";
import { isOrderPage } from "../order/paths.js";
import { useMeta } from "./data-hooks.js";

// The public store finder: no paired counter needed, loaded only when visited.
const StoresPage = lazy(async () => ({
  default: (await import("../stores/StoresPage.js")).StoresPage,
}));
// The online order pages (pwa/src/order), public too and loaded the same way.
const OrderPages = lazy(async () => ({
  default: (await import("../order/OrderPages.js")).OrderPages,
}));
const isPublicPage = (path: string) => path === "/stores" || isOrderPage(path);
import { Link, navigate, usePath } from "./router.js";

export function App() {
  const { t } = useI18n();
  const meta = useMeta();
  const path = usePath();
  const paired = Boolean(meta?.credential);

  useEffect(() => {
    if (meta === undefined) return;
    if (!paired && path !== "/pair" && !isWebPage(path) && !isPublicPage(path)) {
      navigate("/pair", { replace: true });
    }
  }, [meta, paired, path]);

  // Manager and customer pages need no paired counter: they have a shell of their own.
  if (isWebPage(path)) return <WebPages path={path} />;
  if (isPublicPage(path)) {
    return (
      <Suspense fallback={<div className="app-loading" aria-busy="true" />}>
        {isOrderPage(path) ? <OrderPages path={path} /> : <StoresPage />}
      </Suspense>
    );
  }
  if (meta === undefined) return <div className="app-loading" aria-busy="true" />;

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">OC Pizza</span>
          {meta?.store && <span className="brand-store">{meta.store.name}</span>}
        </div>
        {paired && (
          <nav aria-label={t("nav.main")} className="app-nav">
            <Link to="/">{t("nav.counter")}</Link>
            <Link to="/orders">{t("nav.orders")}</Link>
            <KitchenLinks />
          </nav>
        )}
        {paired && <StaffBadge />}
        {paired && <IncomingOnlineOrders />}
        {paired && <SyncBadge />}
        <LanguageSwitch />
      </header>
      {paired && path !== "/pair" && <RegisterBar />}
      <UpdateBanner />
      <main className="app-main">
        {!paired || path === "/pair" ? (
          <PairScreen paired={paired} />
        ) : path === "/orders" ? (
          <OrdersScreen />
        ) : path === "/x" ? (
          <XReportScreen />
        ) : path === "/kitchen" ? (
          <KitchenScreen />
        ) : path === "/delivery" ? (
          <DeliveryScreen />
        ) : (
          <CounterScreen />
        )}
      </main>
    </div>
  );
}
