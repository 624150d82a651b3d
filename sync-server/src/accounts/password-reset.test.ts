/**
 * Password reset and sign-up through a fake SMTP server on 127.0.0.1: read
 * the mail, follow its link, sign in with the new password. Known and
 * unknown emails get the same answer; only the mailbox tells them apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Hono } from "hono";

import type { AppEnv } from "../http/auth.js";
import {
  authRequest,
  countAccountRows,
  createCustomer,
  createStaff,
  GOOD_PASSWORD,
  signIn,
} from "../testing/account-fixtures.js";
import { startFakeSmtp, type FakeSmtp } from "../testing/fake-smtp.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { smtpMailer } from "./mailer.js";

let t: TestDatabase;
let smtp: FakeSmtp;
let app: Hono<AppEnv>;
let nowMs: number;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  t = await createTestDatabase();
  nowMs = Date.now();
  app = t.makeApp({
    now: () => nowMs,
    auth: {
      mailer: smtpMailer(smtp.url, "OC Pizza <no-reply@ocpizza.test>"),
      publicUrl: "https://caisse.ocpizza.test",
    },
  });
});
afterAll(async () => {
  await t?.drop();
  await smtp?.close();
});

const askReset = (email: string) =>
  authRequest(app, "POST", "/api/v1/auth/password-reset", { json: { email } });
const confirm = (token: string, newPassword: string) =>
  authRequest(app, "POST", "/api/v1/auth/password-reset/confirm", { json: { token, newPassword } });
const login = (email: string, password: string) =>
  authRequest(app, "POST", "/api/v1/auth/login", { json: { email, password } });

function tokenIn(text: string): string {
  const match = /https:\/\/caisse\.ocpizza\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(
    text,
  );
  if (!match) throw new Error("no reset link in the mail");
  return match[1];
}

describe("password reset by mail", () => {
  it("mails a link whose token sets a new password once, and ends every session", async () => {
    const manager = await createStaff(t.db, { email: "gerant.reset@ocpizza.test" });
    const before = await signIn(app, manager);

    const asked = await askReset("Gerant.Reset@ocpizza.test");
    const mail = await smtp.waitForMail(manager.email);
    const token = tokenIn(mail.text);
    const confirmed = await confirm(token, "a fresh manager passphrase");
    const reused = await confirm(token, "yet another passphrase here");

    expect(asked.status).toBe(202);
    expect(mail.text).toMatch(/Subject: OC Pizza: reset your password/);
    expect(confirmed.status).toBe(200);
    expect(reused.status).toBe(400);
    expect((await reused.json()).error.code).toBe("reset_token_invalid");
    expect((await authRequest(app, "GET", "/api/v1/auth/me", { cookie: before })).status).toBe(401);
    expect((await login(manager.email, GOOD_PASSWORD)).status).toBe(401);
    expect((await login(manager.email, "a fresh manager passphrase")).status).toBe(200);
  });

  it("answers an unknown email exactly like a known one, and mails nobody", async () => {
    const customer = await createCustomer(t.db);
    const mailsBefore = smtp.mails.length;

    const known = await askReset(customer.email);
    const unknown = await askReset("nobody.at.all@ocpizza.test");
    await smtp.waitForMail(customer.email);

    expect(unknown.status).toBe(known.status);
    expect(await unknown.json()).toEqual(await known.json());
    expect(smtp.mails.length).toBe(mailsBefore + 1);
  });

  it("refuses a token past its lifetime", async () => {
    const customer = await createCustomer(t.db, { email: "late.reader@example.test" });
    await askReset(customer.email);
    const token = tokenIn((await smtp.waitForMail(customer.email)).text);

    nowMs += 31 * 60_000;
    const late = await confirm(token, "too late for this passphrase");
    nowMs -= 31 * 60_000;

    expect(late.status).toBe(400);
    expect((await login(customer.email, GOOD_PASSWORD)).status).toBe(200);
  });

  it("lets only one of two simultaneous confirmations use a token", async () => {
    const customer = await createCustomer(t.db, { email: "twice.at.once@example.test" });
    await askReset(customer.email);
    const token = tokenIn((await smtp.waitForMail(customer.email)).text);

    const answers = await Promise.all([
      confirm(token, "first simultaneous passphrase"),
      confirm(token, "second simultaneous passphrase"),
    ]);

    expect(answers.map((response) => response.status).sort()).toEqual([200, 400]);
  });

  it("refuses a made-up token without writing anything", async () => {
    const before = await countAccountRows(t.pool);

    const response = await confirm("A".repeat(43), "a perfectly fine passphrase");

    expect(response.status).toBe(400);
    expect(await countAccountRows(t.pool)).toEqual(before);
  });
});

describe("customer sign-up", () => {
  const signUp = (json: unknown) => authRequest(app, "POST", "/api/v1/customers", { json });

  it("creates the account, mails a welcome, and the customer can sign in", async () => {
    const response = await signUp({
      email: "Nouvelle.Cliente@Example.test",
      password: "pizza margherita forever",
      name: "Zoé Lefèvre",
      phone: "+33 6 98 76 54 32",
    });
    const mail = await smtp.waitForMail("nouvelle.cliente@example.test");

    expect(response.status).toBe(202);
    expect(mail.text).toMatch(/Subject: OC Pizza: welcome/);
    const signedIn = await login("nouvelle.cliente@example.test", "pizza margherita forever");
    expect((await signedIn.json()).account).toMatchObject({
      kind: "customer",
      name: "Zoé Lefèvre",
    });
  });

  it("creates one account when the same new email signs up twice at once", async () => {
    const json = { email: "racing.twins@example.test", password: "a racing passphrase", name: "R" };

    const answers = await Promise.all([signUp(json), signUp(json)]);
    const [rows] = await t.pool.query("SELECT id FROM customers WHERE email = ?", [json.email]);

    expect(answers.map((response) => response.status)).toEqual([202, 202]);
    expect(rows).toHaveLength(1);
  });

  it("answers a taken email like a new one, changes nothing, and tells only its owner", async () => {
    const customer = await createCustomer(t.db, { email: "already.here@example.test" });
    const fresh = await signUp({
      email: "brand.new@example.test",
      password: "a good passphrase",
      name: "A",
    });
    // Its verification link is written after the answer: counted once the mail left.
    await smtp.waitForMail("brand.new@example.test");
    const before = await countAccountRows(t.pool);

    const taken = await signUp({
      email: customer.email,
      password: "an attacker's passphrase",
      name: "B",
    });
    const mail = await smtp.waitForMail(customer.email);

    expect(taken.status).toBe(fresh.status);
    expect(await taken.json()).toEqual(await fresh.json());
    // Only the sign-up attempt counter moves.
    expect({ ...(await countAccountRows(t.pool)), login_attempts: 0 }).toEqual({
      ...before,
      login_attempts: 0,
    });
    expect(mail.text).toMatch(/already has one/);
    expect((await login(customer.email, GOOD_PASSWORD)).status).toBe(200);
  });
});
