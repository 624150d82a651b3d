/**
 * A manager's day through the API: the operator creates the manager, who
 * signs in, reads the figures of their store only, lists and revokes its
 * devices (a revoked device is refused everywhere and no longer holds a
 * closing back) and cannot create staff unless they manage every store.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import { authRequest, GOOD_PASSWORD, signIn } from "../testing/account-fixtures.js";
import {
  buildOrder,
  cashPayment,
  createMutation,
  fetchMenu,
  getPull,
  pairDevice,
  postPush,
  pushBody,
  type PairedDevice,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { DeviceRegister } from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;
let managerCookie: string;

const asOperator = (method: string, path: string, json?: unknown) =>
  authRequest(t.app, method, path, {
    json,
    headers: { authorization: `Bearer ${t.adminToken}` },
  });
const asManager = (method: string, path: string, json?: unknown) =>
  authRequest(t.app, method, path, { json, cookie: managerCookie });

async function createManager(email: string, storeIds: string[]) {
  const response = await asOperator("POST", "/api/v1/admin/staff", {
    email,
    name: "Camille Gérante",
    role: "manager",
    storeIds,
    password: GOOD_PASSWORD,
  });
  expect(response.status).toBe(201);
  return signIn(t.app, { id: "", email, password: GOOD_PASSWORD });
}

async function count(table: string): Promise<number> {
  const [rows] = await t.pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${table}\``);
  return Number(rows[0].n);
}

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  managerCookie = await createManager("gerante.bastille@ocpizza.test", ["bastille"]);
});
afterAll(() => t?.drop());

describe("a manager of one store", () => {
  it("sees the figures of their store and is refused another's, or all at once", async () => {
    const day = "from=2026-01-01&to=2026-01-31";
    expect((await asManager("GET", `/api/v1/reports/sales?${day}&storeId=bastille`)).status).toBe(
      200,
    );
    expect((await asManager("GET", "/api/v1/admin/x-report?storeId=bastille")).status).toBe(200);

    for (const path of [
      `/api/v1/reports/sales?${day}&storeId=montmartre`,
      `/api/v1/reports/sales?${day}`,
      "/api/v1/admin/x-report?storeId=montmartre",
      "/api/v1/admin/devices",
    ]) {
      const response = await asManager("GET", path);
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as any).error.code).toBe("forbidden");
    }
  });

  it("is refused another store's pairing code and closing, writing nothing", async () => {
    const before = [await count("pairing_codes"), await count("closings")];
    const code = await asManager("POST", "/api/v1/admin/pairing-codes", { storeId: "montmartre" });
    const closing = await asManager("POST", "/api/v1/admin/closings", {
      storeId: "montmartre",
      period: "day",
      key: "2026-01-05",
    });
    expect([code.status, closing.status]).toEqual([403, 403]);
    expect([await count("pairing_codes"), await count("closings")]).toEqual(before);
  });

  it("creates and lists staff of its store only, never of another or of every store", async () => {
    const driver = { email: "x@ocpizza.test", name: "X", role: "driver" };
    const before = await count("staff");
    const elsewhere = await asManager("POST", "/api/v1/admin/staff", {
      ...driver,
      storeIds: ["montmartre"],
    });
    const everywhere = await asManager("POST", "/api/v1/admin/staff", {
      ...driver,
      storeIds: ["*"],
    });
    expect([elsewhere.status, everywhere.status]).toEqual([403, 403]);
    expect((await asManager("GET", "/api/v1/admin/staff")).status).toBe(403);
    expect(await count("staff")).toBe(before);

    const own = await asManager("POST", "/api/v1/admin/staff", {
      ...driver,
      storeIds: ["bastille"],
    });
    expect(own.status).toBe(201);
    expect((await asManager("GET", "/api/v1/admin/staff?storeId=bastille")).status).toBe(200);
    expect(await count("staff")).toBe(before + 1);
  });
});

describe("revoking a device", () => {
  let device: PairedDevice;
  let register: DeviceRegister;

  beforeAll(async () => {
    const code = await asManager("POST", "/api/v1/admin/pairing-codes", { storeId: "bastille" });
    expect(code.status).toBe(201);
    const paired = await t.app.request("/api/v1/devices/pair", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: ((await code.json()) as any).code, name: "Caisse 2" }),
    });
    const body = (await paired.json()) as any;
    device = { deviceId: body.deviceId, token: body.token, storeId: "bastille" };
    register = new DeviceRegister(device.deviceId, "bastille");

    // One sale on 7 January, and a head of 3 tickets the server never receives.
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "L" }], {
      createdAtMs: Date.parse("2026-01-07T11:00:00Z"),
    });
    const payment = cashPayment(order.totalCents);
    const ticket = register.sale(order, [payment]);
    const mutation = { ...createMutation(1, order, { payments: [payment] }), ticket };
    expect((await postPush(t.app, device, pushBody(device, [mutation]))).status).toBe(200);
    const journal = { registerId: device.deviceId, headSeq: 3, headHash: "a".repeat(64) };
    await postPush(t.app, device, pushBody(device, [], { journal }));
  });

  it("lists the store's devices with what they reported", async () => {
    const response = await asManager("GET", "/api/v1/admin/devices?storeId=bastille");
    const { devices } = (await response.json()) as any;
    expect(devices).toEqual([
      expect.objectContaining({
        id: device.deviceId,
        storeId: "bastille",
        name: "Caisse 2",
        appVersion: "test-1.0.0",
        lastSeenAtMs: expect.any(Number),
        revoked: false,
      }),
    ]);
  });

  it("is refused to a manager of another store, and the device keeps working", async () => {
    const other = await createManager("gerant.montmartre@ocpizza.test", ["montmartre"]);
    const response = await authRequest(
      t.app,
      "POST",
      `/api/v1/admin/devices/${device.deviceId}/revoke`,
      { cookie: other },
    );
    expect(response.status).toBe(403);
    expect((await getPull(t.app, device, { since: 0 })).status).toBe(200);
  });

  it("unblocks the closing its unsynced tickets held back, and locks the device out", async () => {
    const day = { storeId: "bastille", period: "day", key: "2026-01-07" };
    const blocked = await asManager("POST", "/api/v1/admin/closings", day);
    expect(blocked.status).toBe(409);
    expect(((await blocked.json()) as any).error.code).toBe("unsynced_tickets");

    const revoked = await asManager("POST", `/api/v1/admin/devices/${device.deviceId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as any).device).toMatchObject({ revoked: true });

    const closed = await asManager("POST", "/api/v1/admin/closings", day);
    expect(closed.status).toBe(201);
    expect(((await closed.json()) as any).warnings[0]).toMatch(/revoked/);

    expect((await getPull(t.app, device, { since: 0 })).status).toBe(401);
    expect((await postPush(t.app, device, pushBody(device, []))).status).toBe(401);
    const state = await t.app.request("/api/v1/sync/state", {
      headers: { authorization: `Bearer ${device.token}` },
    });
    expect(state.status).toBe(401);
  });
});

describe("staff created by a manager of every store", () => {
  it("may have no password for a driver, who then cannot sign in", async () => {
    const chief = await createManager("direction@ocpizza.test", ["*"]);
    const response = await authRequest(t.app, "POST", "/api/v1/admin/staff", {
      cookie: chief,
      json: { email: " Leo@OCPizza.test ", name: "Léo", role: "driver", storeIds: ["bastille"] },
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as any).staff).toMatchObject({
      email: "leo@ocpizza.test",
      role: "driver",
      storeIds: ["bastille"],
      hasPassword: false,
    });
    const login = await authRequest(t.app, "POST", "/api/v1/auth/login", {
      json: { email: "leo@ocpizza.test", password: GOOD_PASSWORD },
    });
    expect(login.status).toBe(401);

    for (const path of [
      "/api/v1/reports/sales?from=2026-01-01&to=2026-01-31",
      "/api/v1/admin/devices",
    ]) {
      const everyStore = await authRequest(t.app, "GET", path, { cookie: chief });
      expect(everyStore.status, path).toBe(200);
    }
    const listed = await authRequest(t.app, "GET", "/api/v1/admin/staff", { cookie: chief });
    const emails = ((await listed.json()) as any).staff.map((s: any) => s.email);
    expect(emails).toEqual(expect.arrayContaining(["direction@ocpizza.test", "leo@ocpizza.test"]));
  });

  it("stops working once the account is disabled", async () => {
    await t.pool.query("UPDATE staff SET disabled_at = NOW(3) WHERE email = ?", [
      "gerante.bastille@ocpizza.test",
    ]);
    const response = await asManager("GET", "/api/v1/admin/x-report?storeId=bastille");
    expect(response.status).toBe(401);
  });
});
