/**
 * A store's public details and its settings on real MariaDB: what the seed
 * gives, a manager's update read back, and a table of bad requests that each
 * get a 4xx naming the problem with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";

import type { StoreDetails } from "@ocpizza/schema";

import type { AppEnv } from "../http/auth.js";
import { authRequest, createStaff, signIn } from "../testing/account-fixtures.js";
import {
  OPEN_EVENING_MS,
  CLOSED_MORNING_MS,
  settingsSnapshot,
  validSettings,
} from "../testing/store-settings-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let app: Hono<AppEnv>;
let managerOfBastille: string;
let managerOfMontmartre: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = t.makeApp({ now: () => OPEN_EVENING_MS });
  managerOfBastille = await signIn(app, await createStaff(t.db, { storeIds: ["bastille"] }));
  managerOfMontmartre = await signIn(app, await createStaff(t.db, { storeIds: ["montmartre"] }));
});
afterAll(() => t?.drop());

const settingsPath = (storeId: string) => `/api/v1/admin/stores/${storeId}/settings`;

async function details(storeId: string, at: Hono<AppEnv> = app): Promise<StoreDetails> {
  const response = await at.request(`/api/v1/stores/${storeId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { store: StoreDetails }).store;
}

describe("a store's public details", () => {
  it("has the seeded hours, zone, legal identity and whether it is open now", async () => {
    const store = await details("vincennes");

    expect(store).toMatchObject({
      id: "vincennes",
      city: "Vincennes",
      delivery: { maxMinutes: 20, radiusMeters: 3500, feeCents: 350, minimumOrderCents: 2000 },
      legal: { siret: "81234567600058", vatNumber: "FR19812345676" },
      openNow: { open: true, closesAt: "23:00" },
    });
    expect(store.openingHours.mon).toEqual([]);
    expect(store.openingHours.sat).toEqual([
      { opens: "11:30", closes: "14:30" },
      { opens: "18:00", closes: "00:30" },
    ]);
    expect(store.closedDays).toContain("2026-12-25");
  });

  it("says closed, and when it opens, in the morning", async () => {
    const store = await details("bastille", t.makeApp({ now: () => CLOSED_MORNING_MS }));
    expect(store.openNow).toEqual({
      open: false,
      nextOpening: { day: "2026-12-08", opens: "11:30" },
    });
  });

  it.each(["nowhere", "BASTILLE", "../../etc/passwd", "x".repeat(300), "bastille'%20OR%201=1"])(
    "answers 404 for the store %j",
    async (storeId) => {
      const response = await app.request(`/api/v1/stores/${storeId}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    },
  );
});

describe("changing a store's settings", () => {
  it("lets a manager of the store replace them, and reads them back", async () => {
    const response = await authRequest(app, "PUT", settingsPath("bastille"), {
      cookie: managerOfBastille,
      json: validSettings(),
    });
    expect(response.status).toBe(200);

    const store = await details("bastille");
    expect(store.openingHours.fri).toEqual([
      { opens: "11:00", closes: "14:00" },
      { opens: "18:00", closes: "01:00" },
    ]);
    expect(store.closedDays).toEqual(["2026-12-24", "2026-12-31"]);
    expect(store.delivery).toEqual({
      maxMinutes: 12,
      radiusMeters: 2000,
      feeCents: 300,
      minimumOrderCents: 1800,
    });
    expect(store.legal).toEqual({
      companyName: "OC Pizza Bastille SARL",
      address: "14 rue de la Roquette, 75011 Paris",
      siret: "44306184100013",
      vatNumber: "FR64443061841",
    });
    expect([store.latitude, store.longitude]).toEqual([48.8546, 2.372]);
  });

  it("stores a hostile but printable company name as text, never as SQL", async () => {
    const settings = validSettings();
    settings.legal.companyName = "Robert'); DROP TABLE stores; --";
    const response = await authRequest(app, "PUT", settingsPath("bastille"), {
      cookie: managerOfBastille,
      json: settings,
    });

    expect(response.status).toBe(200);
    expect((await details("bastille")).legal.companyName).toBe("Robert'); DROP TABLE stores; --");
  });

  it("refuses a manager of another store, and changes nothing", async () => {
    const before = await settingsSnapshot(t.pool);
    const response = await authRequest(app, "PUT", settingsPath("bastille"), {
      cookie: managerOfMontmartre,
      json: { ...validSettings(), delivery: { ...validSettings().delivery, feeCents: 0 } },
    });

    expect(response.status).toBe(403);
    expect(await settingsSnapshot(t.pool)).toBe(before);
  });
});

type Breaker = (s: ReturnType<typeof validSettings>) => unknown;

const asOperator = (json: unknown, storeId = "bastille") => ({
  storeId,
  headers: { authorization: `Bearer ${t.adminToken}` },
  json,
});
const broken = (breakIt: Breaker) => {
  const settings = validSettings();
  breakIt(settings);
  return settings;
};

const BAD_REQUESTS: [
  string,
  () => { storeId: string; headers: Record<string, string>; json?: unknown; raw?: string },
  number,
  string,
  RegExp?,
][] = [
  ["an unknown store", () => asOperator(validSettings(), "nowhere"), 404, "not_found", /nowhere/],
  ["a hostile store id", () => asOperator(validSettings(), "a%27%3B--"), 404, "not_found"],
  [
    "a closing time of 25:00",
    () => asOperator(broken((s) => (s.openingHours.tue[0].closes = "25:00"))),
    400,
    "invalid_message",
    /openingHours\.tue\.0\.closes/,
  ],
  [
    "overlapping ranges",
    () => asOperator(broken((s) => (s.openingHours.wed[1].opens = "13:00"))),
    400,
    "invalid_message",
    /openingHours\.wed\.1: overlaps/,
  ],
  [
    "a Friday night range running into Saturday's",
    () => asOperator(broken((s) => (s.openingHours.sat = [{ opens: "00:30", closes: "03:00" }]))),
    400,
    "invalid_message",
    /openingHours\.sat\.0: overlaps fri 18:00-01:00/,
  ],
  [
    "five ranges in a day",
    () =>
      asOperator(
        broken((s) => {
          s.openingHours.mon = [8, 10, 12, 14, 16].map((h) => ({
            opens: `${String(h).padStart(2, "0")}:00`,
            closes: `${String(h + 1).padStart(2, "0")}:00`,
          }));
        }),
      ),
    400,
    "invalid_message",
    /openingHours\.mon/,
  ],
  [
    "a huge array of ranges (over the body limit)",
    () =>
      asOperator(
        broken((s) => {
          s.openingHours.mon = Array.from({ length: 2_000 }, () => ({
            opens: "10:00",
            closes: "11:00",
          }));
        }),
      ),
    413,
    "payload_too_large",
  ],
  [
    "a SIRET failing its check digit",
    () => asOperator(broken((s) => (s.legal.siret = "44306184100014"))),
    400,
    "invalid_message",
    /legal\.siret/,
  ],
  [
    "a VAT number with a wrong key",
    () => asOperator(broken((s) => (s.legal.vatNumber = "FR65443061841"))),
    400,
    "invalid_message",
    /legal\.vatNumber/,
  ],
  [
    "a control character in the address",
    () => asOperator(broken((s) => (s.legal.address = "14 rue\u0007 de la Roquette"))),
    400,
    "invalid_message",
    /legal\.address/,
  ],
  [
    "a negative delivery fee",
    () => asOperator(broken((s) => (s.delivery.feeCents = -250))),
    400,
    "invalid_message",
    /delivery\.feeCents/,
  ],
  [
    "a minimum order as a string",
    () =>
      asOperator(broken((s) => ((s.delivery as Record<string, unknown>).minimumOrderCents = "15"))),
    400,
    "invalid_message",
    /delivery\.minimumOrderCents/,
  ],
  [
    "the 30th of February closed",
    () => asOperator(broken((s) => (s.closedDays = ["2027-02-30"]))),
    400,
    "invalid_message",
    /closedDays\.0/,
  ],
  [
    "no coordinates",
    () => asOperator(broken((s) => delete (s as Partial<typeof s>).coordinates)),
    400,
    "invalid_message",
    /coordinates/,
  ],
  ["an array for a body", () => ({ ...asOperator(undefined), raw: "[]" }), 400, "invalid_message"],
  [
    "malformed JSON",
    () => ({ ...asOperator(undefined), raw: "{openingHours:" }),
    400,
    "invalid_json",
  ],
  [
    "no credential",
    () => ({ storeId: "bastille", headers: {}, json: validSettings() }),
    401,
    "unauthorized",
  ],
];

describe("bad settings requests", () => {
  it.each(BAD_REQUESTS)("%s -> %i %s, nothing written", async (_, spec, status, code, mention) => {
    const before = await settingsSnapshot(t.pool);
    const { storeId, headers, json, raw } = spec();

    const response = await app.request(settingsPath(storeId), {
      method: "PUT",
      headers: { "content-type": "application/json", ...headers },
      body: raw ?? JSON.stringify(json),
    });
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(status);
    expect(body.error.code).toBe(code);
    if (mention) expect(body.error.message).toMatch(mention);
    expect(await settingsSnapshot(t.pool)).toBe(before);
  });
});
