/**
 * What the log keeps of account traffic: every flow (sign-up, failed and
 * good sign-in, rate limit, password change and reset, sign-out) is run with
 * a capturing logger, and no email, password, name, phone or token appears.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  authRequest,
  capturingLogger,
  createCustomer,
  GOOD_PASSWORD,
  sessionCookie,
} from "../testing/account-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import type { Mail, Mailer } from "./mailer.js";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe("the log of account requests", () => {
  it("holds no email, password, name, phone or token", async () => {
    const log = capturingLogger();
    const mails: Mail[] = [];
    const mailer: Mailer = { send: async (mail) => void mails.push(mail) };
    const app = t.makeApp({
      logger: log.logger,
      auth: { mailer, limits: { perAccount: 2, perAddress: 100, windowMs: 60_000 } },
    });
    const call = (method: string, path: string, json?: unknown, cookie?: string) =>
      authRequest(app, method, path, { json, cookie });
    const secrets = ["Sacha.Dupont@example.test", "sacha.dupont@example.test", "Sacha Dupont"];
    const passwords = [
      "sacha's first passphrase",
      "sacha's second passphrase",
      "third one for sacha",
    ];

    await call("POST", "/api/v1/customers", {
      email: secrets[0],
      password: passwords[0],
      name: secrets[2],
      phone: "+33 7 11 22 33 44",
    });
    await call("POST", "/api/v1/auth/login", { email: secrets[0], password: "a wrong guess" });
    const signedIn = await call("POST", "/api/v1/auth/login", {
      email: secrets[0],
      password: passwords[0],
    });
    const cookie = sessionCookie(signedIn);
    await call("GET", "/api/v1/auth/me", undefined, cookie);
    await call(
      "POST",
      "/api/v1/auth/password",
      { currentPassword: passwords[0], newPassword: passwords[1] },
      cookie,
    );
    await call("POST", "/api/v1/auth/password-reset", { email: secrets[0] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const token = /token=([A-Za-z0-9_-]+)/.exec(mails.at(-1)?.text ?? "")?.[1] ?? "missing";
    await call("POST", "/api/v1/auth/password-reset/confirm", { token, newPassword: passwords[2] });
    const other = await createCustomer(t.db, { email: "other.victim@example.test" });
    for (let i = 0; i < 3; i++) {
      await call("POST", "/api/v1/auth/login", { email: other.email, password: GOOD_PASSWORD + i });
    }
    await call("POST", "/api/v1/auth/logout-all", {}, cookie);

    const text = log.text();
    expect(text).toMatch(/"msg":"signed in"/);
    expect(text).toMatch(/"msg":"password reset"/);
    expect(token).not.toBe("missing");
    for (const secret of [...secrets, ...passwords, "+33 7 11 22 33 44", other.email, token]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(cookie.split("=")[1]);
  });
});
