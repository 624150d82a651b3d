/**
 * createApp: the whole HTTP API as a Hono app, built from injected
 * dependencies so tests drive it in-process with app.request(). Listening,
 * signals and the database's life cycle belong to main.ts.
 */
import { Hono } from "hono";
import type { Pool } from "mysql2/promise";
import type { Logger } from "pino";

import { defaultAuthSettings, type AuthSettings } from "./accounts/auth-settings.js";
import type { ArchiveSettings } from "./closings/archive.js";
import { createDb, type Database } from "./db/connection.js";
import { createAccess } from "./http/access.js";
import type { AppEnv } from "./http/auth.js";
import { csrfGuard } from "./http/csrf.js";
import { createErrorHandler, errorBody } from "./http/errors.js";
import { requestLog } from "./http/request-log.js";
import { securityHeaders } from "./http/security-headers.js";
import { defaultMapsSettings, type MapsSettings } from "./geo/maps-settings.js";
import { MenuCatalog } from "./menu/menu-catalog.js";
import { DEFAULT_UNSYNCED_ALERT_MINUTES } from "./reports/unsynced-alerts.js";
import type { Shutdown } from "./monitoring/shutdown.js";
import { isApiPath, mountPwa } from "./pwa-static.js";
import { accountRoutes } from "./routes/accounts.js";
import { adminRoutes } from "./routes/admin.js";
import { alertRoutes } from "./routes/alerts.js";
import { authRoutes } from "./routes/auth.js";
import { closingRoutes } from "./routes/closings.js";
import { deliveryRoutes } from "./routes/delivery.js";
import { deliveryRunRoutes } from "./routes/delivery-runs.js";
import { deviceRoutes } from "./routes/devices.js";
import { eventRoutes, type EventSettings } from "./routes/events.js";
import { menuAdminRoutes } from "./routes/menu-admin.js";
import { publicRoutes } from "./routes/public.js";
import { afterPush, reportRoutes } from "./routes/reports.js";
import { staffPinRoutes } from "./routes/staff-pins.js";
import { paymentRoutes } from "./routes/payments.js";
import { squareWebhookRoutes } from "./routes/square-webhooks.js";
import type { SquareConfig } from "./payments/square/settings.js";
import { squareDepsFor } from "./payments/square-deps.js";
import { cardPaymentRoutes } from "./routes/card-payments.js";
import { refundRoutes } from "./routes/refunds.js";
import { terminalCheckoutRoutes } from "./routes/terminal-checkouts.js";
import { stockRoutes } from "./routes/stock.js";
import { storeRoutes } from "./routes/stores.js";
import { onlineOrderRoutes } from "./routes/online-orders.js";
import { openApiRoutes } from "./routes/openapi.js";
import { markDeviceSeen } from "./online/device-seen.js";
import { onlineContext } from "./online/online-context.js";
import type { OnlineOrderSettings } from "./online/settings.js";
import { orderingState } from "./online/store-ordering.js";
import type { RouteDeps } from "./routes/route-deps.js";
import { syncRoutes } from "./routes/sync.js";

