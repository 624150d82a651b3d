/**
 * Email verification through a fake SMTP server on 127.0.0.1: the sign-up
 * mail's link confirms the address once, `me` tells, a resend answers alike
 * for every email and is rate-limited, and an expired link is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";

import type { AppEnv } from "../http/auth.js";
import { authRequest, createCustomer, signIn } from "../testing/account-fixtures.js";
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
      limits: { perAccount: 3, perAddress: 100, windowMs: 15 * 60_000 },
    },
  });
});
afterAll(async () => {
  await t?.drop();
  await smtp?.close();
});

const PASSWORD = "pizza quattro stagioni";
const signUp = (email: string) =>
  authRequest(app, "POST", "/api/v1/customers", {
    json: { email, password: PASSWORD, name: "Inès Moreau" },
  });
const verify = (token: string) =>
  authRequest(app, "POST", "/api/v1/auth/verify-email", { json: { token } });
const resend = (email: string) =>
  authRequest(app, "POST", "/api/v1/auth/verify-email/resend", { json: { email } });

function tokenIn(text: string): string {
  const match = /https:\/\/caisse\.ocpizza\.test\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error("no verification link in the mail");
  return match[1];
}

async function me(email: string) {
  const cookie = await signIn(app, { id: "", email, password: PASSWORD });
  const response = await authRequest(app, "GET", "/api/v1/auth/me", { cookie });
  return (await response.json()).account as { emailVerified?: boolean };
}

describe("email verification", () => {
  it("mails a link at sign-up that confirms the address once; me tells", async () => {
    await signUp("ines@example.test");
    const mail = await smtp.waitForMail("ines@example.test");
    const token = tokenIn(mail.text);

    expect(mail.text).toMatch(/Subject: OC Pizza: welcome/);
    expect((await me("ines@example.test")).emailVerified).toBe(false);
    const first = await verify(token);
    const again = await verify(token);

    expect(first.status).toBe(200);
    expect((await me("ines@example.test")).emailVerified).toBe(true);
    expect(again.status).toBe(400);
    expect((await again.json()).error.code).toBe("verification_token_invalid");
  });

  it("answers every resend alike; mails only an unconfirmed customer", async () => {
    const waiting = await createCustomer(t.db, { email: "waiting@example.test" });

    const answers = await Promise.all(
      ["nobody@example.test", "ines@example.test", waiting.email].map(resend),
    );
    const mail = await smtp.waitForMail(waiting.email);
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(mail.text).toMatch(/Subject: OC Pizza: confirm your email/);
    expect(smtp.mails.filter((m) => m.to.includes("nobody@example.test"))).toEqual([]);
    expect(smtp.mails.filter((m) => m.to.includes("ines@example.test"))).toHaveLength(1);
    expect((await verify(tokenIn(mail.text))).status).toBe(200);
  });

  it("limits resends per email like sign-ins (429 past the limit)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await resend("limited@example.test")).status);

    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it("refuses a link past its 48 hours", async () => {
    await signUp("late@example.test");
    const token = tokenIn((await smtp.waitForMail("late@example.test")).text);
    const saved = nowMs;
    nowMs += 48 * 3_600_000 + 1;
    try {
      const response = await verify(token);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("verification_token_invalid");
    } finally {
      nowMs = saved;
    }
  });
});
