/**
 * The Geocoding and route matrix clients against the local fake Google:
 * what they send (parameters, key header, field mask) and one typed outcome
 * for every answer, success or failure, HTTP or per element.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { FAKE_PLACES, startFakeGoogle, type FakeGoogle } from "../testing/fake-google.js";
import { geocodeAddress } from "./geocoding.js";
import {
  computeRouteMatrix,
  parseDurationSeconds,
  ROUTE_MATRIX_FIELD_MASK,
} from "./route-matrix.js";

let fake: FakeGoogle;
beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

const geocoding = () => ({ key: fake.key, baseUrl: fake.url, timeoutMs: 2_000 });
const routes = () => ({ key: fake.key, baseUrl: fake.url, timeoutMs: 2_000 });

describe("the Geocoding client", () => {
  it("finds a known address and sends it restricted to France, in French", async () => {
    const outcome = await geocodeAddress(geocoding(), "10 rue de Lappe, 75011 Paris");

    expect(outcome).toEqual({
      kind: "found",
      location: { latitude: 48.8533, longitude: 2.3717 },
      formattedAddress: "10 rue de Lappe, 75011 Paris, France",
      partialMatch: false,
    });
    expect(fake.requests[0]).toMatchObject({
      method: "GET",
      path: "/maps/api/geocode/json",
      query: {
        address: "10 rue de Lappe, 75011 Paris",
        key: fake.key,
        region: "fr",
        language: "fr",
      },
    });
  });

  it("says not found for ZERO_RESULTS", async () => {
    expect(await geocodeAddress(geocoding(), "1 rue qui n'existe pas, 99999 Nulle-part")).toEqual({
      kind: "not_found",
    });
  });

  it("says denied for a wrong key (REQUEST_DENIED)", async () => {
    const outcome = await geocodeAddress({ ...geocoding(), key: "wrong-key-wrong-key-wrong" }, "x");
    expect(outcome).toMatchObject({ kind: "unavailable", reason: "denied" });
  });

  it.each([
    ["OVER_QUERY_LIMIT", { kind: "unavailable", reason: "quota" }],
    ["OVER_DAILY_LIMIT", { kind: "unavailable", reason: "quota" }],
    ["UNKNOWN_ERROR", { kind: "unavailable", reason: "google_error" }],
    ["INVALID_REQUEST", { kind: "invalid_request" }],
    ["http_500", { kind: "unavailable", reason: "http_error", httpStatus: 500 }],
    ["not_json", { kind: "unavailable", reason: "http_error", httpStatus: 200 }],
  ] as const)("turns %s into %j", async (mode, expected) => {
    fake.geocodeFailure = mode;
    expect(await geocodeAddress(geocoding(), FAKE_PLACES.nearBastille.address)).toMatchObject(
      expected,
    );
  });

  it("gives up after its time limit", async () => {
    fake.delayMs = 300;
    const outcome = await geocodeAddress({ ...geocoding(), timeoutMs: 50 }, "10 rue de Lappe");
    expect(outcome).toEqual({ kind: "unavailable", reason: "timeout" });
  });

  it("says unreachable when nothing listens", async () => {
    const closed = await startFakeGoogle();
    const url = closed.url;
    await closed.close();
    const outcome = await geocodeAddress({ ...geocoding(), baseUrl: url }, "10 rue de Lappe");
    expect(outcome).toEqual({ kind: "unavailable", reason: "unreachable" });
  });
});

describe("the route matrix client", () => {
  const bastille = { latitude: 48.8545, longitude: 2.3719 };
  const boulogne = { latitude: 48.8405, longitude: 2.2408 };
  const customer = { latitude: 48.8533, longitude: 2.3717 };

  it("sends the key and field mask headers and reads every element", async () => {
    const outcome = await computeRouteMatrix(routes(), [bastille, boulogne], [customer]);

    expect(outcome.kind).toBe("ok");
    if (outcome.kind !== "ok") return;
    const [first, second] = outcome.elements;
    expect(first).toMatchObject({ originIndex: 0, destinationIndex: 0, routeFound: true });
    expect(second).toMatchObject({ originIndex: 1, destinationIndex: 0, routeFound: true });
    expect(first.durationSeconds!).toBeLessThan(second.durationSeconds!);
    expect(first.distanceMeters!).toBeGreaterThan(0);

    const request = fake.requests[0];
    expect(request.path).toBe("/distanceMatrix/v2:computeRouteMatrix");
    expect(request.headers["x-goog-api-key"]).toBe(fake.key);
    expect(request.headers["x-goog-fieldmask"]).toBe(ROUTE_MATRIX_FIELD_MASK);
    expect(request.body).toMatchObject({
      origins: [{ waypoint: { location: { latLng: bastille } } }, expect.anything()],
      destinations: [{ waypoint: { location: { latLng: customer } } }],
      travelMode: "DRIVE",
    });
  });

  it("marks ROUTE_NOT_FOUND pairs without failing the others", async () => {
    fake.unroutable = (origin) => origin.longitude === boulogne.longitude;
    const outcome = await computeRouteMatrix(routes(), [bastille, boulogne], [customer]);

    expect(outcome.kind === "ok" && outcome.elements.map((e) => e.routeFound)).toEqual([
      true,
      false,
    ]);
    if (outcome.kind === "ok") expect(outcome.elements[1].durationSeconds).toBeUndefined();
  });

  it.each([
    [403, "PERMISSION_DENIED"],
    [429, "RESOURCE_EXHAUSTED"],
    [500, "INTERNAL"],
  ] as const)("turns HTTP %i into a failure with Google's status %s", async (status, name) => {
    fake.routesFailure = status;
    expect(await computeRouteMatrix(routes(), [bastille], [customer])).toMatchObject({
      kind: "failed",
      reason: "http_error",
      httpStatus: status,
      googleStatus: name,
    });
  });

  it("turns a wrong key into a failure (400 INVALID_ARGUMENT)", async () => {
    const outcome = await computeRouteMatrix({ ...routes(), key: "nope" }, [bastille], [customer]);
    expect(outcome).toMatchObject({
      kind: "failed",
      httpStatus: 400,
      googleStatus: "INVALID_ARGUMENT",
    });
  });

  it("turns a body that is not JSON into bad_response", async () => {
    fake.routesFailure = "not_json";
    expect(await computeRouteMatrix(routes(), [bastille], [customer])).toMatchObject({
      kind: "failed",
      reason: "bad_response",
      httpStatus: 502,
    });
  });

  it("gives up after its time limit", async () => {
    fake.delayMs = 300;
    const outcome = await computeRouteMatrix(
      { ...routes(), timeoutMs: 50 },
      [bastille],
      [customer],
    );
    expect(outcome).toEqual({ kind: "failed", reason: "timeout" });
  });

  it.each([
    ["734s", 734],
    ["3.5s", 4],
    ["0s", 0],
    ["12", null],
    ["-5s", null],
  ])("reads the duration %s as %s seconds", (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });
});