export interface AppDeps {
  pool: Pool;
  /** Defaults to a Drizzle instance over `pool`. */
  db?: Database;
  /** Injected: main passes the real one, tests a silent one. */
  logger: Logger;
  /** Bearer token of the admin endpoints; null closes them. */
  adminToken: string | null;
  /** Days of history a pull from 0 returns (default 3). */
  pullHistoryDays?: number;
  /** Folder of the built PWA; omitted, the app serves only the API. */
  pwaDist?: string;
  /** The clock, in epoch ms (default Date.now). */
  now?: () => number;
  menu?: MenuCatalog;
  /** Where closings write their signed archives (default: none written). */
  archive?: ArchiveSettings | null;
  /** Sign-in, sessions, mails and rate limits (default: a per-process secret, no mail). */
  auth?: Partial<AuthSettings>;
  /** Production adds Strict-Transport-Security (default false). */
  production?: boolean;
  /** Card payments through Square, or why they are off (default: off, not configured). */
  square?: SquareConfig;
  /** The process's stop state: readiness 503 and event streams ended while stopping. */
  shutdown?: Shutdown;
  /** The device event stream's timings (routes/events.ts has the defaults). */
  events?: Partial<EventSettings>;
  /** How long a device may hold unsynced changes before an alert, in ms (default 30 min). */
  unsyncedAlertMs?: number;
  /** Google keys and service URLs (default: no keys, so no geocoding and no map). */
  maps?: Partial<MapsSettings>;
  /** Online ordering: counter silence and lead times (online/settings.ts has the defaults). */
  onlineOrders?: Partial<OnlineOrderSettings>;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const auth = defaultAuthSettings(deps.auth);
  const db = deps.db ?? createDb(deps.pool);
  const now = deps.now ?? Date.now;
  const routeDeps: RouteDeps = {
    pool: deps.pool,
    db,
    logger: deps.logger,
    menu: deps.menu ?? new MenuCatalog(deps.pool, now),
    now,
    adminToken: deps.adminToken,
    access: createAccess({ db, adminToken: deps.adminToken, settings: auth, now }),
    pullHistoryDays: deps.pullHistoryDays ?? 3,
    archive: deps.archive ?? null,
  };

  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(deps.logger));
  app.use("*", requestLog(deps.logger));
  app.use("*", securityHeaders({ production: deps.production ?? false }));
  app.use("*", csrfGuard(auth));

  app.route("/", publicRoutes(routeDeps, { shutdown: deps.shutdown }));
  // A counter that only pulls or listens is at its post too (online/device-seen.ts).
  app.use("/api/v1/sync/*", markDeviceSeen(routeDeps));
  app.route("/", eventRoutes(routeDeps, { settings: deps.events, shutdown: deps.shutdown }));
  const unsyncedAlertMs = deps.unsyncedAlertMs ?? DEFAULT_UNSYNCED_ALERT_MINUTES * 60_000;
  app.use("/api/v1/sync/push", afterPush(routeDeps, unsyncedAlertMs));
  app.route("/", deviceRoutes(routeDeps));
  app.route("/", syncRoutes(routeDeps));
  app.route("/", reportRoutes(routeDeps));
  app.route("/", alertRoutes(routeDeps));
  app.route("/", closingRoutes(routeDeps));
  app.route("/", adminRoutes(routeDeps));
  app.route("/", menuAdminRoutes(routeDeps));
  app.route("/", authRoutes(routeDeps, auth));
  app.route("/", accountRoutes(routeDeps, auth));
  app.route("/", staffPinRoutes(routeDeps, auth));
  const square: SquareConfig = deps.square ?? {
    enabled: false,
    reason: "square_not_configured",
    missing: [],
  };
  app.route("/", paymentRoutes(routeDeps, square));
  app.route("/", squareWebhookRoutes(routeDeps, square));
  const squareDeps = squareDepsFor(square, db, deps.logger, now);
  app.route("/", terminalCheckoutRoutes(routeDeps, square, squareDeps));
  app.route("/", refundRoutes(routeDeps, square, squareDeps));
  const maps = defaultMapsSettings(deps.maps);
  const online = onlineContext(routeDeps, auth, maps, deps.onlineOrders, square);
  app.route(
    "/",
    storeRoutes(routeDeps, (storeId) => orderingState(online, storeId)),
  );
  app.route("/", deliveryRoutes(routeDeps, maps, auth));
  app.route("/", stockRoutes(routeDeps));
  app.route("/", deliveryRunRoutes(routeDeps, maps));
  app.route("/", onlineOrderRoutes(online));
  app.route("/", cardPaymentRoutes(online, square, squareDeps));
  app.route("/", openApiRoutes(routeDeps));
  if (deps.pwaDist) mountPwa(app, deps.pwaDist);

  app.notFound((c) => {
    const message = isApiPath(c.req.path)
      ? `No endpoint ${c.req.method} ${c.req.path}: see docs/sync-protocol.md.`
      : `Nothing at ${c.req.path}.`;
    return c.json(errorBody("not_found", message), 404);
  });
  return app;
}
