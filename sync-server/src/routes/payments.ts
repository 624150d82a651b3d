/**
 * GET /api/v1/payments/status: whether card payment is on, for the PWA to
 * show or hide card options and say why. Public: it holds only what a
 * browser needs to load Square's Web Payments SDK (application and location
 * ids are not secrets), never the access token or the signature key.
 */
import { Hono } from "hono";

import type { AppEnv } from "../http/auth.js";
import type { SquareConfig } from "../payments/square/settings.js";
import type { RouteDeps } from "./route-deps.js";

export interface CardStatus {
  card:
    | { enabled: false; reason: string }
    | {
        enabled: true;
        environment: "sandbox" | "production";
        /** True with the local fake Square: nothing real is charged; the PWA says so. */
        simulated: boolean;
        applicationId: string;
        /** Square location id of each store, by store id. */
        locationIds: Record<string, string>;
      };
}

export function cardStatus(square: SquareConfig): CardStatus {
  if (!square.enabled) return { card: { enabled: false, reason: square.reason } };
  const { settings } = square;
  return {
    card: {
      enabled: true,
      environment: settings.environment,
      simulated: settings.simulated,
      applicationId: settings.applicationId,
      locationIds: { ...settings.locationIds },
    },
  };
}

export function paymentRoutes(deps: RouteDeps, square: SquareConfig): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const status = cardStatus(square);

  app.get("/api/v1/payments/status", deps.access.allow(["anyone"]), (c) => c.json(status));
  return app;
}
