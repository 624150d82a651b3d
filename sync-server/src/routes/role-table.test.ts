/**
 * The role table: every endpoint of the app against every principal, with
 * the status each one gets, run against the real app and database. A row
 * that passes authorization may still be refused for what it asks (a day
 * not over is 409): that status proves it got past the door. A route added
 * to the app without a row here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROTOCOL_VERSION, newId } from "@ocpizza/schema";

import { createPairingCode } from "../devices/pairing.js";
import { GOOD_PASSWORD } from "../testing/account-fixtures.js";
import { pushBody } from "../testing/fixtures.js";
import {
  createRoleWorld,
  PRINCIPALS,
  send,
  type RoleWorld,
  type Who,
} from "../testing/role-world.js";

type Expected = Record<Who, number>;
type Request = (
  w: RoleWorld,
  who: Who,
) => Promise<{ path: string; json?: unknown }> | { path: string; json?: unknown };

interface Row {
  route: string;
  request: Request;
  expected: Expected;
}

/** Every principal gets `status`. */
const everyone = (status: number): Expected =>
  Object.fromEntries(PRINCIPALS.map((who) => [who, status])) as Expected;

/** `allowed` get `status`; nobody gets 401, everyone else 403. */
const only = (status: number, allowed: readonly Who[]): Expected =>
  Object.fromEntries(
    PRINCIPALS.map((who) => [
      who,
      allowed.includes(who) ? status : who === "anonymous" ? 401 : 403,
    ]),
  ) as Expected;

const DEVICES: Who[] = ["deviceA", "deviceB"];
const SIGNED_IN: Who[] = [
  "customer",
  "counter",
  "pizzaiolo",
  "driver",
  "managerA",
  "managerB",
  "managerAll",
];
/** Who may act on store A (bastille): the operator and its managers. */
const STORE_A_MANAGERS: Who[] = ["operator", "managerA", "managerAll"];
const EVERY_STORE: Who[] = ["operator", "managerAll"];

const at =
  (path: string, json?: unknown): Request =>
  () => ({ path, json });
const device = (who: Who, w: RoleWorld) => (who === "deviceB" ? w.deviceB : w.deviceA);

