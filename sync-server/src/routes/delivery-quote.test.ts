/**
 * POST /api/v1/delivery/quote through the real app, MariaDB and the real
 * Google clients aimed at the local fake: in zone, out of zone, closed,
 * unknown address, no key, Google failing (geocoding: a clear refusal;
 * route matrix: straight lines), the rate limit, and bad bodies.
 */
import type { RowDataPacket } from "mysql2/promise";
import type { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { DeliveryQuote, QuoteRefusalBody } from "@ocpizza/schema";

import type { AppDeps } from "../app.js";
import type { AppEnv } from "../http/auth.js";
import { capturingLogger } from "../testing/account-fixtures.js";
import { FAKE_PLACES, startFakeGoogle, type FakeGoogle } from "../testing/fake-google.js";
import {
  CLOSED_MORNING_MS,
  OPEN_EVENING_MS,
  validSettings,
} from "../testing/store-settings-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let fake: FakeGoogle;
let app: Hono<AppEnv>;

function appWith(overrides: Partial<AppDeps> = {}, maps: AppDeps["maps"] = {}): Hono<AppEnv> {
  return t.makeApp({
    now: () => OPEN_EVENING_MS,
    maps: {
      serverKey: fake.key,
      mapsApiBase: fake.url,
      routesApiBase: fake.url,
      quotesPerWindow: 10_000,
      ...maps,
    },
    ...overrides,
  });
}

beforeAll(async () => {
  [t, fake] = await Promise.all([createTestDatabase(), startFakeGoogle()]);
  app = appWith();
});
afterAll(async () => {
  await fake?.close();
  await t?.drop();
});
beforeEach(() => fake.reset());

async function quote(address: unknown, at: Hono<AppEnv> = app, headers = {}) {
  const response = await at.request("/api/v1/delivery/quote", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ address }),
  });
  return { status: response.status, body: (await response.json()) as unknown, response };
}

const refusal = (body: unknown) => (body as QuoteRefusalBody).error;

describe("a delivery quote for an address in a zone", () => {
  it.each([
    [FAKE_PLACES.nearBastille.address, "bastille", 250],
    [FAKE_PLACES.nearMontmartre.address, "montmartre", 250],
    [FAKE_PLACES.nearBoulogne.address, "boulogne", 350],
    [FAKE_PLACES.nearVincennes.address, "vincennes", 350],
  ])("%s is delivered by %s for %i cents, by drive time", async (address, storeId, fee) => {
    const { status, body } = await quote(address);

    expect(status).toBe(200);
    const answer = body as DeliveryQuote;
    expect(answer).toMatchObject({
      store: { id: storeId },
      deliveryFeeCents: fee,
      method: "travel_time",
      formattedAddress: `${address}, France`,
    });
    expect(answer.etaMinutes).toBeGreaterThanOrEqual(1);
    expect(answer.etaMinutes).toBeLessThanOrEqual(5);
  });

  it("asks the route matrix about the stores, nearest first, with the address as destination", async () => {
    await quote(FAKE_PLACES.nearBastille.address);

    const matrix = fake.requests.find((r) => r.path.includes("computeRouteMatrix"))!;
    const body = matrix.body as { origins: unknown[]; destinations: unknown[] };
    expect(body.origins).toHaveLength(5);
    expect(body.destinations).toEqual([
      { waypoint: { location: { latLng: { latitude: 48.8533, longitude: 2.3717 } } } },
    ]);
  });

  it("skips a store with no road to the address (ROUTE_NOT_FOUND)", async () => {
    const montmartre = { longitude: 2.3372 };
    fake.unroutable = (origin) => origin.longitude === montmartre.longitude;

    const { status, body } = await quote(FAKE_PLACES.nearMontmartre.address);
    expect(status).toBe(200);
    expect((body as DeliveryQuote).store.id).toBe("batignolles");
  });
});

describe("refusals, each with stores offered for pickup", () => {
  it("is out of zone far from every store, nearest stores first", async () => {
    const { status, body } = await quote(FAKE_PLACES.versailles.address);

    expect(status).toBe(422);
    const error = refusal(body);
    expect(error).toMatchObject({ code: "out_of_zone", messageKey: "quote.out_of_zone" });
    expect(error.pickupStores.map((s) => s.id)).toEqual(["boulogne", "batignolles", "montmartre"]);
    expect(error.pickupStores[0].distanceMeters).toBeGreaterThan(5_000);
  });

  it("is out of zone in another city", async () => {
    expect(refusal((await quote(FAKE_PLACES.lyon.address)).body).code).toBe("out_of_zone");
  });

  it("says the store is closed, and when it opens", async () => {
    const morning = appWith({ now: () => CLOSED_MORNING_MS });
    const { status, body } = await quote(FAKE_PLACES.nearBastille.address, morning);

    expect(status).toBe(422);
    expect(refusal(body)).toMatchObject({
      code: "store_closed",
      nextOpening: { storeId: "bastille", day: "2026-12-08", opens: "11:30" },
    });
    expect(refusal(body).pickupStores[0]).toMatchObject({ id: "bastille", openNow: false });
  });

  it("sends a hostile address to Google as text, and answers not found", async () => {
    const { status, body } = await quote("'; DROP TABLE stores; -- <script>alert(1)</script>");

    expect(status).toBe(422);
    expect(refusal(body).code).toBe("address_not_found");
    expect(fake.requests[0].query.address).toBe(
      "'; DROP TABLE stores; -- <script>alert(1)</script>",
    );
  });

  it("does not know an address Google does not know (ZERO_RESULTS)", async () => {
    const { status, body } = await quote("3 impasse Imaginaire, 75099 Paris");

    expect(status).toBe(422);
    expect(refusal(body).code).toBe("address_not_found");
    expect(refusal(body).pickupStores).toHaveLength(5);
  });

  it("says geocoding is off without a server key, and calls nobody", async () => {
    const keyless = t.makeApp({ now: () => OPEN_EVENING_MS });
    const { status, body } = await quote(FAKE_PLACES.nearBastille.address, keyless);

    expect(status).toBe(422);
    expect(refusal(body).code).toBe("geocoding_unavailable");
    expect(refusal(body).pickupStores.map((s) => s.id)).toHaveLength(5);
    expect(fake.requests).toEqual([]);
  });

  it.each(["OVER_QUERY_LIMIT", "UNKNOWN_ERROR", "http_500"] as const)(
    "says geocoding is unavailable when Google answers %s",
    async (mode) => {
      fake.geocodeFailure = mode;
      const { status, body } = await quote(FAKE_PLACES.nearBastille.address);
      expect(status).toBe(422);
      expect(refusal(body).code).toBe("geocoding_unavailable");
    },
  );

  it("says geocoding is unavailable when the key is refused, without logging the key", async () => {
    const { logger, text } = capturingLogger();
    const wrongKey = appWith({ logger }, { serverKey: "a-wrong-server-key-0000000000" });

    const { body } = await quote(FAKE_PLACES.nearBastille.address, wrongKey);
    expect(refusal(body).code).toBe("geocoding_unavailable");
    expect(text()).toContain("geocoding failed");
    expect(text()).not.toContain("a-wrong-server-key");
    expect(text()).not.toContain("rue de Lappe");
  });
});

