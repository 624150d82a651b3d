/**
 * Signing in and out: cookie attributes, me, logout, sign-out everywhere,
 * password change, session expiry on an injected clock, disabled staff, and
 * answers that never tell whether an email has an account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import {
  authRequest,
  createCustomer,
  createStaff,
  GOOD_PASSWORD,
  sessionCookie,
  signIn,
} from "../testing/account-fixtures.js";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const login = (json: unknown, headers: Record<string, string> = {}) =>
  authRequest(t.app, "POST", "/api/v1/auth/login", { json, headers });
const me = (cookie: string | null, app = t.app) =>
  authRequest(app, "GET", "/api/v1/auth/me", { cookie });

describe("signing in", () => {
  it("sets an HttpOnly, Secure, SameSite=Lax session cookie on Path=/ and returns the profile", async () => {
    const manager = await createStaff(t.db, { storeIds: ["bastille", "montmartre"] });

    const response = await login({ email: manager.email.toUpperCase(), password: GOOD_PASSWORD });
    const body = await response.json();

    expect(response.status).toBe(200);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-ocp_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=43200/);
    expect(body.account).toEqual({
      kind: "staff",
      id: manager.id,
      email: manager.email,
      name: "Camille Martin",
      role: "manager",
      storeIds: ["bastille", "montmartre"],
    });
  });

  it("signs a customer in and shows who is signed in", async () => {
    const customer = await createCustomer(t.db);
    const cookie = await signIn(t.app, customer);

    const response = await me(cookie);

    expect(response.status).toBe(200);
    expect((await response.json()).account).toMatchObject({ kind: "customer", id: customer.id });
  });

  it("stores the session under a keyed hash of the token, never the token itself", async () => {
    const customer = await createCustomer(t.db);
    const cookie = await signIn(t.app, customer);
    const token = cookie.split("=")[1];

    const [rows] = await t.pool.query("SELECT id FROM sessions WHERE id = ?", [token]);

    expect(rows).toHaveLength(0);
    expect((await me(cookie)).status).toBe(200);
  });

  it("gives one answer for an unknown email, a wrong password and staff without a password", async () => {
    const manager = await createStaff(t.db);
    const pizzaiolo = await createStaff(t.db, { role: "pizzaiolo", password: null });

    const answers = await Promise.all(
      [
        { email: "nobody-here@ocpizza.test", password: GOOD_PASSWORD },
        { email: manager.email, password: "not the password at all" },
        { email: pizzaiolo.email, password: GOOD_PASSWORD },
      ].map(async (json) => {
        const response = await login(json);
        return {
          status: response.status,
          body: await response.json(),
          cookies: response.headers.getSetCookie(),
        };
      }),
    );

    expect(answers[0].status).toBe(401);
    expect(answers[0].body.error.code).toBe("invalid_credentials");
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0].cookies).toEqual([]);
  });

  it("takes about as long for an unknown email as for a wrong password (both run argon2)", async () => {
    const manager = await createStaff(t.db);
    const timed = async (json: unknown) => {
      const startedAt = performance.now();
      await login(json);
      return performance.now() - startedAt;
    };
    await timed({ email: "warm-up@ocpizza.test", password: "x" });

    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 3; i++) {
      unknown.push(await timed({ email: `nobody-${i}@ocpizza.test`, password: "wrong password" }));
      wrong.push(await timed({ email: manager.email, password: `wrong password ${i}` }));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[1];

    expect(median(unknown)).toBeGreaterThan(median(wrong) / 3);
    expect(median(unknown)).toBeLessThan(median(wrong) * 3);
  });

  it("refuses disabled staff like an unknown email", async () => {
    const manager = await createStaff(t.db);
    await t.pool.query("UPDATE staff SET disabled_at = NOW(3) WHERE email = ?", [manager.email]);

    const response = await login({ email: manager.email, password: GOOD_PASSWORD });

    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("invalid_credentials");
  });

  it("signs in as the customer of the same email when asked to", async () => {
    const email = "both-kinds@ocpizza.test";
    await createStaff(t.db, { email });
    await createCustomer(t.db, { email, password: "the customer's own password" });

    const response = await login({
      email,
      password: "the customer's own password",
      account: "customer",
    });

    expect(response.status).toBe(200);
    expect((await response.json()).account.kind).toBe("customer");
  });
});

describe("sessions", () => {
  it("needs a session for me, with one 401 for no cookie and an unknown one", async () => {
    const none = await me(null);
    const unknown = await me("__Host-ocp_session=" + "A".repeat(43));

    expect(none.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await none.json());
  });

  it("ends at its expiry on the server's clock", async () => {
    let nowMs = Date.now();
    const app = t.makeApp({ now: () => nowMs, auth: { sessionTtlMs: 60 * 60_000 } });
    const customer = await createCustomer(t.db);
    const cookie = await signIn(app, customer);

    nowMs += 59 * 60_000;
    expect((await me(cookie, app)).status).toBe(200);
    nowMs += 2 * 60_000;
    expect((await me(cookie, app)).status).toBe(401);
  });

  it("signs out this session only, clearing the cookie", async () => {
    const customer = await createCustomer(t.db);
    const phone = await signIn(t.app, customer);
    const laptop = await signIn(t.app, customer);

    const response = await authRequest(t.app, "POST", "/api/v1/auth/logout", { cookie: phone });

    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()[0]).toMatch(/__Host-ocp_session=;.*Max-Age=0/);
    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(200);
  });

  it("signs out everywhere", async () => {
    const manager = await createStaff(t.db);
    const cookies = [await signIn(t.app, manager), await signIn(t.app, manager)];

    const response = await authRequest(t.app, "POST", "/api/v1/auth/logout-all", {
      cookie: cookies[0],
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revokedSessions: 2 });
    for (const cookie of cookies) expect((await me(cookie)).status).toBe(401);
  });

  it("changes the password, keeps this session and ends the others", async () => {
    const customer = await createCustomer(t.db);
    const here = await signIn(t.app, customer);
    const elsewhere = await signIn(t.app, customer);
    const newPassword = "a brand new passphrase 🍕";

    const response = await authRequest(t.app, "POST", "/api/v1/auth/password", {
      cookie: here,
      json: { currentPassword: GOOD_PASSWORD, newPassword },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revokedSessions: 1 });
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await login({ email: customer.email, password: GOOD_PASSWORD })).status).toBe(401);
    expect((await login({ email: customer.email, password: newPassword })).status).toBe(200);
  });

  it("refuses a password change with a wrong current password and keeps the old one", async () => {
    const customer = await createCustomer(t.db);
    const cookie = await signIn(t.app, customer);

    const response = await authRequest(t.app, "POST", "/api/v1/auth/password", {
      cookie,
      json: { currentPassword: "not my password", newPassword: "another good passphrase" },
    });

    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_credentials");
    expect((await login({ email: customer.email, password: GOOD_PASSWORD })).status).toBe(200);
  });

  it("names the cookie without __Host- when Secure is turned off for http://127.0.0.1", async () => {
    const app = t.makeApp({ auth: { cookieSecure: false } });
    const customer = await createCustomer(t.db);

    const response = await authRequest(app, "POST", "/api/v1/auth/login", {
      json: { email: customer.email, password: GOOD_PASSWORD },
    });

    expect(response.headers.getSetCookie()[0]).toMatch(/^ocp_session=/);
    expect(response.headers.getSetCookie()[0]).not.toMatch(/Secure/);
    expect((await me(sessionCookie(response), app)).status).toBe(200);
  });
});
