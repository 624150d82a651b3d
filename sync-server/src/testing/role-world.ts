/**
 * The principals of the role table: nobody, a device of store A (bastille)
 * and of store B (montmartre), a customer, counter staff, a pizzaiolo, a
 * driver, a manager of A, of B and of every store, and the operator. Session
 * principals get a fresh session for every request (opened straight in the
 * database), so a sign-out in one row ends nothing another row needs.
 */
import { randomBytes } from "node:crypto";
import type { Hono } from "hono";

import type { StaffRole } from "@ocpizza/schema/db";

import { openSession } from "../accounts/sessions.js";
import type { AppEnv } from "../http/auth.js";
import { sessionCookieName } from "../http/session-cookie.js";
import {
  createCustomer,
  createStaff,
  GOOD_PASSWORD,
  type TestAccount,
} from "./account-fixtures.js";
import { pairDevice, type PairedDevice } from "./fixtures.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export const PRINCIPALS = [
  "anonymous",
  "deviceA",
  "deviceB",
  "customer",
  "counter",
  "pizzaiolo",
  "driver",
  "managerA",
  "managerB",
  "managerAll",
  "operator",
] as const;
export type Who = (typeof PRINCIPALS)[number];

const STAFF: Partial<Record<Who, { role: StaffRole; storeIds: string[] }>> = {
  counter: { role: "counter", storeIds: ["bastille"] },
  pizzaiolo: { role: "pizzaiolo", storeIds: ["bastille"] },
  driver: { role: "driver", storeIds: ["bastille"] },
  managerA: { role: "manager", storeIds: ["bastille"] },
  managerB: { role: "manager", storeIds: ["montmartre"] },
  managerAll: { role: "manager", storeIds: ["*"] },
};

export interface RoleWorld {
  t: TestDatabase;
  app: Hono<AppEnv>;
  secret: string;
  deviceA: PairedDevice;
  deviceB: PairedDevice;
  /** A device of store A that the revoke row revokes (again and again: it is idempotent). */
  spare: PairedDevice;
  accounts: Partial<Record<Who, { kind: "staff" | "customer"; account: TestAccount }>>;
  /** An account the login row signs in to. */
  loginAccount: TestAccount;
}

export async function createRoleWorld(): Promise<RoleWorld> {
  const secret = randomBytes(32).toString("base64url");
  const many = { perAccount: 1000, perAddress: 1000, windowMs: 60_000 };
  const t = await createTestDatabase({ app: { auth: { secret, limits: many } } });
  const accounts: RoleWorld["accounts"] = {
    customer: { kind: "customer", account: await createCustomer(t.db) },
  };
  for (const [who, spec] of Object.entries(STAFF)) {
    accounts[who as Who] = { kind: "staff", account: await createStaff(t.db, spec) };
  }
  return {
    t,
    app: t.app,
    secret,
    deviceA: await pairDevice(t, "bastille"),
    deviceB: await pairDevice(t, "montmartre"),
    spare: await pairDevice(t, "bastille", "Spare"),
    accounts,
    loginAccount: await createStaff(t.db, { role: "counter", password: GOOD_PASSWORD }),
  };
}

/** The credential headers of a principal (a fresh session for session principals). */
export async function credentials(w: RoleWorld, who: Who): Promise<Record<string, string>> {
  if (who === "anonymous") return {};
  if (who === "operator") return { authorization: `Bearer ${w.t.adminToken}` };
  if (who === "deviceA") return { authorization: `Bearer ${w.deviceA.token}` };
  if (who === "deviceB") return { authorization: `Bearer ${w.deviceB.token}` };
  const holder = w.accounts[who]!;
  const session = await openSession(
    w.t.db,
    w.secret,
    { kind: holder.kind, id: holder.account.id },
    { nowMs: Date.now(), ttlMs: 3_600_000 },
  );
  return { cookie: `${sessionCookieName(true)}=${session.token}` };
}

/** Sends a request as the app does (JSON, the CSRF header) with a principal's credential. */
export async function send(
  w: RoleWorld,
  who: Who,
  method: string,
  path: string,
  json?: unknown,
): Promise<Response> {
  const headers = {
    "content-type": "application/json",
    "x-requested-with": "ocpizza",
    ...(await credentials(w, who)),
  };
  const body = json === undefined ? undefined : JSON.stringify(json);
  return w.app.request(path, { method, headers, body });
}
