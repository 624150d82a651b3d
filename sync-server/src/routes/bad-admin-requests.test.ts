/**
 * Bad requests to the pairing and report endpoints: the right 4xx, nothing written.
 */
import {
  call,
  describeBadRequests,
  type Case,
  type RequestSpec,
  type World,
} from "../testing/bad-requests.js";

type Spec = (w: World) => RequestSpec;
const pairingCode = (spec: Spec) => (w: World) =>
  call(w, "POST", "/api/v1/admin/pairing-codes", spec(w));
const pair = (spec: Spec) => (w: World) => call(w, "POST", "/api/v1/devices/pair", spec(w));
const report =
  (query: string, token: (w: World) => string = (w) => w.t.adminToken) =>
  (w: World) =>
    call(w, "GET", `/api/v1/reports/sales?${query}`, { token: token(w) });

/** The admin credential with a body. */
const asAdmin =
  (json: unknown): Spec =>
  (w) => ({ token: w.t.adminToken, json });
const bastille = { storeId: "bastille" };

const cases: Case[] = [
  ["pairing code: no admin token", pairingCode(() => ({ json: bastille })), 401, "unauthorized"],
  [
    "pairing code: a wrong admin token",
    pairingCode(() => ({ token: "x".repeat(32), json: bastille })),
    401,
    "unauthorized",
  ],
  [
    "pairing code: a device token (not the operator)",
    pairingCode((w) => ({ token: w.storeA.token, json: bastille })),
    403,
    "forbidden",
  ],
  [
    "pairing code: malformed JSON",
    pairingCode((w) => ({ token: w.t.adminToken, raw: "{storeId:" })),
    400,
    "invalid_json",
  ],
  ["pairing code: no store", pairingCode(asAdmin({})), 400, "invalid_message", /storeId/],
  [
    "pairing code: ttl 0",
    pairingCode(asAdmin({ ...bastille, ttlMinutes: 0 })),
    400,
    "invalid_message",
    /ttlMinutes/,
  ],
  [
    "pairing code: ttl of two days",
    pairingCode(asAdmin({ ...bastille, ttlMinutes: 2880 })),
    400,
    "invalid_message",
    /ttlMinutes/,
  ],
  [
    "pairing code: ttl as text",
    pairingCode(asAdmin({ ...bastille, ttlMinutes: "60" })),
    400,
    "invalid_message",
    /ttlMinutes/,
  ],
  [
    "pairing code: an unknown store",
    pairingCode(asAdmin({ storeId: "lyon" })),
    404,
    "not_found",
    /lyon/,
  ],
  [
    "pairing code: more than 16 KiB",
    pairingCode((w) => ({
      token: w.t.adminToken,
      raw: JSON.stringify({ ...bastille, pad: "x".repeat(20_000) }),
    })),
    413,
    "payload_too_large",
  ],
  [
    "pair: an unknown code",
    pair(() => ({ json: { code: "ZZZZ2222", name: "Caisse" } })),
    400,
    "pairing_code_invalid",
  ],
  [
    "pair: a used code",
    pair((w) => ({ json: { code: w.usedCode, name: "Caisse" } })),
    400,
    "pairing_code_invalid",
  ],
  [
    "pair: an expired code",
    pair((w) => ({ json: { code: w.expiredCode, name: "Caisse" } })),
    400,
    "pairing_code_invalid",
  ],
  [
    "pair: no device name",
    pair((w) => ({ json: { code: w.expiredCode } })),
    400,
    "invalid_message",
    /name/,
  ],
  ["pair: malformed JSON", pair(() => ({ raw: "code=ABCD" })), 400, "invalid_json"],
  [
    "report: no admin token",
    report("from=2015-01-01&to=2015-01-31", () => ""),
    401,
    "unauthorized",
  ],
  [
    "report: a device token (not the operator)",
    report("from=2015-01-01&to=2015-01-31", (w) => w.storeA.token),
    403,
    "forbidden",
  ],
  ["report: month 13", report("from=2015-13-01&to=2015-12-31"), 400, "invalid_message", /from/],
  ["report: 30 February", report("from=2015-02-30&to=2015-03-31"), 400, "invalid_message", /from/],
  [
    "report: a date in another format",
    report("from=01/02/2015&to=2015-03-31"),
    400,
    "invalid_message",
    /from/,
  ],
  ["report: no end date", report("from=2015-01-01"), 400, "invalid_message", /to/],
  ["report: from after to", report("from=2015-06-01&to=2015-01-31"), 400, "invalid_message", /to/],
  [
    "report: more than 3660 days",
    report("from=2000-01-01&to=2015-01-01"),
    400,
    "invalid_message",
    /3660/,
  ],
  [
    "report: an unknown store",
    report("from=2015-01-01&to=2015-01-31&storeId=lyon"),
    404,
    "not_found",
    /lyon/,
  ],
];

describeBadRequests("a bad admin or pairing request", cases);
