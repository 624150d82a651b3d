/**
 * A driver's round through the Routes API (POST /directions/v2:computeRoutes):
 * from the store, through each delivery address, back to the store, with
 * optimizeWaypointOrder so Google says in which order to go. Addresses are
 * sent as typed (Google geocodes them). Without a server key, or when the
 * call fails, the round keeps the order it was given and says why.
 */
import { z } from "zod";

import type { LatLng } from "../geo/distance.js";
import { callGoogle } from "../geo/google-fetch.js";
import { parseDurationSeconds } from "../geo/route-matrix.js";

export interface RoutesClientOptions {
  key: string;
  /** e.g. https://routes.googleapis.com */
  baseUrl: string;
  timeoutMs: number;
}

export type RoundOutcome =
  | {
      kind: "ok";
      /** Indexes into the addresses given, in the order to drive them. */
      order: number[];
      distanceMeters: number;
      durationSeconds: number;
    }
  | {
      kind: "failed";
      reason: "http_error" | "timeout" | "unreachable" | "bad_response" | "no_route";
    };

export const ROUTES_FIELD_MASK =
  "routes.optimizedIntermediateWaypointIndex,routes.distanceMeters,routes.duration";

const answerSchema = z.object({
  routes: z
    .array(
      z.object({
        optimizedIntermediateWaypointIndex: z.array(z.number().int().min(0)).optional(),
        distanceMeters: z.number().optional(),
        duration: z.string().optional(),
      }),
    )
    .optional(),
});

export async function computeRound(
  options: RoutesClientOptions,
  store: LatLng,
  addresses: readonly string[],
): Promise<RoundOutcome> {
  const url = new URL("/directions/v2:computeRoutes", options.baseUrl).toString();
  const storeWaypoint = {
    location: { latLng: { latitude: store.latitude, longitude: store.longitude } },
  };
  const body = {
    origin: storeWaypoint,
    destination: storeWaypoint,
    intermediates: addresses.map((address) => ({ address })),
    travelMode: "DRIVE",
    routingPreference: "TRAFFIC_UNAWARE",
    optimizeWaypointOrder: true,
  };
  const outcome = await callGoogle(
    url,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-goog-api-key": options.key,
        "x-goog-fieldmask": ROUTES_FIELD_MASK,
      },
      body: JSON.stringify(body),
    },
    options.timeoutMs,
  );

  if (outcome.kind === "network") return { kind: "failed", reason: outcome.reason };
  if (outcome.kind === "bad_body") return { kind: "failed", reason: "bad_response" };
  if (outcome.status !== 200) return { kind: "failed", reason: "http_error" };
  const parsed = answerSchema.safeParse(outcome.body);
  if (!parsed.success) return { kind: "failed", reason: "bad_response" };
  const route = parsed.data.routes?.[0];
  if (!route) return { kind: "failed", reason: "no_route" };

  // One stop is never reordered: Google leaves the index list out, or gives [0].
  const order = route.optimizedIntermediateWaypointIndex ?? addresses.map((_, i) => i);
  const isPermutation = order.length === addresses.length && new Set(order).size === order.length;
  if (!isPermutation || order.some((i) => i >= addresses.length)) {
    return { kind: "failed", reason: "bad_response" };
  }
  return {
    kind: "ok",
    order,
    distanceMeters: route.distanceMeters ?? 0,
    durationSeconds: route.duration ? (parseDurationSeconds(route.duration) ?? 0) : 0,
  };
}
