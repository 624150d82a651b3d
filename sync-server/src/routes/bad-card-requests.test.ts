/**
 * Bad requests to the card endpoints (Terminal checkouts, Terminal
 * assignment, refunds): the right 4xx naming the field, never a 500, and
 * nothing written, in the sync tables or the card tables.
 */
import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";

import type { AppEnv } from "../http/auth.js";
import { orderToken } from "../online/order-token.js";
import { call, type RequestSpec } from "../testing/bad-requests.js";
import { insertOrder } from "../testing/fake-square/counter-world.js";
import { countRows, pairDevice, type PairedDevice } from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

interface World {
  t: TestDatabase;
  device: PairedDevice;
  orderId: string;
  /** An online order, and an app that signs order links with a known secret. */
  onlineOrderId: string;
  onlineApp: Hono<AppEnv>;
}

const SECRET = randomBytes(32).toString("base64url");

type Case = [
  name: string,
  send: (w: World) => Promise<Response>,
  status: number,
  code: string,
  mention?: RegExp,
];

const CARD_TABLES = ["card_payments", "payment_refunds", "terminal_checkouts", "square_terminals"];
const CHECKOUTS = "/api/v1/devices/me/terminal-checkouts";

const asDevice = (method: string, path: string, json?: unknown, raw?: string) => (w: World) =>
  call(w, method, path, { token: w.device.token, json, raw } as RequestSpec);
const asAdmin = (method: string, path: (w: World) => string, json?: unknown) => (w: World) =>
  call(w, method, path(w), { token: w.t.adminToken, json });
const checkout = (w: World) => ({ orderId: w.orderId, amountCents: 1000, idempotencyKey: newId() });
const start = (change: Record<string, unknown>) => (w: World) =>
  call(w, "POST", CHECKOUTS, { token: w.device.token, json: { ...checkout(w), ...change } });
const refund = (change: Record<string, unknown>, orderId?: string) => (w: World) =>
  call(w, "POST", `/api/v1/admin/orders/${orderId ?? w.orderId}/refunds`, {
    token: w.t.adminToken,
    json: {
      amountCents: 500,
      reason: "erreur",
      idempotencyKey: newId(),
      method: "cash",
      ...change,
    },
  });

const payOnline =
  (json: unknown, token?: string) =>
  (w: World): Promise<Response> =>
    Promise.resolve(
      w.onlineApp.request(
        `/api/v1/online-orders/${w.onlineOrderId}/card-payment?token=` +
          (token ?? orderToken(SECRET, w.onlineOrderId)),
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(json),
        },
      ),
    );
const nonce = { sourceId: "cnon:card-nonce-ok" };

