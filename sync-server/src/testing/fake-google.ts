/**
 * A local stand-in for Google's Geocoding web service and Routes API route
 * matrix, on 127.0.0.1 and a random port, answering in their JSON shapes:
 * known addresses around the five stores (and a few out of every zone),
 * ZERO_RESULTS for the rest, REQUEST_DENIED for a wrong key, and whatever
 * failure a test asks for. Drive times are straight lines stretched for
 * streets at city speed, so zone decisions are predictable.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { straightLineMeters, type LatLng } from "../geo/distance.js";

export interface FakePlace {
  /** What a customer types (matched without case, accents or punctuation). */
  address: string;
  formatted: string;
  latitude: number;
  longitude: number;
}

/** Addresses the fake knows: one near each store, some outside every zone. */
export const FAKE_PLACES = {
  nearBastille: place("10 rue de Lappe, 75011 Paris", 48.8533, 2.3717),
  nearMontmartre: place("5 rue Lepic, 75018 Paris", 48.8841, 2.3335),
  nearBatignolles: place("12 rue Legendre, 75017 Paris", 48.8842, 2.3178),
  nearBoulogne: place("20 avenue Jean-Baptiste Clément, 92100 Boulogne-Billancourt", 48.838, 2.242),
  nearVincennes: place("8 avenue de Paris, 94300 Vincennes", 48.8475, 2.433),
  versailles: place("1 place d'Armes, 78000 Versailles", 48.8049, 2.1204),
  lyon: place("Place Bellecour, 69002 Lyon", 45.7578, 4.832),
} satisfies Record<string, FakePlace>;

function place(address: string, latitude: number, longitude: number): FakePlace {
  return { address, formatted: `${address}, France`, latitude, longitude };
}

export type GeocodeFailureMode =
  | "OVER_QUERY_LIMIT"
  | "OVER_DAILY_LIMIT"
  | "UNKNOWN_ERROR"
  | "INVALID_REQUEST"
  | "http_500"
  | "not_json";

export type RoutesFailureMode = 403 | 429 | 500 | "not_json";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface FakeGoogle {
  /** Base URL of both services, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The one key the fake accepts. */
  key: string;
  requests: RecordedRequest[];
  /** Set to make every geocoding call fail this way; null answers normally. */
  geocodeFailure: GeocodeFailureMode | null;
  /** Set to make every route matrix call fail this way; null answers normally. */
  routesFailure: RoutesFailureMode | null;
  /** Origin/destination pairs that get condition ROUTE_NOT_FOUND. */
  unroutable: (origin: LatLng, destination: LatLng) => boolean;
  /** Milliseconds before each answer (to test time limits); default 0. */
  delayMs: number;
  /** Back to normal answers and an empty request log. */
  reset(): void;
  close(): Promise<void>;
}

/** Metres of street per metre of straight line, and a city drive speed (18 km/h). */
const DETOUR = 1.35;
const METRES_PER_SECOND = 5;

