/**
 * The delivery quote (which store delivers an address, at what fee) and the
 * public Maps settings the store finder reads. A quote costs Google quota, so
 * it is rate-limited per client address before Google is called; without a
 * server key it says at once that addresses cannot be checked.
 */
import { Hono } from "hono";
import { z } from "zod";

import type { MapsConfig, QuoteRefusalBody } from "@ocpizza/schema";

import { keyedHash, type AuthSettings } from "../accounts/auth-settings.js";
import { geocodeAddress } from "../geo/geocoding.js";
import type { MapsSettings } from "../geo/maps-settings.js";
import { countQuote } from "../geo/quote-limit.js";
import { computeRouteMatrix } from "../geo/route-matrix.js";
import { quoteDelivery, type ChooserDeps } from "../geo/store-chooser.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { clientAddress } from "../http/session-cookie.js";
import { listStoreDetails } from "../stores/store-settings-db.js";
import type { RouteDeps } from "./route-deps.js";

const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const quoteRequestSchema = z
  .object({
    address: z
      .string()
      .trim()
      .min(5, "must be a street address with its city or postcode")
      .max(200, "must be at most 200 characters")
      .refine((text) => !UNPRINTABLE.test(text), "must not contain control characters"),
  })
  .strict();

export function deliveryRoutes(
  deps: RouteDeps,
  maps: MapsSettings,
  auth: AuthSettings,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const anyone = deps.access.allow(["anyone"]);

  app.get("/api/v1/config", anyone, (c) => {
    const config: MapsConfig = { browserKey: maps.browserKey, geocoding: maps.serverKey !== null };
    return c.json({ maps: config });
  });

  app.post("/api/v1/delivery/quote", anyone, async (c) => {
    const { address } = parseMessage(
      quoteRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    // Only calls that reach Google count: without a key a quote costs nothing.
    if (maps.serverKey !== null) {
      const clientKey = keyedHash(auth.secret, "quote-address", clientAddress(c, auth));
      const limit = { max: maps.quotesPerWindow, windowMs: maps.quoteWindowMs };
      await countQuote(deps.db, clientKey, limit, deps.now());
    }

    const stores = await listStoreDetails(deps.db, deps.now());
    const result = await quoteDelivery(chooserDeps(deps, maps, stores), address);
    if (result.kind === "quote") return c.json(result.quote);

    deps.logger.info({ code: result.code }, "delivery quote refused");
    const body: QuoteRefusalBody = {
      error: {
        code: result.code,
        message: result.message,
        messageKey: `quote.${result.code}`,
        pickupStores: result.pickupStores,
        ...(result.nextOpening ? { nextOpening: result.nextOpening } : {}),
      },
    };
    return c.json(body, 422);
  });

  return app;
}

function chooserDeps(
  deps: RouteDeps,
  maps: MapsSettings,
  stores: ChooserDeps["stores"],
): ChooserDeps {
  const key = maps.serverKey;
  return {
    stores,
    geocode: key
      ? (address) =>
          geocodeAddress({ key, baseUrl: maps.mapsApiBase, timeoutMs: maps.timeoutMs }, address)
      : null,
    routeMatrix: (origins, destinations) =>
      computeRouteMatrix(
        { key: key ?? "", baseUrl: maps.routesApiBase, timeoutMs: maps.timeoutMs },
        origins,
        destinations,
      ),
    onGoogleFailure: (what, detail) => deps.logger.warn(detail, what),
  };
}
