/**
 * Staff management against the real database: a disabled staff member's
 * session stops at once and they cannot sign in; the chain keeps at least
 * one enabled manager of every store; a manager of some stores manages only
 * staff of those stores and cannot widen anyone's stores, their own included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ALL_STORE_IDS } from "@ocpizza/schema";

import {
  authRequest,
  createStaff,
  GOOD_PASSWORD,
  signIn,
  type TestAccount,
} from "../testing/account-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

const A = "bastille";
const B = "montmartre";
let t: TestDatabase;
let chief: TestAccount;
let chiefCookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  chief = await createStaff(t.db, { storeIds: [ALL_STORE_IDS] });
  chiefCookie = await signIn(t.app, chief);
});
afterAll(() => t?.drop());

const patch = (cookie: string, staffId: string, json: unknown) =>
  authRequest(t.app, "PATCH", `/api/v1/admin/staff/${staffId}`, { cookie, json });
const asOperator = (staffId: string, json: unknown) =>
  authRequest(t.app, "PATCH", `/api/v1/admin/staff/${staffId}`, {
    json,
    headers: { authorization: `Bearer ${t.adminToken}` },
  });
const me = (cookie: string) => authRequest(t.app, "GET", "/api/v1/auth/me", { cookie });
const login = (account: TestAccount) =>
  authRequest(t.app, "POST", "/api/v1/auth/login", {
    json: { email: account.email, password: account.password },
  });

describe("PATCH /api/v1/admin/staff/:staffId", () => {
  it("disabling ends the session at once; enabling lets them sign in again", async () => {
    const manager = await createStaff(t.db, { storeIds: ["bastille"] });
    const cookie = await signIn(t.app, manager);
    expect((await me(cookie)).status).toBe(200);

    const disabled = await patch(chiefCookie, manager.id, { disabled: true });

    expect(disabled.status).toBe(200);
    expect((await disabled.json()).staff).toMatchObject({ id: manager.id, disabled: true });
    expect((await me(cookie)).status).toBe(401);
    const devices = await authRequest(t.app, "GET", "/api/v1/admin/devices?storeId=bastille", {
      cookie,
    });
    expect(devices.status).toBe(401);
    const refused = await login(manager);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("invalid_credentials");
    const [open] = await t.pool.query(
      `SELECT id FROM sessions WHERE subject_id = UNHEX(REPLACE(?, '-', ''))
         AND revoked_at IS NULL`,
      [manager.id],
    );
    expect(open).toEqual([]);

    expect((await patch(chiefCookie, manager.id, { disabled: false })).status).toBe(200);
    expect((await login(manager)).status).toBe(200);
  });

  it("changes name, role and stores in one request", async () => {
    const clerk = await createStaff(t.db, { role: "counter", storeIds: ["bastille"] });

    const response = await patch(chiefCookie, clerk.id, {
      name: "  Sam Petit ",
      role: "driver",
      storeIds: ["montmartre", "bastille"],
    });

    expect(response.status).toBe(200);
    expect((await response.json()).staff).toMatchObject({
      name: "Sam Petit",
      role: "driver",
      storeIds: ["bastille", "montmartre"],
      disabled: false,
    });
  });

  it("never leaves the chain without an enabled manager of every store", async () => {
    const second = await createStaff(t.db, { storeIds: [ALL_STORE_IDS] });
    expect((await patch(chiefCookie, second.id, { disabled: true })).status).toBe(200);

    const demote = await asOperator(chief.id, { storeIds: ["bastille"] });
    const disable = await asOperator(chief.id, { disabled: true });
    const role = await asOperator(chief.id, { role: "counter" });

    for (const response of [demote, disable, role]) {
      expect(response.status).toBe(409);
      expect((await response.json()).error.code).toBe("last_manager");
    }
    expect((await me(chiefCookie)).status).toBe(200);
    // With a second one enabled again, the first may go.
    expect((await asOperator(second.id, { disabled: false })).status).toBe(200);
    expect((await asOperator(second.id, { disabled: true })).status).toBe(200);
  });

  it("lets a manager of some stores manage their stores' staff only", async () => {
    const managerA = await createStaff(t.db, { storeIds: ["bastille"] });
    const cookie = await signIn(t.app, managerA);
    const clerkA = await createStaff(t.db, { role: "counter", storeIds: ["bastille"] });
    const clerkB = await createStaff(t.db, { role: "counter", storeIds: ["montmartre"] });
    const clerkAB = await createStaff(t.db, {
      role: "counter",
      storeIds: ["bastille", "montmartre"],
    });

    expect((await patch(cookie, clerkA.id, { name: "Léa" })).status).toBe(200);
    expect((await patch(cookie, clerkB.id, { name: "Léa" })).status).toBe(403);
    expect((await patch(cookie, clerkAB.id, { disabled: true })).status).toBe(403);
    expect((await patch(cookie, clerkA.id, { storeIds: ["montmartre"] })).status).toBe(403);
    expect((await patch(cookie, clerkA.id, { storeIds: [ALL_STORE_IDS] })).status).toBe(403);
    expect((await patch(cookie, chief.id, { name: "Chief" })).status).toBe(403);
    const created = await authRequest(t.app, "POST", "/api/v1/admin/staff", {
      cookie,
      json: { email: "new.clerk@ocpizza.test", name: "Noé", role: "counter", storeIds: [A] },
    });
    expect(created.status).toBe(201);
    const elsewhere = await authRequest(t.app, "POST", "/api/v1/admin/staff", {
      cookie,
      json: { email: "b.clerk@ocpizza.test", name: "Noé", role: "counter", storeIds: [B] },
    });
    expect(elsewhere.status).toBe(403);
    const [rows] = await t.pool.query("SELECT id FROM staff WHERE email = 'b.clerk@ocpizza.test'");
    expect(rows).toEqual([]);
  });

  it("refuses a manager's change of their own role, stores or access, not name", async () => {
    const managerA = await createStaff(t.db, { storeIds: ["bastille"] });
    const cookie = await signIn(t.app, managerA);

    const disable = await patch(cookie, managerA.id, { disabled: true });
    const role = await patch(cookie, managerA.id, { role: "counter" });
    const name = await patch(cookie, managerA.id, { name: "Camille M." });

    expect([disable.status, role.status, name.status]).toEqual([403, 403, 200]);
    expect((await me(cookie)).status).toBe(200);
  });

  it("lists a store's staff for its manager, and every store's for the chain", async () => {
    const managerA = await createStaff(t.db, { storeIds: ["bastille"], password: GOOD_PASSWORD });
    const cookie = await signIn(t.app, managerA);

    const mine = await authRequest(t.app, "GET", "/api/v1/admin/staff?storeId=bastille", {
      cookie,
    });
    const all = await authRequest(t.app, "GET", "/api/v1/admin/staff", { cookie });

    expect(mine.status).toBe(200);
    const listed = (await mine.json()).staff as { storeIds: string[]; email: string }[];
    expect(listed.every((s) => s.storeIds.includes("bastille") || s.storeIds.includes("*"))).toBe(
      true,
    );
    expect(listed.map((s) => s.email)).toContain(managerA.email);
    expect(JSON.stringify(listed)).not.toMatch(/argon2|passwordHash/);
    expect(all.status).toBe(403);
  });
});
