/**
 * Client of the Routes API route matrix (POST /distanceMatrix/v2:computeRouteMatrix):
 * drive times from several stores to one address. The field mask asks only for
 * what the store chooser reads, which also keeps the call in the cheapest SKU.
 * Element-level failures (no route, an element status) stay per element;
 * a refused call (403, 429, 5xx) is one typed failure with Google's status.
 */
import { z } from "zod";

import type { LatLng } from "./distance.js";
import { callGoogle } from "./google-fetch.js";

export interface RouteMatrixClientOptions {
  key: string;
  /** e.g. https://routes.googleapis.com */
  baseUrl: string;
  timeoutMs: number;
}

export interface MatrixElement {
  originIndex: number;
  destinationIndex: number;
  /** False for ROUTE_NOT_FOUND or an element whose status is an error. */
  routeFound: boolean;
  distanceMeters?: number;
  durationSeconds?: number;
}

export type RouteMatrixOutcome =
  | { kind: "ok"; elements: MatrixElement[] }
  | {
      kind: "failed";
      reason: "http_error" | "timeout" | "unreachable" | "bad_response";
      httpStatus?: number;
      /** Google's error status, e.g. PERMISSION_DENIED, RESOURCE_EXHAUSTED. */
      googleStatus?: string;
      message?: string;
    };

export const ROUTE_MATRIX_FIELD_MASK =
  "originIndex,destinationIndex,status,condition,distanceMeters,duration";

// proto3 JSON leaves out zero values: a missing index is index 0.
const elementSchema = z.object({
  originIndex: z.number().int().min(0).optional(),
  destinationIndex: z.number().int().min(0).optional(),
  status: z.object({ code: z.number().optional(), message: z.string().optional() }).optional(),
  condition: z.string().optional(),
  distanceMeters: z.number().optional(),
  duration: z.string().optional(),
});

const errorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
  }),
});

export async function computeRouteMatrix(
  options: RouteMatrixClientOptions,
  origins: readonly LatLng[],
  destinations: readonly LatLng[],
): Promise<RouteMatrixOutcome> {
  const url = new URL("/distanceMatrix/v2:computeRouteMatrix", options.baseUrl).toString();
  const body = {
    origins: origins.map((point) => ({ waypoint: waypoint(point) })),
    destinations: destinations.map((point) => ({ waypoint: waypoint(point) })),
    travelMode: "DRIVE",
    routingPreference: "TRAFFIC_UNAWARE",
  };
  const outcome = await callGoogle(
    url,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-goog-api-key": options.key,
        "x-goog-fieldmask": ROUTE_MATRIX_FIELD_MASK,
      },
      body: JSON.stringify(body),
    },
    options.timeoutMs,
  );

  if (outcome.kind === "network") return { kind: "failed", reason: outcome.reason };
  if (outcome.kind === "bad_body") {
    return { kind: "failed", reason: "bad_response", httpStatus: outcome.status };
  }
  if (outcome.status !== 200) return httpFailure(outcome.status, outcome.body);

  const elements = z.array(elementSchema).safeParse(outcome.body);
  if (!elements.success) return { kind: "failed", reason: "bad_response", httpStatus: 200 };
  return { kind: "ok", elements: elements.data.map(readElement) };
}

function waypoint(point: LatLng) {
  return { location: { latLng: { latitude: point.latitude, longitude: point.longitude } } };
}

function readElement(raw: z.output<typeof elementSchema>): MatrixElement {
  const indexes = {
    originIndex: raw.originIndex ?? 0,
    destinationIndex: raw.destinationIndex ?? 0,
  };
  const statusOk = raw.status?.code === undefined || raw.status.code === 0;
  const seconds = raw.duration ? parseDurationSeconds(raw.duration) : null;
  if (!statusOk || raw.condition !== "ROUTE_EXISTS" || seconds === null) {
    return { ...indexes, routeFound: false };
  }
  return {
    ...indexes,
    routeFound: true,
    distanceMeters: raw.distanceMeters ?? 0,
    durationSeconds: seconds,
  };
}

/** "734s" or "3.5s" (protobuf Duration in JSON) as whole seconds, rounded up. */
export function parseDurationSeconds(text: string): number | null {
  const match = /^(\d+)(\.\d{1,9})?s$/.exec(text);
  return match ? Math.ceil(Number(match[1] + (match[2] ?? ""))) : null;
}

function httpFailure(status: number, body: unknown): RouteMatrixOutcome {
  const parsed = errorSchema.safeParse(body);
  return {
    kind: "failed",
    reason: "http_error",
    httpStatus: status,
    googleStatus: parsed.success ? parsed.data.error.status : undefined,
    message: parsed.success ? parsed.data.error.message : undefined,
  };
}
