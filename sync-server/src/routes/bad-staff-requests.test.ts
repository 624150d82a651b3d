/**
 * Bad requests to the staff and device management endpoints (with the
 * admin token): the right 4xx, nothing written.
 */
import { eq } from "drizzle-orm";

import { newId } from "@ocpizza/schema";
import { staff } from "@ocpizza/schema/db";

import { GOOD_PASSWORD } from "../testing/account-fixtures.js";
import { call, describeBadRequests, type Case, type World } from "../testing/bad-requests.js";

const LONG = "x".repeat(10_000);
const counter = {
  email: "sam@ocpizza.test",
  name: "Sam Petit",
  role: "counter",
  storeIds: ["bastille"],
};
const createStaff = (json: unknown, raw?: string) => (w: World) =>
  call(w, "POST", "/api/v1/admin/staff", { token: w.t.adminToken, json, raw });
const revoke = (id: (w: World) => string) => (w: World) =>
  call(w, "POST", `/api/v1/admin/devices/${id(w)}/revoke`, { token: w.t.adminToken });
const devices = (query: string) => (w: World) =>
  call(w, "GET", `/api/v1/admin/devices?${query}`, { token: w.t.adminToken });
/** The id of the counter staff member the setup creates (taken@ocpizza.test). */
async function takenId(w: World): Promise<string> {
  const [row] = await w.t.db
    .select({ id: staff.id })
    .from(staff)
    .where(eq(staff.email, "taken@ocpizza.test"));
  return row.id;
}
const patchStaff =
  (json: unknown, options: { id?: string; raw?: string } = {}) =>
  async (w: World) => {
    const id = options.id ?? (await takenId(w));
    return call(w, "PATCH", `/api/v1/admin/staff/${encodeURIComponent(id)}`, {
      token: w.t.adminToken,
      json,
      raw: options.raw,
    });
  };

const cases: Case[] = [
  ["staff: malformed JSON", createStaff(undefined, '{"email":'), 400, "invalid_json"],
  [
    "staff: no email",
    createStaff({ ...counter, email: undefined }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "staff: not an email",
    createStaff({ ...counter, email: "sam" }),
    400,
    "invalid_message",
    /email/,
  ],
  ["staff: no name", createStaff({ ...counter, name: " " }), 400, "invalid_message", /name/],
  [
    "staff: an unknown role",
    createStaff({ ...counter, role: "owner" }),
    400,
    "invalid_message",
    /role/,
  ],
  [
    "staff: no store",
    createStaff({ ...counter, storeIds: [] }),
    400,
    "invalid_message",
    /storeIds/,
  ],
  [
    "staff: stores not a list",
    createStaff({ ...counter, storeIds: "bastille" }),
    400,
    "invalid_message",
    /storeIds/,
  ],
  [
    "staff: every store and one more",
    createStaff({ ...counter, storeIds: ["*", "bastille"] }),
    400,
    "invalid_message",
    /storeIds/,
  ],
  [
    "staff: a store twice",
    createStaff({ ...counter, storeIds: ["bastille", "bastille"] }),
    400,
    "invalid_message",
    /storeIds/,
  ],
  [
    "staff: an unknown store",
    createStaff({ ...counter, storeIds: ["bastille", "lyon"] }),
    404,
    "not_found",
    /lyon/,
  ],
  [
    "staff: a manager without a password",
    createStaff({ ...counter, role: "manager" }),
    400,
    "invalid_message",
    /password/,
  ],
  [
    "staff: a short password",
    createStaff({ ...counter, password: "short" }),
    400,
    "invalid_message",
    /password/,
  ],
  [
    "staff: an unknown field",
    createStaff({ ...counter, admin: true }),
    400,
    "invalid_message",
    /admin/,
  ],
  [
    "staff: an email a staff account already uses",
    createStaff({ ...counter, email: "taken@ocpizza.test", password: GOOD_PASSWORD }),
    409,
    "email_taken",
  ],
  ["change: malformed JSON", patchStaff(undefined, { raw: '{"name":' }), 400, "invalid_json"],
  ["change: nothing to change", patchStaff({}), 400, "invalid_message", /at least one/],
  ["change: the email", patchStaff({ email: "x@ocpizza.test" }), 400, "invalid_message", /email/],
  [
    "change: a password",
    patchStaff({ password: GOOD_PASSWORD }),
    400,
    "invalid_message",
    /password/,
  ],
  ["change: an unknown role", patchStaff({ role: "owner" }), 400, "invalid_message", /role/],
  ["change: a 10 kB name", patchStaff({ name: LONG }), 400, "invalid_message", /name/],
  ["change: a NUL in the name", patchStaff({ name: "Sam\u0000" }), 400, "invalid_message", /name/],
  [
    "change: an RTL override in the name",
    patchStaff({ name: "Sam\u202Egpj.exe" }),
    400,
    "invalid_message",
    /name/,
  ],
  [
    "change: disabled a string",
    patchStaff({ disabled: "yes" }),
    400,
    "invalid_message",
    /disabled/,
  ],
  [
    "change: script as a store",
    patchStaff({ storeIds: ["<script>alert(document.cookie)</script>"] }),
    400,
    "invalid_message",
    /storeIds/,
  ],
  [
    "change: every store and one more",
    patchStaff({ storeIds: ["*", "bastille"] }),
    400,
    "invalid_message",
    /storeIds/,
  ],
  ["change: an unknown store", patchStaff({ storeIds: ["lyon"] }), 404, "not_found", /lyon/],
  [
    "change: SQL as the staff id",
    patchStaff({ name: "Sam" }, { id: "' OR '1'='1" }),
    400,
    "invalid_message",
    /staffId/,
  ],
  ["change: an unknown staff id", patchStaff({ name: "Sam" }, { id: newId() }), 404, "not_found"],
  [
    "change: a 20 kB body",
    patchStaff(undefined, { raw: JSON.stringify({ name: "Sam", pad: LONG + LONG }) }),
    413,
    "payload_too_large",
  ],
  ["revoke: not a device id", revoke(() => "caisse-1"), 400, "invalid_message", /id/],
  ["revoke: an unknown device", revoke(() => newId()), 404, "not_found"],
  ["devices: an unknown store", devices("storeId=lyon"), 404, "not_found", /lyon/],
  ["devices: an empty store id", devices("storeId="), 400, "invalid_message", /storeId/],
];

describeBadRequests("a bad staff or device management request", cases, async (w) => {
  await call(w, "POST", "/api/v1/admin/staff", {
    token: w.t.adminToken,
    json: { ...counter, email: "taken@ocpizza.test" },
  });
});
