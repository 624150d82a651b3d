/**
 * Which store delivers an address, and at what price. The address is
 * geocoded (only with a server key: without one the customer picks a store),
 * the nearest stores are measured by drive time (Routes API) or, when that
 * call fails, by straight line, and the nearest open store whose zone covers
 * the address wins. Every refusal lists stores for pickup instead.
 */
import type { DeliveryQuote, PickupStore, QuoteRefusalCode, StoreDetails } from "@ocpizza/schema";

import { straightLineMeters, type LatLng } from "./distance.js";
import type { GeocodeFailure, GeocodeOutcome } from "./geocoding.js";
import type { RouteMatrixOutcome } from "./route-matrix.js";

export type QuoteResult =
  | { kind: "quote"; quote: DeliveryQuote }
  | {
      kind: "refused";
      code: QuoteRefusalCode;
      message: string;
      pickupStores: PickupStore[];
      nextOpening?: { storeId: string; day: string; opens: string };
    };

export interface ChooserDeps {
  stores: readonly StoreDetails[];
  /** null when no server key is set: geocoding is off. */
  geocode: ((address: string) => Promise<GeocodeOutcome>) | null;
  routeMatrix: (origins: LatLng[], destinations: LatLng[]) => Promise<RouteMatrixOutcome>;
  /** Told when Google fails, with no address or key in it. */
  onGoogleFailure: (what: string, detail: Record<string, unknown>) => void;
}

/** The route matrix is asked about this many nearest stores at most (cost grows per element). */
export const MATRIX_SHORTLIST = 10;
/** Stores offered for pickup after a refusal. */
const PICKUP_COUNT = 3;

interface Measured {
  store: StoreDetails;
  straightMeters: number;
  /** Drive time and distance, when the route matrix answered for this store. */
  drive?: { seconds: number; meters: number } | null;
}

export async function quoteDelivery(deps: ChooserDeps, address: string): Promise<QuoteResult> {
  if (!deps.geocode) {
    return refused(
      "geocoding_unavailable",
      "Delivery addresses cannot be checked on this server (no Google server key): pick a store.",
      byName(deps.stores).map((store) => pickup(store)),
    );
  }

  const geocoded = await deps.geocode(address);
  if (geocoded.kind !== "found") return geocodeRefusal(deps, geocoded);

  const measured = await measure(deps, geocoded.location);
  const method = measured.some((m) => m.drive !== undefined) ? "travel_time" : "straight_line";
  const inZone = measured.filter((m) => covers(m, method));
  const nearest = measured.slice(0, PICKUP_COUNT).map((m) => pickup(m.store, m.straightMeters));
  if (inZone.length === 0) {
    return refused(
      "out_of_zone",
      "No store delivers to this address: order for pickup at a store nearby.",
      nearest,
    );
  }

  const open = inZone.filter((m) => m.store.openNow.open);
  if (open.length === 0) {
    const next = inZone[0].store.openNow.nextOpening;
    return {
      ...refused(
        "store_closed",
        `${inZone[0].store.name} delivers here but is closed now` +
          (next ? `: it opens on ${next.day} at ${next.opens}.` : "."),
        nearest,
      ),
      ...(next ? { nextOpening: { storeId: inZone[0].store.id, ...next } } : {}),
    };
  }

  const best = open[0];
  return { kind: "quote", quote: toQuote(best, method, geocoded.formattedAddress) };
}