const ROWS: Row[] = [
  { route: "GET /health/live", request: at("/health/live"), expected: everyone(200) },
  { route: "GET /health", request: at("/health"), expected: everyone(200) },
  { route: "GET /api/v1/stores", request: at("/api/v1/stores"), expected: everyone(200) },
  { route: "GET /api/v1/menu", request: at("/api/v1/menu"), expected: everyone(200) },
  {
    route: "POST /api/v1/devices/pair",
    request: async (w) => ({
      path: "/api/v1/devices/pair",
      json: {
        code: (await createPairingCode(w.t.db, "bastille", 5, Date.now())).code,
        name: "Caisse",
      },
    }),
    expected: everyone(201),
  },
  {
    route: "POST /api/v1/sync/push",
    request: (w, who) => ({ path: "/api/v1/sync/push", json: pushBody(device(who, w), []) }),
    expected: only(200, DEVICES),
  },
  {
    route: "GET /api/v1/sync/pull",
    request: at(`/api/v1/sync/pull?protocol=${PROTOCOL_VERSION}&since=0`),
    expected: only(200, DEVICES),
  },
  {
    route: "GET /api/v1/sync/state",
    request: at("/api/v1/sync/state"),
    expected: only(200, DEVICES),
  },
  {
    route: "GET /api/v1/reports/sales",
    request: at("/api/v1/reports/sales?from=2026-01-01&to=2026-01-31&storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/admin/x-report",
    request: at("/api/v1/admin/x-report?storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    // A day not over: past the door, then refused for what it asks, nothing closed.
    route: "POST /api/v1/admin/closings",
    request: at("/api/v1/admin/closings", {
      storeId: "bastille",
      period: "day",
      key: "2099-01-01",
    }),
    expected: only(409, STORE_A_MANAGERS),
  },
  {
    route: "POST /api/v1/admin/pairing-codes",
    request: at("/api/v1/admin/pairing-codes", { storeId: "bastille" }),
    expected: only(201, STORE_A_MANAGERS),
  },
  {
    route: "GET /api/v1/admin/devices",
    request: at("/api/v1/admin/devices?storeId=bastille"),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "POST /api/v1/admin/devices/:id/revoke",
    request: (w) => ({ path: `/api/v1/admin/devices/${w.spare.deviceId}/revoke` }),
    expected: only(200, STORE_A_MANAGERS),
  },
  {
    route: "POST /api/v1/admin/staff",
    request: () => ({
      path: "/api/v1/admin/staff",
      json: {
        email: `new-${newId().slice(-12)}@ocpizza.test`,
        name: "Sam",
        role: "driver",
        storeIds: ["bastille"],
      },
    }),
    expected: only(201, EVERY_STORE),
  },
  {
    route: "GET /api/v1/admin/staff",
    request: at("/api/v1/admin/staff"),
    expected: only(200, EVERY_STORE),
  },
  {
    route: "POST /api/v1/auth/login",
    request: (w) => ({
      path: "/api/v1/auth/login",
      json: { email: w.loginAccount.email, password: GOOD_PASSWORD },
    }),
    expected: everyone(200),
  },
  {
    route: "POST /api/v1/auth/logout",
    request: at("/api/v1/auth/logout"),
    expected: everyone(204),
  },
  {
    route: "POST /api/v1/auth/logout-all",
    request: at("/api/v1/auth/logout-all"),
    expected: only(200, SIGNED_IN),
  },
  { route: "GET /api/v1/auth/me", request: at("/api/v1/auth/me"), expected: only(200, SIGNED_IN) },
  {
    // A wrong current password: past the door, refused for what it says.
    route: "POST /api/v1/auth/password",
    request: at("/api/v1/auth/password", {
      currentPassword: "not the password at all",
      newPassword: "another long passphrase",
    }),
    expected: only(400, SIGNED_IN),
  },
  {
    route: "POST /api/v1/auth/password-reset",
    request: at("/api/v1/auth/password-reset", { email: "nobody@example.test" }),
    expected: everyone(202),
  },
  {
    // An unknown token: open to anyone, the token is the credential.
    route: "POST /api/v1/auth/password-reset/confirm",
    request: at("/api/v1/auth/password-reset/confirm", {
      token: "x".repeat(43),
      newPassword: "another long passphrase",
    }),
    expected: everyone(400),
  },
  {
    route: "POST /api/v1/customers",
    request: () => ({
      path: "/api/v1/customers",
      json: { email: `c-${newId().slice(-12)}@example.test`, password: GOOD_PASSWORD, name: "Lou" },
    }),
    expected: everyone(202),
  },
];

let w: RoleWorld;
beforeAll(async () => {
  w = await createRoleWorld();
});
afterAll(() => w?.t.drop());

describe("the role table", () => {
  it("has one row for every route of the app, and no row for a route it lacks", () => {
    const routes = new Set(
      w.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`),
    );
    expect(ROWS.map((row) => row.route).sort()).toEqual([...routes].sort());
  });

  const cases = ROWS.flatMap((row) =>
    PRINCIPALS.map((who) => [row.route, who, row.expected[who], row] as const),
  );
  it.each(cases)("%s as %s -> %i", async (route, who, status, row) => {
    const method = route.split(" ")[0];
    const { path, json } = await row.request(w, who);
    const response = await send(w, who, method, path, json);

    const text = await response.text();
    expect({ status: response.status, text: text.slice(0, 300) }).toMatchObject({ status });
    if (status === 401) expect(JSON.parse(text).error.code).toBe("unauthorized");
    if (status === 403) expect(JSON.parse(text).error.code).toBe("forbidden");
  });
});
