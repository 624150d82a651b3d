/**
 * Hostile and malformed sign-ins: malformed JSON, missing fields, wrong types,
 * 10 kB strings, SQL and script fragments, NUL, RTL overrides and emoji get a
 * clear 4xx and write nothing; well-formed hostile ones get the one 401.
 */
import { describe, expect, it } from "vitest";

import { authRequest, GOOD_PASSWORD, type AuthRequest } from "../testing/account-fixtures.js";
import {
  CUSTOMER_EMAIL,
  describeBadAccountRequests,
  LONG,
  MANAGER_EMAIL,
  RTL,
  SCRIPT,
  SQL,
  type Case,
} from "../testing/account-bad-requests.js";
import { countRows } from "../testing/fixtures.js";

const LOGIN = "/api/v1/auth/login";
const login = (json: unknown): AuthRequest => ({ json });

const cases: Case[] = [
  ["login: malformed JSON", "POST", LOGIN, { raw: '{"email":' }, 400, "invalid_json"],
  ["login: empty body", "POST", LOGIN, { raw: "" }, 400, "invalid_json"],
  ["login: an array", "POST", LOGIN, { json: [] }, 400, "invalid_message"],
  [
    "login: no email",
    "POST",
    LOGIN,
    login({ password: GOOD_PASSWORD }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "login: no password",
    "POST",
    LOGIN,
    login({ email: "a@b.fr" }),
    400,
    "invalid_message",
    /password/,
  ],
  [
    "login: email a number",
    "POST",
    LOGIN,
    login({ email: 42, password: "x" }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "login: password an object",
    "POST",
    LOGIN,
    login({ email: "a@b.fr", password: { $ne: 1 } }),
    400,
    "invalid_message",
    /password/,
  ],
  [
    "login: 10 kB email",
    "POST",
    LOGIN,
    login({ email: `${LONG}@b.fr`, password: "x" }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "login: 10 kB password",
    "POST",
    LOGIN,
    login({ email: "a@b.fr", password: LONG }),
    400,
    "invalid_message",
    /password/,
  ],
  [
    "login: SQL in the email",
    "POST",
    LOGIN,
    login({ email: `${SQL}@b.fr`, password: "x" }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "login: script in the email",
    "POST",
    LOGIN,
    login({ email: `${SCRIPT}@b.fr`, password: "x" }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "login: NUL in the email",
    "POST",
    LOGIN,
    login({ email: `cliente@example.test\u0000`, password: GOOD_PASSWORD }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "login: RTL override in the email",
    "POST",
    LOGIN,
    login({ email: `${RTL}@b.fr`, password: "x" }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "login: emoji email",
    "POST",
    LOGIN,
    login({ email: "🍕@ocpizza.fr", password: "x" }),
    400,
    "invalid_message",
    /email/,
  ],
  [
    "login: an unknown account kind",
    "POST",
    LOGIN,
    login({ email: "a@b.fr", password: "x", account: "admin" }),
    400,
    "invalid_message",
    /account/,
  ],
  [
    "login: a 20 kB body",
    "POST",
    LOGIN,
    { raw: JSON.stringify({ email: "a@b.fr", password: LONG + LONG }) },
    413,
    "payload_too_large",
  ],
  ["login: not UTF-8", "POST", LOGIN, { raw: "\udc00" }, 400, "invalid_json"],
  [
    "login: no X-Requested-With",
    "POST",
    LOGIN,
    { json: { email: "a@b.fr", password: "x" }, headers: { "x-requested-with": null } },
    403,
    "cross_site_refused",
  ],
];

const world = describeBadAccountRequests("bad sign-in requests", cases);

describe("well-formed but hostile sign-ins", () => {
  it.each([
    ["SQL as the password", CUSTOMER_EMAIL, SQL],
    ["script as the password", CUSTOMER_EMAIL, SCRIPT],
    ["emoji and RTL as the password", CUSTOMER_EMAIL, `🍕${RTL}🍕`],
    ["the manager's email with the customer's password", MANAGER_EMAIL, "pizza margherita 4ever"],
    ["plus-addressing of a known email", "cliente+x@example.test", GOOD_PASSWORD],
  ])("%s -> 401 invalid_credentials, no session", async (_, email, password) => {
    const sessionsBefore = (await countRows(world().t.pool)).sessions;

    const response = await authRequest(world().t.app, "POST", LOGIN, { json: { email, password } });

    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("invalid_credentials");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect((await countRows(world().t.pool)).sessions).toBe(sessionsBefore);
  });
});