/** Stores nearest first: by drive time when the matrix answered, else by straight line. */
async function measure(deps: ChooserDeps, location: LatLng): Promise<Measured[]> {
  const measured: Measured[] = deps.stores
    .map((store) => ({ store, straightMeters: straightLineMeters(store, location) }))
    .sort((a, b) => a.straightMeters - b.straightMeters);
  const shortlist = measured.slice(0, MATRIX_SHORTLIST);

  const matrix = await deps.routeMatrix(
    shortlist.map((m) => ({ latitude: m.store.latitude, longitude: m.store.longitude })),
    [location],
  );
  if (matrix.kind === "failed") {
    deps.onGoogleFailure("route matrix failed: measuring in straight lines", {
      reason: matrix.reason,
      httpStatus: matrix.httpStatus,
      googleStatus: matrix.googleStatus,
    });
    return measured;
  }

  // Stores left out of the shortlist, or without a route, are out of reach by road.
  for (const m of measured) m.drive = null;
  for (const element of matrix.elements) {
    const m = shortlist[element.originIndex];
    if (m && element.routeFound && element.durationSeconds !== undefined) {
      m.drive = { seconds: element.durationSeconds, meters: element.distanceMeters ?? 0 };
    }
  }
  return measured.sort(
    (a, b) =>
      (a.drive?.seconds ?? Infinity) - (b.drive?.seconds ?? Infinity) ||
      a.straightMeters - b.straightMeters,
  );
}

function covers(m: Measured, method: DeliveryQuote["method"]): boolean {
  if (method === "travel_time") {
    return m.drive != null && m.drive.seconds <= m.store.delivery.maxMinutes * 60;
  }
  return m.straightMeters <= m.store.delivery.radiusMeters;
}

function toQuote(
  m: Measured,
  method: DeliveryQuote["method"],
  formattedAddress: string,
): DeliveryQuote {
  const { store } = m;
  return {
    store: {
      id: store.id,
      name: store.name,
      address: store.address,
      postcode: store.postcode,
      city: store.city,
    },
    deliveryFeeCents: store.delivery.feeCents,
    minimumOrderCents: store.delivery.minimumOrderCents,
    ...(method === "travel_time" && m.drive ? { etaMinutes: Math.ceil(m.drive.seconds / 60) } : {}),
    distanceMeters: method === "travel_time" && m.drive ? m.drive.meters : m.straightMeters,
    method,
    formattedAddress,
  };
}

function geocodeRefusal(
  deps: ChooserDeps,
  outcome: Exclude<GeocodeOutcome, { kind: "found" }>,
): QuoteResult {
  const everyStore = byName(deps.stores).map((store) => pickup(store));
  if (outcome.kind === "unavailable") {
    deps.onGoogleFailure("geocoding failed", {
      reason: outcome.reason,
      httpStatus: outcome.httpStatus,
    });
    return refused("geocoding_unavailable", UNAVAILABLE_MESSAGES[outcome.reason], everyStore);
  }
  return refused(
    "address_not_found",
    "This address was not found: check the street, number and postcode, or order for pickup.",
    everyStore,
  );
}

const UNAVAILABLE_MESSAGES: Record<GeocodeFailure, string> = {
  quota: "Address checks are over their quota for now: pick a store, or try again later.",
  denied: "Address checks are refused by Google (server key): pick a store from the list.",
  google_error: "Address checks failed for a moment: try again, or pick a store.",
  http_error: "Address checks are unavailable: try again, or pick a store.",
  timeout: "Address checks took too long: try again, or pick a store.",
  unreachable: "Address checks are unreachable: try again, or pick a store.",
  bad_response: "Address checks gave an unreadable answer: pick a store from the list.",
};

function refused(
  code: QuoteRefusalCode,
  message: string,
  pickupStores: PickupStore[],
): Extract<QuoteResult, { kind: "refused" }> {
  return { kind: "refused", code, message, pickupStores };
}

function pickup(store: StoreDetails, distanceMeters?: number): PickupStore {
  return {
    id: store.id,
    name: store.name,
    address: store.address,
    postcode: store.postcode,
    city: store.city,
    openNow: store.openNow.open,
    ...(distanceMeters !== undefined ? { distanceMeters } : {}),
  };
}

function byName(stores: readonly StoreDetails[]): StoreDetails[] {
  return [...stores].sort((a, b) => a.name.localeCompare(b.name));
}
