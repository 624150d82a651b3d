/**
 * Getting round the limits as an attacker would: one email written in other
 * cases and with spaces, a made-up X-Forwarded-For on every try while the
 * server does not trust a proxy, and PINs tried over many staff members of
 * one store from one counter. Each is still counted and refused with 429.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { authRequest, createCustomer, createStaff } from "../testing/account-fixtures.js";
import { pairDevice } from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const login = (app: TestDatabase["app"], email: string, headers: Record<string, string> = {}) =>
  authRequest(app, "POST", "/api/v1/auth/login", {
    json: { email, password: "not the password" },
    headers,
  });

describe("sign-in limits", () => {
  it("count one account however its email is written", async () => {
    const app = t.makeApp({
      auth: { limits: { perAccount: 5, perAddress: 100, windowMs: 60_000 } },
    });
    const { email } = await createCustomer(t.db);
    const variants = [
      email,
      email.toUpperCase(),
      ` ${email}`,
      `${email}\t`,
      email.replace("c", "C"),
    ];

    for (const variant of variants) expect((await login(app, variant)).status).toBe(401);
    const sixth = await login(app, `  ${email.toUpperCase()}  `);

    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("ignore X-Forwarded-For when TRUST_PROXY is off: a new made-up address per try is no fresh start", async () => {
    // Its own secret: the address counters of the test above (all in-process requests share
    // one peer address) are other keys.
    const app = t.makeApp({
      auth: {
        secret: randomBytes(32).toString("base64url"),
        limits: { perAccount: 100, perAddress: 5, windowMs: 60_000 },
        trustProxy: false,
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await login(app, `nobody-${i}@example.test`, {
        "x-forwarded-for": `198.51.100.${i}`,
      });
      statuses.push(response.status);
    }

    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe("the per-address sign-in limit", () => {
  it("counts an IPv6 client by its /64, not by each of its 2^64 addresses", async () => {
    const app = t.makeApp({
      auth: {
        secret: randomBytes(32).toString("base64url"),
        limits: { perAccount: 100, perAddress: 5, windowMs: 60_000 },
        trustProxy: true,
      },
    });
    const addresses = ["2001:db8:7:8::1", "2001:db8:7:8::2", "2001:DB8:7:8:0:0:0:3"];
    addresses.push("2001:0db8:0007:0008:ffff::4", "2001:db8:7:8:1:2:3:4", "2001:db8:7:8::abcd");

    const statuses: number[] = [];
    for (const [i, address] of addresses.entries()) {
      const response = await login(app, `v6-${i}@example.test`, { "x-forwarded-for": address });
      statuses.push(response.status);
    }
    const otherNetwork = await login(app, "v6-other@example.test", {
      "x-forwarded-for": "2001:db8:7:9::1",
    });

    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(otherNetwork.status).toBe(401);
  });
});

describe("PIN checks from one counter", () => {
  it("count one staff member however their id is written (case)", async () => {
    const device = await pairDevice(t, "boulogne");
    // An id with at least 5 letters, so that 6 ways of writing it exist.
    let id = "";
    while ((id.match(/[a-f]/g) ?? []).length < 5) {
      id = (await createStaff(t.db, { role: "manager", storeIds: ["boulogne"] })).id;
    }
    await authRequest(t.app, "PUT", `/api/v1/admin/staff/${id}/pin`, {
      json: { pin: "4826" },
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    const check = (staffId: string, pin: string) =>
      t.app.request("/api/v1/devices/me/pin-check", {
        method: "POST",
        headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
        body: JSON.stringify({ staffId, pin }),
      });
    // The same id with one more letter in capitals each time.
    const variants = Array.from({ length: 6 }, (_, n) => {
      let left = n;
      return id.replace(/[a-f]/g, (letter) => (left-- > 0 ? letter.toUpperCase() : letter));
    });
    expect(new Set(variants).size).toBe(6);

    const statuses: number[] = [];
    for (const variant of variants.slice(0, 5))
      statuses.push((await check(variant, "1357")).status);
    const right = await check(variants[5], "4826");

    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(right.status).toBe(429);
  });

  it("stop after 30 over many staff members, even for a right PIN", async () => {
    const device = await pairDevice(t, "vincennes");
    const staffIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { id } = await createStaff(t.db, { role: "counter", storeIds: ["vincennes"] });
      const set = await authRequest(t.app, "PUT", `/api/v1/admin/staff/${id}/pin`, {
        json: { pin: "4826" },
        headers: { authorization: `Bearer ${t.adminToken}` },
      });
      expect(set.status).toBe(200);
      staffIds.push(id);
    }
    const check = (staffId: string, pin: string) =>
      t.app.request("/api/v1/devices/me/pin-check", {
        method: "POST",
        headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
        body: JSON.stringify({ staffId, pin }),
      });

    // Four wrong PINs each for staff 0 to 6 (28), under the per-person limit of 5.
    const statuses: number[] = [];
    for (const staffId of staffIds.slice(0, 7)) {
      for (const pin of ["1357", "2468", "9753", "8642"])
        statuses.push((await check(staffId, pin)).status);
    }
    statuses.push(
      (await check(staffIds[7], "1111")).status,
      (await check(staffIds[7], "2222")).status,
    );
    const right = await check(staffIds[7], "4826");

    expect(statuses).toEqual(Array(30).fill(401));
    expect(right.status).toBe(429);
  }, 30_000);
});