const cases: Case[] = [
  ["online card: wrong link token", payOnline(nonce, "x".repeat(43)), 404, "not_found"],
  ["online card: no card token", payOnline({}), 400, "invalid_message", /sourceId/],
  [
    "online card: token with spaces",
    payOnline({ sourceId: "cnon card" }),
    400,
    "invalid_message",
    /sourceId/,
  ],
  [
    "online card: a card number instead of a token",
    payOnline({ ...nonce, cardNumber: "4111111111111111" }),
    400,
    "invalid_message",
    /cardNumber/,
  ],
  ["online card: Square off", payOnline(nonce), 422, "payment_unavailable", /not available/],
  [
    "checkout: no token",
    (w) => call(w, "POST", CHECKOUTS, { json: checkout(w) }),
    401,
    "unauthorized",
  ],
  [
    "checkout: malformed JSON",
    asDevice("POST", CHECKOUTS, undefined, '{"orderId":'),
    400,
    "invalid_json",
  ],
  ["checkout: orderId not a UUID", start({ orderId: "42" }), 400, "invalid_message", /orderId/],
  ["checkout: amount 0", start({ amountCents: 0 }), 400, "invalid_message", /amountCents/],
  [
    "checkout: amount in euros",
    start({ amountCents: 12.5 }),
    400,
    "invalid_message",
    /amountCents/,
  ],
  ["checkout: amount as text", start({ amountCents: "10" }), 400, "invalid_message", /amountCents/],
  ["checkout: amount too big", start({ amountCents: 1e12 }), 400, "invalid_message", /amountCents/],
  [
    "checkout: no key",
    start({ idempotencyKey: undefined }),
    400,
    "invalid_message",
    /idempotencyKey/,
  ],
  ["checkout: Square off", start({}), 422, "payment_unavailable", /not available/],
  ["follow: not an id", asDevice("GET", `${CHECKOUTS}/a%20b`), 400, "invalid_message", /id/],
  ["follow: unknown", asDevice("GET", `${CHECKOUTS}/NoSuchOne`), 404, "not_found"],
  ["cancel: unknown", asDevice("POST", `${CHECKOUTS}/NoSuchOne/cancel`), 404, "not_found"],
  [
    "terminal: a device, not a manager",
    asDevice("PUT", `/api/v1/admin/terminals/${newId()}`, { squareDeviceId: "abc" }),
    403,
    "forbidden",
  ],
  [
    "terminal: deviceId not a UUID",
    asAdmin("PUT", () => "/api/v1/admin/terminals/caisse-1", { squareDeviceId: "abc" }),
    400,
    "invalid_message",
    /deviceId/,
  ],
  [
    "terminal: Square device id with spaces",
    asAdmin("PUT", (w) => `/api/v1/admin/terminals/${w.device.deviceId}`, {
      squareDeviceId: "a b",
    }),
    400,
    "invalid_message",
    /squareDeviceId/,
  ],
  [
    "terminal: unknown counter",
    asAdmin("PUT", () => `/api/v1/admin/terminals/${newId()}`, { squareDeviceId: "abc" }),
    404,
    "not_found",
  ],
  [
    "terminals: no store named",
    asAdmin("GET", () => "/api/v1/admin/terminals"),
    400,
    "invalid_message",
    /storeId/,
  ],
  ["refund: orderId not a UUID", refund({}, "1234"), 400, "invalid_message", /orderId/],
  ["refund: unknown order", refund({}, newId()), 404, "not_found"],
  ["refund: negative amount", refund({ amountCents: -5 }), 400, "invalid_message", /amountCents/],
  ["refund: a cheque", refund({ method: "cheque" }), 400, "invalid_message", /method/],
  ["refund: no reason", refund({ reason: " " }), 400, "invalid_message", /reason/],
  [
    "refund: key not a UUID",
    refund({ idempotencyKey: "k1" }),
    400,
    "invalid_message",
    /idempotencyKey/,
  ],
  [
    "refund: more than paid",
    refund({ amountCents: 900 }),
    422,
    "invalid_message",
    /amountCents.*0 cents/,
  ],
  [
    "refund: by card, nothing paid",
    refund({ amountCents: 1, method: "card" }),
    422,
    "invalid_message",
  ],
];

let world: World;
beforeAll(async () => {
  const t = await createTestDatabase();
  const device = await pairDevice(t, "bastille");
  world = {
    t,
    device,
    orderId: await insertOrder(t.db, { storeId: "bastille" }),
    onlineOrderId: await insertOrder(t.db, { storeId: "bastille", channel: "online" }),
    onlineApp: t.makeApp({ auth: { secret: SECRET } }),
  };
});
afterAll(() => world?.t.drop());

async function counts(w: World) {
  const rows = await countRows(w.t.pool);
  for (const table of CARD_TABLES) {
    const [[row]] = (await w.t.pool.query(`SELECT COUNT(*) AS n FROM ${table}`)) as unknown as [
      [{ n: number }],
    ];
    rows[table] = Number(row.n);
  }
  return rows;
}

describe("bad card requests", () => {
  it.each(cases)("%s -> %i %s, nothing written", async (_, send, status, code, mention) => {
    const before = await counts(world);

    const response = await send(world);
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(status);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    if (mention) expect(body.error.message).toMatch(mention);
    expect(await counts(world)).toEqual(before);
  });
});
