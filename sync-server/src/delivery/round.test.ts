/**
 * A driver's round: with a server key the Routes API (the local fake) gives
 * the order to drive the stops in, asked with optimizeWaypointOrder from the
 * store and back; without a key, or when Google fails, the stops keep the
 * order given and the answer says why. Only the store's delivery orders.
 */
import type { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Order } from "@ocpizza/schema";

import type { AppEnv } from "../http/auth.js";
import { FAKE_PLACES, startFakeGoogle, type FakeGoogle } from "../testing/fake-google.js";
import {
  buildOrder,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
  type PairedDevice,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let fake: FakeGoogle;
let withKey: Hono<AppEnv>;
let device: PairedDevice;
/** Stops near Montmartre, Vincennes and Bastille, given in that order: the nearest last. */
const stops: Order[] = [];

beforeAll(async () => {
  [t, fake] = await Promise.all([createTestDatabase(), startFakeGoogle()]);
  withKey = t.makeApp({
    maps: { serverKey: fake.key, mapsApiBase: fake.url, routesApiBase: fake.url },
  });
  device = await pairDevice(t);
  const menu = await fetchMenu(t.app);
  const places = [FAKE_PLACES.nearMontmartre, FAKE_PLACES.nearVincennes, FAKE_PLACES.nearBastille];
  for (const place of places) {
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }], {
      serviceMode: "delivery",
    });
    stops.push({ ...order, customer: { name: "Client", address: place.address } });
  }
  const pushed = await postPush(
    t.app,
    device,
    pushBody(
      device,
      stops.map((order, i) => createMutation(i + 1, order)),
    ),
  );
  expect(pushed.status).toBe(200);
});
afterAll(async () => {
  await fake?.close();
  await t?.drop();
});
beforeEach(() => fake.reset());

async function round(app: Hono<AppEnv>, orderIds: string[]) {
  const response = await app.request("/api/v1/devices/me/delivery-round", {
    method: "POST",
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: JSON.stringify({ orderIds }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe("a driver's round", () => {
  it("is ordered by the Routes API, nearest stop first from the store", async () => {
    const answer = await round(
      withKey,
      stops.map((o) => o.id),
    );

    expect(answer.status).toBe(200);
    expect(answer.body.optimized).toBe(true);
    // From the Bastille store the stop near Bastille comes first, though it was given last.
    expect(answer.body.orderIds[0]).toBe(stops[2].id);
    expect([...answer.body.orderIds].sort()).toEqual(stops.map((o) => o.id).sort());
    expect(answer.body.distanceMeters).toBeGreaterThan(0);
    const [call] = fake.requests;
    expect(call.path).toBe("/directions/v2:computeRoutes");
    expect(call.body).toMatchObject({
      optimizeWaypointOrder: true,
      intermediates: [
        { address: FAKE_PLACES.nearMontmartre.address },
        { address: FAKE_PLACES.nearVincennes.address },
        { address: FAKE_PLACES.nearBastille.address },
      ],
    });
    expect(call.headers["x-goog-fieldmask"]).toContain("optimizedIntermediateWaypointIndex");
  });

  it("keeps the given order without a server key, and says so", async () => {
    const answer = await round(
      t.app,
      stops.map((o) => o.id),
    );

    expect(answer.body).toMatchObject({ optimized: false, reason: "no_server_key" });
    expect(answer.body.orderIds).toEqual(stops.map((o) => o.id));
    expect(fake.requests).toHaveLength(0);
  });

  it("keeps the given order when Google refuses the call", async () => {
    fake.routesFailure = 429;

    const answer = await round(
      withKey,
      stops.map((o) => o.id),
    );

    expect(answer.body).toMatchObject({ optimized: false, reason: "google_http_error" });
    expect(answer.body.orderIds).toEqual(stops.map((o) => o.id));
  });

  it("refuses an order that is not one of the store's deliveries, naming it", async () => {
    const stranger = "0190a000-0000-7000-8000-0000000000ff";

    const answer = await round(withKey, [stops[0].id, stranger]);

    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/orderIds\.1.*0190a000/);
    expect(fake.requests).toHaveLength(0);
  });
});
