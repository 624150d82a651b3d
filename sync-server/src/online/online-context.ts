/**
 * What the online order handlers share: the route dependencies, the secret
 * that signs order links, the mailer, the delivery zone checker (the same
 * Google clients as the delivery quote) and the online ordering settings.
 */
import type { AuthSettings } from "../accounts/auth-settings.js";
import type { Mailer } from "../accounts/mailer.js";
import { geocodeAddress } from "../geo/geocoding.js";
import type { MapsSettings } from "../geo/maps-settings.js";
import { computeRouteMatrix } from "../geo/route-matrix.js";
import type { ChooserDeps } from "../geo/store-chooser.js";
import type { SquareConfig } from "../payments/square/settings.js";
import type { RouteDeps } from "../routes/route-deps.js";
import { onlineOrderSettings, type OnlineOrderSettings } from "./settings.js";

export interface OnlineContext {
  deps: RouteDeps;
  secret: string;
  publicUrl: string;
  mailer: Mailer;
  /** Geocoding and route matrix, as the delivery quote uses them. */
  chooser: () => Omit<ChooserDeps, "stores">;
  settings: OnlineOrderSettings;
  /** Card payment online: on when Square is configured, else off with the reason. */
  cardOnline: { available: boolean; reason: string | null };
}

export function onlineContext(
  deps: RouteDeps,
  auth: AuthSettings,
  maps: MapsSettings,
  settings: Partial<OnlineOrderSettings> = {},
  square: SquareConfig = { enabled: false, reason: "square_not_configured", missing: [] },
): OnlineContext {
  const key = maps.serverKey;
  const chooser = (): Omit<ChooserDeps, "stores"> => ({
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
  });
  return {
    deps,
    secret: auth.secret,
    publicUrl: auth.publicUrl,
    mailer: auth.mailer,
    chooser,
    settings: onlineOrderSettings(settings),
    cardOnline: square.enabled
      ? { available: true, reason: null }
      : { available: false, reason: square.reason },
  };
}