describe("when the Routes API fails", () => {
  it.each([403, 429, 500, "not_json"] as const)(
    "falls back to straight lines on %s, without an ETA",
    async (failure) => {
      fake.routesFailure = failure;
      const { status, body } = await quote(FAKE_PLACES.nearBastille.address);

      expect(status).toBe(200);
      const answer = body as DeliveryQuote;
      expect(answer).toMatchObject({ store: { id: "bastille" }, method: "straight_line" });
      expect(answer.etaMinutes).toBeUndefined();
      expect(answer.distanceMeters).toBeLessThan(500);
    },
  );

  it("still refuses out of zone by straight line", async () => {
    fake.routesFailure = 500;
    expect(refusal((await quote(FAKE_PLACES.versailles.address)).body).code).toBe("out_of_zone");
  });
});

describe("the rate limit per client address", () => {
  it("answers 429 past the limit, for that address only", async () => {
    const limited = appWith({ auth: { trustProxy: true } }, { quotesPerWindow: 2 });
    const from = (ip: string) => ({ "x-forwarded-for": ip });

    expect((await quote(FAKE_PLACES.nearBastille.address, limited, from("10.0.0.7"))).status).toBe(
      200,
    );
    expect((await quote(FAKE_PLACES.versailles.address, limited, from("10.0.0.7"))).status).toBe(
      422,
    );
    const third = await quote(FAKE_PLACES.nearBastille.address, limited, from("10.0.0.7"));
    expect(third.status).toBe(429);
    expect((third.body as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(Number(third.response.headers.get("retry-after"))).toBeGreaterThan(0);

    expect((await quote(FAKE_PLACES.nearBastille.address, limited, from("10.0.0.8"))).status).toBe(
      200,
    );
  });
});

describe("bad quote requests", () => {
  const counters = async () => {
    const [rows] = await t.pool.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n, COALESCE(SUM(count), 0) AS total FROM rate_limit_counters",
    );
    return `${rows[0].n}/${rows[0].total}`;
  };

  it.each([
    ["no address", undefined, /address/],
    ["a number", 75011, /address/],
    ["too short", "Pa", /address/],
    ["201 characters", "x".repeat(201), /address: must be at most 200/],
    ["a control character", "10 rue de Lappe\u0000 Paris", /address: must not contain control/],
    ["an array", ["10 rue de Lappe"], /address/],
  ])(
    "%s -> 400 naming the address, nothing counted, Google not called",
    async (_, address, mention) => {
      const before = await counters();
      const { status, body } = await quote(address);

      expect(status).toBe(400);
      expect((body as { error: { code: string; message: string } }).error).toMatchObject({
        code: "invalid_message",
        message: expect.stringMatching(mention),
      });
      expect(await counters()).toBe(before);
      expect(fake.requests).toEqual([]);
    },
  );

  it("refuses a body that is not JSON with 400", async () => {
    const response = await app.request("/api/v1/delivery/quote", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{address:",
    });
    expect(response.status).toBe(400);
  });
});

describe("several stores covering one address", () => {
  it("passes a closed store over for an open one whose zone covers the address too", async () => {
    const montmartreClosedTonight = {
      ...validSettings(),
      openingHours: { ...validSettings().openingHours, tue: [] },
      coordinates: { latitude: 48.8847, longitude: 2.3372 },
    };
    const saved = await app.request("/api/v1/admin/stores/montmartre/settings", {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.adminToken}` },
      body: JSON.stringify(montmartreClosedTonight),
    });
    expect(saved.status).toBe(200);

    const { status, body } = await quote(FAKE_PLACES.nearMontmartre.address);
    expect(status).toBe(200);
    expect((body as DeliveryQuote).store.id).toBe("batignolles");
  });
});

describe("the public Maps settings", () => {
  it("give the browser key and whether addresses can be checked", async () => {
    const withKeys = appWith({}, { browserKey: "browser-key-for-the-map-0000" });
    expect(await (await withKeys.request("/api/v1/config")).json()).toEqual({
      maps: { browserKey: "browser-key-for-the-map-0000", geocoding: true },
    });
    const keyless = t.makeApp();
    expect(await (await keyless.request("/api/v1/config")).json()).toEqual({
      maps: { browserKey: null, geocoding: false },
    });
  });
});
