/**
 * Bad requests to the X report and closing endpoints: the right 4xx, nothing written.
 */
import {
  call,
  describeBadRequests,
  type Case,
  type RequestSpec,
  type World,
} from "../testing/bad-requests.js";

type Spec = (w: World) => RequestSpec;
const closing = (spec: Spec) => (w: World) => call(w, "POST", "/api/v1/admin/closings", spec(w));
const xReport =
  (query: string, token: (w: World) => string = (w) => w.t.adminToken) =>
  (w: World) =>
    call(w, "GET", `/api/v1/admin/x-report?${query}`, { token: token(w) });
const asAdmin =
  (json: unknown): Spec =>
  (w) => ({ token: w.t.adminToken, json });
const day = { storeId: "bastille", period: "day", key: "2026-01-05" };

const cases: Case[] = [
  ["closing: no admin token", closing(() => ({ json: day })), 401, "unauthorized"],
  [
    "closing: a device token (not the operator)",
    closing((w) => ({ token: w.storeA.token, json: day })),
    403,
    "forbidden",
  ],
  [
    "closing: malformed JSON",
    closing((w) => ({ token: w.t.adminToken, raw: '{"storeId":' })),
    400,
    "invalid_json",
  ],
  [
    "closing: no store",
    closing(asAdmin({ ...day, storeId: undefined })),
    400,
    "invalid_message",
    /storeId/,
  ],
  [
    "closing: a week",
    closing(asAdmin({ ...day, period: "week" })),
    400,
    "invalid_message",
    /period/,
  ],
  [
    "closing: month 13",
    closing(asAdmin({ ...day, key: "2026-13-01" })),
    400,
    "invalid_message",
    /key/,
  ],
  [
    "closing: 30 February",
    closing(asAdmin({ ...day, key: "2026-02-30" })),
    400,
    "invalid_message",
    /key/,
  ],
  [
    "closing: a month key for a day",
    closing(asAdmin({ ...day, key: "2026-01" })),
    400,
    "invalid_message",
    /key/,
  ],
  [
    "closing: a day key for a year",
    closing(asAdmin({ ...day, period: "year", key: "2026-01-05" })),
    400,
    "invalid_message",
    /key/,
  ],
  [
    "closing: an empty closedBy",
    closing(asAdmin({ ...day, closedBy: " " })),
    400,
    "invalid_message",
    /closedBy/,
  ],
  [
    "closing: an unknown store",
    closing(asAdmin({ ...day, storeId: "lyon" })),
    404,
    "not_found",
    /lyon/,
  ],
  [
    "closing: more than 16 KiB",
    closing((w) => ({
      token: w.t.adminToken,
      raw: JSON.stringify({ ...day, pad: "x".repeat(20_000) }),
    })),
    413,
    "payload_too_large",
  ],
  [
    "closing: a register with no ticket",
    closing((w) => ({ token: w.t.adminToken, json: { ...day, registerId: w.storeA.deviceId } })),
    404,
    "not_found",
    /has no ticket/,
  ],
  [
    "closing: a register id of 65 characters",
    closing(asAdmin({ ...day, registerId: "r".repeat(65) })),
    400,
    "invalid_message",
    /registerId/,
  ],
  ["x-report: no admin token", xReport("storeId=bastille", () => ""), 401, "unauthorized"],
  ["x-report: no store", xReport("day=2026-01-05"), 400, "invalid_message", /storeId/],
  [
    "x-report: a bad day",
    xReport("storeId=bastille&day=2026-02-30"),
    400,
    "invalid_message",
    /day/,
  ],
  ["x-report: an unknown store", xReport("storeId=lyon"), 404, "not_found", /lyon/],
];

describeBadRequests("a bad closing or X report request", cases);
