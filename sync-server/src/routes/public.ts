/**
 * Endpoints without credentials: health (for the supervisor and nginx),
 * the store list and the current menu (a device shows them before pairing).
 */
import { Hono } from "hono";

import { listStores } from "../stores/store-info.js";
import type { AppEnv } from "../http/auth.js";
import type { RouteDeps } from "./route-deps.js";

/** How long /health waits for the database before calling it down. */
const HEALTH_TIMEOUT_MS = 2_000;

export function publicRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const anyone = deps.access.allow(["anyone"]);

  app.get("/health/live", anyone, (c) => c.json({ status: "ok" }));

  app.get("/health", anyone, async (c) => {
    const database = await pingDatabase(deps);
    if (database) return c.json({ status: "ok", database: "ok" });
    return c.json({ status: "degraded", database: "down" }, 503);
  });

  app.get("/api/v1/stores", anyone, async (c) => c.json({ stores: await listStores(deps.db) }));

  app.get("/api/v1/menu", anyone, async (c) => c.json(await deps.menu.current(deps.db)));

  return app;
}

async function pingDatabase(deps: RouteDeps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
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
