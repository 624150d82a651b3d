/** Placeholder replaced below. */
import { Hono } from "hono";
import type { AppEnv } from "../http/auth.js";
import type { RouteDeps } from "./route-deps.js";
export function openApiRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/api/v1/openapi.json", deps.access.allow(["anyone"]), (c) => c.json({}));
  return app;
}
