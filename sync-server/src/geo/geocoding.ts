/**
 * Client of Google's Geocoding web service (GET /maps/api/geocode/json),
 * restricted to France and answering in French. Every answer becomes one
 * typed outcome: found, not found, or unavailable with the reason, so the
 * caller never parses Google's statuses itself.
 */
import { z } from "zod";

import type { LatLng } from "./distance.js";
import { callGoogle } from "./google-fetch.js";

export type GeocodeOutcome =
  | { kind: "found"; location: LatLng; formattedAddress: string; partialMatch: boolean }
  /** ZERO_RESULTS: Google knows no such address. */
  | { kind: "not_found" }
  /** INVALID_REQUEST: the address was missing or unusable as sent. */
  | { kind: "invalid_request" }
  | { kind: "unavailable"; reason: GeocodeFailure; httpStatus?: number; message?: string };

export type GeocodeFailure =
  /** OVER_QUERY_LIMIT or OVER_DAILY_LIMIT: quota or billing. */
  | "quota"
  /** REQUEST_DENIED: wrong key, or the key may not call this API. */
  | "denied"
  /** UNKNOWN_ERROR: Google's side; a retry may succeed. */
  | "google_error"
  | "http_error"
  | "timeout"
  | "unreachable"
  | "bad_response";

export interface GeocodeClientOptions {
  key: string;
  /** e.g. https://maps.googleapis.com (no trailing path). */
  baseUrl: string;
  timeoutMs: number;
}

const resultSchema = z.object({
  formatted_address: z.string(),
  geometry: z.object({ location: z.object({ lat: z.number(), lng: z.number() }) }),
  partial_match: z.boolean().optional(),
});

const responseSchema = z.object({
  status: z.string(),
  results: z.array(z.unknown()).optional(),
  error_message: z.string().optional(),
});

export async function geocodeAddress(
  options: GeocodeClientOptions,
  address: string,
): Promise<GeocodeOutcome> {
  const url = new URL("/maps/api/geocode/json", options.baseUrl);
  url.search = new URLSearchParams({
    address,
    key: options.key,
    region: "fr",
    language: "fr",
  }).toString();

  const outcome = await callGoogle(url.toString(), { method: "GET" }, options.timeoutMs);
  if (outcome.kind === "network") return { kind: "unavailable", reason: outcome.reason };
  if (outcome.kind === "bad_body" || outcome.status !== 200) {
    return { kind: "unavailable", reason: "http_error", httpStatus: outcome.status };
  }

  const parsed = responseSchema.safeParse(outcome.body);
  if (!parsed.success) return { kind: "unavailable", reason: "bad_response", httpStatus: 200 };
  return readStatus(parsed.data);
}

function readStatus(body: z.output<typeof responseSchema>): GeocodeOutcome {
  const message = body.error_message;
  switch (body.status) {
    case "OK": {
      const first = resultSchema.safeParse(body.results?.[0]);
      if (!first.success) return { kind: "unavailable", reason: "bad_response" };
      const { lat, lng } = first.data.geometry.location;
      return {
        kind: "found",
        location: { latitude: lat, longitude: lng },
        formattedAddress: first.data.formatted_address,
        partialMatch: first.data.partial_match ?? false,
      };
    }
    case "ZERO_RESULTS":
      return { kind: "not_found" };
    case "INVALID_REQUEST":
      return { kind: "invalid_request" };
    case "OVER_QUERY_LIMIT":
    case "OVER_DAILY_LIMIT":
      return { kind: "unavailable", reason: "quota", message };
    case "REQUEST_DENIED":
      return { kind: "unavailable", reason: "denied", message };
    case "UNKNOWN_ERROR":
      return { kind: "unavailable", reason: "google_error", message };
    default:
      return { kind: "unavailable", reason: "bad_response", message };
  }
}
