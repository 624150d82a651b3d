/**
 * Staff PINs on a real database: who may set one, what a counter sees of its
 * store's staff, and the PIN check with its per-device rate limit. A staff
 * member of another store gets the answer a wrong PIN gets.
 */
import { randomBytes } from "node:crypto";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId, type CounterStaffList } from "@ocpizza/schema";

import { openSession } from "../accounts/sessions.js";
import { sessionCookieName } from "../http/session-cookie.js";
import { authRequest, createStaff } from "../testing/account-fixtures.js";
import { pairDevice, type PairedDevice } from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

const PIN = "4826";

let t: TestDatabase;
let secret: string;
let deviceA: PairedDevice;
let deviceA2: PairedDevice;
let deviceB: PairedDevice;

beforeAll(async () => {
  secret = randomBytes(32).toString("base64url");
  t = await createTestDatabase({ app: { auth: { secret } } });
  deviceA = await pairDevice(t, "bastille");
  deviceA2 = await pairDevice(t, "bastille", "Caisse 2");
  deviceB = await pairDevice(t, "montmartre");
});
afterAll(() => t?.drop());

async function staffOf(storeIds: string[], role: "counter" | "manager" = "counter") {
  return (await createStaff(t.db, { role, storeIds, password: null })).id;
}

async function managerCookie(storeIds: string[]): Promise<string> {
  const id = await staffOf(storeIds, "manager");
  const session = await openSession(
    t.db,
    secret,
    { kind: "staff", id },
    { nowMs: Date.now(), ttlMs: 3_600_000 },
  );
  return `${sessionCookieName(true)}=${session.token}`;
}

function setPin(staffId: string, pin: string, as: { cookie?: string; token?: string }) {
  return authRequest(t.app, "PUT", `/api/v1/admin/staff/${staffId}/pin`, {
    json: { pin },
    cookie: as.cookie,
    headers: as.token ? { authorization: `Bearer ${as.token}` } : {},
  });
}

function asDevice(device: PairedDevice, method: string, path: string, json?: unknown) {
  return t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

const check = (device: PairedDevice, staffId: string, pin: string) =>
  asDevice(device, "POST", "/api/v1/devices/me/pin-check", { staffId, pin });

async function pinHashOf(staffId: string): Promise<string | null> {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    "SELECT pin_hash FROM staff WHERE id = UNHEX(REPLACE(?, '-', ''))",
    [staffId],
  );
  return rows[0].pin_hash as string | null;
}

describe("setting a PIN", () => {
  it("stores an argon2id hash, never the PIN, for the operator", async () => {
    const staffId = await staffOf(["bastille"]);

    const response = await setPin(staffId, PIN, { token: t.adminToken });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ staffId, hasPin: true });
    const hash = await pinHashOf(staffId);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(PIN);
  });

  it("is for a manager of every one of the staff member's stores, not of some or another", async () => {
    const staffId = await staffOf(["bastille", "vincennes"]);

    const ofBoth = await setPin(staffId, PIN, {
      cookie: await managerCookie(["bastille", "vincennes"]),
    });
    const ofVincennes = await setPin(staffId, "7391", {
      cookie: await managerCookie(["vincennes"]),
    });
    const ofMontmartre = await setPin(staffId, "7391", {
      cookie: await managerCookie(["montmartre"]),
    });

    expect(ofBoth.status).toBe(200);
    expect(ofVincennes.status).toBe(403);
    expect(ofMontmartre.status).toBe(403);
    // The manager of vincennes cannot sign in as them on a counter of bastille.
    expect((await check(deviceA, staffId, "7391")).status).toBe(401);
    expect((await check(deviceA, staffId, PIN)).status).toBe(200);
  });

  it("of a staff member of every store is only for who covers every store", async () => {
    const chainManager = await staffOf(["*"], "manager");

    const byStore = await setPin(chainManager, PIN, { cookie: await managerCookie(["bastille"]) });
    const byChain = await setPin(chainManager, PIN, { cookie: await managerCookie(["*"]) });

    expect(byStore.status).toBe(403);
    expect(byChain.status).toBe(200);
  });

  it("answers 404 for a staff member that does not exist", async () => {
    const response = await setPin(newId(), PIN, { token: t.adminToken });
    expect(response.status).toBe(404);
  });
});