export async function startFakeGoogle(
  options: { key?: string; places?: readonly FakePlace[] } = {},
): Promise<FakeGoogle> {
  const places = options.places ?? Object.values(FAKE_PLACES);
  const fake: FakeGoogle = {
    url: "",
    key: options.key ?? "fake-google-server-key-0123456789",
    requests: [],
    geocodeFailure: null,
    routesFailure: null,
    unroutable: () => false,
    delayMs: 0,
    reset() {
      fake.requests = [];
      fake.geocodeFailure = null;
      fake.routesFailure = null;
      fake.unroutable = () => false;
      fake.delayMs = 0;
    },
    close: async () => undefined,
  };

  const server = createServer((request, response) => {
    void handle(fake, places, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, { error: { code: 500, status: "INTERNAL" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

async function handle(
  fake: FakeGoogle,
  places: readonly FakePlace[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? "/", fake.url);
  const text = await readBody(request);
  const body = text ? safeJson(text) : undefined;
  fake.requests.push({
    method: request.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: {
      "x-goog-api-key": header(request, "x-goog-api-key"),
      "x-goog-fieldmask": header(request, "x-goog-fieldmask"),
      "content-type": header(request, "content-type"),
    },
    body,
  });
  if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));

  if (request.method === "GET" && url.pathname === "/maps/api/geocode/json") {
    return geocode(fake, places, url.searchParams, response);
  }
  if (request.method === "POST" && url.pathname === "/distanceMatrix/v2:computeRouteMatrix") {
    return routeMatrix(fake, request, body, response);
  }
  if (request.method === "POST" && url.pathname === "/directions/v2:computeRoutes") {
    return computeRoutes(fake, places, request, body, response);
  }
  send(response, 404, { error: { code: 404, message: "Not found", status: "NOT_FOUND" } });
}

function geocode(
  fake: FakeGoogle,
  places: readonly FakePlace[],
  params: URLSearchParams,
  response: ServerResponse,
): void {
  const failure = fake.geocodeFailure;
  if (failure === "http_500") return send(response, 500, { error: "backend error" });
  if (failure === "not_json") return sendText(response, 200, "<html>Service unavailable</html>");
  if (params.get("key") !== fake.key) {
    return send(response, 200, {
      error_message: "The provided API key is invalid.",
      results: [],
      status: "REQUEST_DENIED",
    });
  }
  const address = params.get("address") ?? "";
  if (failure !== null || address.trim() === "") {
    const status = failure ?? "INVALID_REQUEST";
    const message =
      status === "INVALID_REQUEST"
        ? "Invalid request. Missing the 'address' parameter."
        : "You have exceeded your rate-limit for this API.";
    return send(response, 200, { error_message: message, results: [], status });
  }

  const found = places.find((p) => normalize(p.address) === normalize(address));
  if (!found) return send(response, 200, { results: [], status: "ZERO_RESULTS" });
  send(response, 200, {
    results: [
      {
        formatted_address: found.formatted,
        geometry: {
          location: { lat: found.latitude, lng: found.longitude },
          location_type: "ROOFTOP",
        },
        place_id: `fake-${normalize(found.address).replace(/ /g, "-")}`,
        types: ["street_address"],
      },
    ],
    status: "OK",
  });
}

function routeMatrix(
  fake: FakeGoogle,
  request: IncomingMessage,
  body: unknown,
  response: ServerResponse,
): void {
  const failure = fake.routesFailure;
  if (failure === "not_json") return sendText(response, 502, "<html>Bad gateway</html>");
  if (failure !== null) return send(response, failure, googleError(failure));
  if (header(request, "x-goog-api-key") !== fake.key) {
    return send(response, 400, {
      error: {
        code: 400,
        message: "API key not valid. Please pass a valid API key.",
        status: "INVALID_ARGUMENT",
      },
    });
  }
  if (!header(request, "x-goog-fieldmask")) {
    return send(response, 400, {
      error: {
        code: 400,
        message: "FieldMask is a required parameter.",
        status: "INVALID_ARGUMENT",
      },
    });
  }
  const origins = waypoints(body, "origins");
  const destinations = waypoints(body, "destinations");
  if (!origins || !destinations) {
    return send(response, 400, {
      error: { code: 400, message: "Invalid waypoints.", status: "INVALID_ARGUMENT" },
    });
  }

  const elements = origins.flatMap((origin, originIndex) =>
    destinations.map((destination, destinationIndex) => {
      // proto3 JSON leaves zero values out, as Google does.
      const indexes = {
        ...(originIndex ? { originIndex } : {}),
        ...(destinationIndex ? { destinationIndex } : {}),
      };
      if (fake.unroutable(origin, destination)) {
        return { ...indexes, status: {}, condition: "ROUTE_NOT_FOUND" };
      }
      const meters = Math.round(straightLineMeters(origin, destination) * DETOUR);
      return {
        ...indexes,
        status: {},
        distanceMeters: meters,
        duration: `${Math.round(meters / METRES_PER_SECOND)}s`,
        condition: "ROUTE_EXISTS",
      };
    }),
  );
  send(response, 200, elements);
}

/**
 * computeRoutes for a driver's round: origin and destination as latLng,
 * intermediates as addresses the fake knows; with optimizeWaypointOrder the
 * stops are ordered nearest first from where the driver is (a greedy
 * order, predictable for tests). An unknown address answers no route.
 */
function computeRoutes(
  fake: FakeGoogle,
  places: readonly FakePlace[],
  request: IncomingMessage,
  body: unknown,
  response: ServerResponse,
): void {
  const failure = fake.routesFailure;
  if (failure === "not_json") return sendText(response, 502, "<html>Bad gateway</html>");
  if (failure !== null) return send(response, failure, googleError(failure));
  if (header(request, "x-goog-api-key") !== fake.key || !header(request, "x-goog-fieldmask")) {
    return send(response, 400, {
      error: { code: 400, message: "API key or field mask missing.", status: "INVALID_ARGUMENT" },
    });
  }
  const asked = body as {
    origin?: { location?: { latLng?: LatLng } };
    intermediates?: { address?: string }[];
    optimizeWaypointOrder?: boolean;
  };
  const origin = asked.origin?.location?.latLng;
  const stops = (asked.intermediates ?? []).map((stop) =>
    places.find((p) => normalize(p.address) === normalize(stop.address ?? "")),
  );
  if (!origin || stops.some((stop) => stop === undefined)) return send(response, 200, {});

  const remaining = stops.map((stop, index) => ({ index, point: stop! }));
  const order: number[] = [];
  let at: LatLng = origin;
  let meters = 0;
  while (remaining.length > 0) {
    const pick = asked.optimizeWaypointOrder
      ? remaining.reduce((best, next) =>
          straightLineMeters(at, next.point) < straightLineMeters(at, best.point) ? next : best,
        )
      : remaining[0];
    remaining.splice(remaining.indexOf(pick), 1);
    meters += straightLineMeters(at, pick.point) * DETOUR;
    order.push(pick.index);
    at = pick.point;
  }
  meters += straightLineMeters(at, origin) * DETOUR;
  send(response, 200, {
    routes: [
      {
        ...(asked.optimizeWaypointOrder && { optimizedIntermediateWaypointIndex: order }),
        distanceMeters: Math.round(meters),
        duration: `${Math.round(meters / METRES_PER_SECOND)}s`,
      },
    ],
  });
}

function googleError(status: 403 | 429 | 500) {
  const byStatus = {
    403: ["PERMISSION_DENIED", "Routes API has not been used in project 0 or it is disabled."],
    429: ["RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Compute route matrix'."],
    500: ["INTERNAL", "Internal error encountered."],
  } as const;
  const [name, message] = byStatus[status];
  return { error: { code: status, message, status: name } };
}

function waypoints(body: unknown, field: "origins" | "destinations"): LatLng[] | null {
  const list = (body as Record<string, unknown> | undefined)?.[field];
  if (!Array.isArray(list) || list.length === 0) return null;
  const points: LatLng[] = [];
  for (const item of list) {
    const latLng = item?.waypoint?.location?.latLng;
    if (typeof latLng?.latitude !== "number" || typeof latLng?.longitude !== "number") return null;
    points.push({ latitude: latLng.latitude, longitude: latLng.longitude });
  }
  return points;
}

export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "text/html" });
  response.end(text);
}
