/**
 * The Google Maps settings the server runs with: two keys (server side for
 * Geocoding and the Routes API, browser side for the map), the services'
 * base URLs (tests point them at a local fake) and how long a call may take.
 * Which features are off without a key is said once at start.
 */
import type { Config } from "../config.js";

export const GOOGLE_MAPS_API_BASE = "https://maps.googleapis.com";
export const GOOGLE_ROUTES_API_BASE = "https://routes.googleapis.com";

export interface MapsSettings {
  /** GOOGLE_SERVER_KEY: Geocoding and Routes API calls; null turns geocoding off. */
  serverKey: string | null;
  /** GOOGLE_BROWSER_KEY: the Maps JavaScript API in the store finder; null shows no map. */
  browserKey: string | null;
  /** Base URL of the Geocoding web service (default https://maps.googleapis.com). */
  mapsApiBase: string;
  /** Base URL of the Routes API (default https://routes.googleapis.com). */
  routesApiBase: string;
  /** Milliseconds one Google call may take before it counts as failed (default 4000). */
  timeoutMs: number;
  /** Delivery quotes allowed per client address in one window (default 20). */
  quotesPerWindow: number;
  /** Length of that window in milliseconds (default 10 minutes). */
  quoteWindowMs: number;
}

export function defaultMapsSettings(overrides: Partial<MapsSettings> = {}): MapsSettings {
  return {
    serverKey: null,
    browserKey: null,
    mapsApiBase: GOOGLE_MAPS_API_BASE,
    routesApiBase: GOOGLE_ROUTES_API_BASE,
    timeoutMs: 4_000,
    quotesPerWindow: 20,
    quoteWindowMs: 10 * 60_000,
    ...overrides,
  };
}

export function mapsSettingsFromConfig(config: Config): MapsSettings {
  return defaultMapsSettings({
    serverKey: config.googleServerKey,
    browserKey: config.googleBrowserKey,
    mapsApiBase: config.googleMapsApiBase,
    routesApiBase: config.googleRoutesApiBase,
  });
}

/** The Maps features that are off, one sentence each, for the start-up log. */
export function mapsFeaturesOff(settings: MapsSettings): string[] {
  const off: string[] = [];
  if (!settings.serverKey) {
    off.push(
      "GOOGLE_SERVER_KEY is not set: delivery addresses are not geocoded; customers pick " +
        "their store from the list",
    );
  }
  if (!settings.browserKey) {
    off.push("GOOGLE_BROWSER_KEY is not set: the store finder shows no map");
  }
  return off;
}