describe("the staff list of a counter", () => {
  it("holds its store's active staff with a PIN: id, name and role only", async () => {
    const withPin = await staffOf(["bastille"]);
    const everywhere = await staffOf(["*"], "manager");
    const noPin = await staffOf(["bastille"]);
    const disabled = await staffOf(["bastille"]);
    const elsewhere = await staffOf(["montmartre"]);
    for (const id of [withPin, everywhere, disabled, elsewhere]) {
      await setPin(id, PIN, { token: t.adminToken });
    }
    await t.pool.query(
      "UPDATE staff SET disabled_at = NOW(3) WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [disabled],
    );

    const response = await asDevice(deviceA, "GET", "/api/v1/devices/me/staff");

    expect(response.status).toBe(200);
    const body = (await response.json()) as CounterStaffList;
    const ids = body.staff.map((member) => member.id);
    expect(body.storeId).toBe("bastille");
    expect(ids).toEqual(expect.arrayContaining([withPin, everywhere]));
    expect(ids).not.toContain(noPin);
    expect(ids).not.toContain(disabled);
    expect(ids).not.toContain(elsewhere);
    for (const member of body.staff) {
      expect(Object.keys(member).sort()).toEqual(["id", "name", "pinVersion", "role"]);
    }
  });
});

describe("a new PIN", () => {
  it("changes the staff member's pinVersion in the counter's list", async () => {
    const staffId = await staffOf(["bastille"]);
    const versionOf = async () => {
      const response = await asDevice(deviceA, "GET", "/api/v1/devices/me/staff");
      const list = (await response.json()) as CounterStaffList;
      return list.staff.find((member) => member.id === staffId)?.pinVersion;
    };

    await setPin(staffId, PIN, { token: t.adminToken });
    const first = await versionOf();
    await setPin(staffId, "7391", { token: t.adminToken });
    const second = await versionOf();

    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(second).toMatch(/^[0-9a-f]{16}$/);
    expect(second).not.toBe(first);
  });
});

describe("checking a PIN", () => {
  it("answers who it is for the right PIN on a device of their store", async () => {
    const staffId = await staffOf(["bastille"]);
    await setPin(staffId, PIN, { token: t.adminToken });

    const response = await check(deviceA, staffId, PIN);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      staff: { id: staffId, name: "Camille Martin", role: "counter" },
    });
  });

  it("answers another store's device as it answers a wrong PIN or an unknown id", async () => {
    const staffId = await staffOf(["bastille"]);
    await setPin(staffId, PIN, { token: t.adminToken });

    const answers = [
      await check(deviceB, staffId, PIN),
      await check(deviceA, staffId, "9157"),
      await check(deviceA, newId(), PIN),
      await check(deviceA, await staffOf(["bastille"]), PIN),
    ];

    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0].error.code).toBe("invalid_credentials");
  });

  it("refuses a sixth try on one device, even right, while others go on", async () => {
    const staffId = await staffOf(["bastille"]);
    const colleague = await staffOf(["bastille"]);
    await setPin(staffId, PIN, { token: t.adminToken });
    await setPin(colleague, PIN, { token: t.adminToken });

    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push((await check(deviceA, staffId, "1357")).status);
    const sixth = await check(deviceA, staffId, PIN);

    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect((await check(deviceA, colleague, PIN)).status).toBe(200);
    expect((await check(deviceA2, staffId, PIN)).status).toBe(200);
  });

  it("starts the count afresh after a right PIN", async () => {
    const staffId = await staffOf(["bastille"]);
    await setPin(staffId, PIN, { token: t.adminToken });

    for (let i = 0; i < 4; i++) await check(deviceA2, staffId, "1357");
    expect((await check(deviceA2, staffId, PIN)).status).toBe(200);
    for (let i = 0; i < 4; i++) await check(deviceA2, staffId, "1357");

    expect((await check(deviceA2, staffId, PIN)).status).toBe(200);
  });
});
