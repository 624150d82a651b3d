/**
 * What the log keeps of the flows the account log test does not run: staff
 * created by a manager, a PIN set and checked (right, wrong, past the
 * limit), a device paired and revoked, a customer's export and erasure. No
 * email, name, phone, PIN, password, pairing code or token may appear.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  authRequest,
  capturingLogger,
  createCustomer,
  createStaff,
  GOOD_PASSWORD,
  signIn,
} from "../testing/account-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe("the log of staff, PIN, device and erasure requests", () => {
  it("holds no email, name, PIN, password, pairing code or token", async () => {
    const log = capturingLogger();
    const app = t.makeApp({ logger: log.logger });
    const manager = await createStaff(t.db, { email: "gerante.logs@ocpizza.test" });
    const cookie = await signIn(app, manager);
    const customer = await createCustomer(t.db, { email: "client.logs@example.test" });
    const customerCookie = await signIn(app, customer);
    const secrets: string[] = [manager.email, customer.email, GOOD_PASSWORD, "+33 6 12 34 56 78"];

    const created = await authRequest(app, "POST", "/api/v1/admin/staff", {
      cookie,
      json: {
        email: "nouvelle.recrue@ocpizza.test",
        name: "Aurélie Nouvelle-Recrue",
        role: "counter",
        storeIds: ["bastille"],
      },
    });
    expect(created.status).toBe(201);
    const staffId = ((await created.json()) as { staff: { id: string } }).staff.id;
    secrets.push("nouvelle.recrue@ocpizza.test", "Aurélie Nouvelle-Recrue");
    const pinSet = await authRequest(app, "PUT", `/api/v1/admin/staff/${staffId}/pin`, {
      cookie,
      json: { pin: "582913" },
    });
    expect(pinSet.status).toBe(200);
    secrets.push("582913", "504817");

    const code = await authRequest(app, "POST", "/api/v1/admin/pairing-codes", {
      cookie,
      json: { storeId: "bastille" },
    });
    const { code: pairingCode } = (await code.json()) as { code: string };
    const paired = await authRequest(app, "POST", "/api/v1/devices/pair", {
      json: { code: pairingCode, name: "Caisse logs" },
    });
    const { token, deviceId } = (await paired.json()) as { token: string; deviceId: string };
    secrets.push(pairingCode, token);
    const check = (pin: string) =>
      app.request("/api/v1/devices/me/pin-check", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ staffId, pin }),
      });
    expect((await check("582913")).status).toBe(200);
    for (let i = 0; i < 6; i++) await check("504817");
    await app.request("/api/v1/devices/me/staff", {
      headers: { authorization: `Bearer ${token}` },
    });
    await authRequest(app, "POST", `/api/v1/admin/devices/${deviceId}/revoke`, { cookie });

    expect(
      (await authRequest(app, "GET", "/api/v1/account/export", { cookie: customerCookie })).status,
    ).toBe(200);
    const erased = await authRequest(app, "POST", "/api/v1/account/erase", {
      cookie: customerCookie,
      json: { password: GOOD_PASSWORD },
    });
    expect(erased.status).toBe(200);
    const sessionTokens = [cookie, customerCookie].map((c) => c.split("=")[1]);

    const text = log.text();
    expect(text).toContain("staff PIN set");
    expect(text).toContain("customer erased");
    for (const secret of [...secrets, ...sessionTokens]) expect(text).not.toContain(secret);
  });
});
