/**
 * Endpoints without credentials: health (for the supervisor, nginx and the
 * update script), the store list and the current menu (a device shows them
 * before pairing). Liveness says the process answers; readiness says it can
 * do its work now (database reachable, not stopping).
 */
import { Hono } from "hono";

import { HttpError } from "../http/errors.js";
import { listStores } from "../stores/store-info.js";
import type { AppEnv } from "../http/auth.js";
import type { Shutdown } from "../monitoring/shutdown.js";
import { soldOutSizes } from "../stock/menu-stock.js";
import type { RouteDeps } from "./route-deps.js";

/** How long /health waits for the database before calling it down. */
const HEALTH_TIMEOUT_MS = 2_000;
/**
 * How long /health/ready waits for the database: short, because the update
 * script and load balancers poll it and a slow answer is as bad as none.
 */
export const READY_TIMEOUT_MS = 1_000;

export interface PublicRouteOptions {
  /** The process's stop state; while stopping, readiness answers 503. */
  shutdown?: Shutdown;
}

export function publicRoutes(deps: RouteDeps, options: PublicRouteOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const anyone = deps.access.allow(["anyone"]);

  app.get("/health/live", anyone, (c) => c.json({ status: "ok" }));

  app.get("/health/ready", anyone, async (c) => {
    if (options.shutdown?.stopping) {
      return c.json({ status: "not_ready", reason: "stopping" }, 503);
    }
    if (!(await pingDatabase(deps, READY_TIMEOUT_MS))) {
      return c.json({ status: "not_ready", reason: "database" }, 503);
    }
    return c.json({ status: "ready" });
  });

  app.get("/health", anyone, async (c) => {
    const database = await pingDatabase(deps, HEALTH_TIMEOUT_MS);
    if (database) return c.json({ status: "ok", database: "ok" });
    return c.json({ status: "degraded", database: "down" }, 503);
  });

  app.get("/api/v1/stores", anyone, async (c) => c.json({ stores: await listStores(deps.db) }));

  // With ?storeId=, that store's menu: the products it has turned off are left out.
  app.get("/api/v1/menu", anyone, async (c) => {
    const storeId = c.req.query("storeId");
    if (storeId !== undefined && !/^[a-z0-9][a-z0-9_-]{0,31}$/.test(storeId)) {
      throw new HttpError(400, "invalid_message", "Invalid message: storeId: must be a store id.");
    }
    const menu = await deps.menu.current(deps.db, storeId);
    if (storeId === undefined) return c.json(menu);
    // Sizes the store's ingredient stock allows none of (stock/menu-stock.ts).
    return c.json({ ...menu, soldOut: await soldOutSizes(deps.db, storeId, menu) });
  });

  return app;
}

async function pingDatabase(deps: RouteDeps, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = deps.pool.query("SELECT 1").then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
