/**
 * One email with two accounts: a staff account (made by any manager, with
 * any email) and a customer account. The customer asking for a reset from
 * /account must get a link for their customer account, not one for the staff
 * account that shadows it.
 */
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { smtpMailer } from "../accounts/mailer.js";
import type { AppEnv } from "../http/auth.js";
import { authRequest, createCustomer, createStaff } from "../testing/account-fixtures.js";
import { startFakeSmtp, type FakeSmtp } from "../testing/fake-smtp.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

const EMAIL = "both.kinds@example.test";
const NEW_PASSWORD = "my own fresh customer passphrase";

let t: TestDatabase;
let smtp: FakeSmtp;
let app: Hono<AppEnv>;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  t = await createTestDatabase();
  app = t.makeApp({
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

describe("a reset asked for a customer whose email a staff account also uses", () => {
  it("resets the customer's password, and leaves the staff account as it was", async () => {
    await createCustomer(t.db, { email: EMAIL });
    await createStaff(t.db, { email: EMAIL, role: "counter", password: null });

    const asked = await authRequest(app, "POST", "/api/v1/auth/password-reset", {
      json: { email: EMAIL, account: "customer" },
    });
    expect(asked.status).toBe(202);
    const mail = await smtp.waitForMail(EMAIL);
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const confirmed = await authRequest(app, "POST", "/api/v1/auth/password-reset/confirm", {
      json: { token, newPassword: NEW_PASSWORD },
    });
    expect(confirmed.status).toBe(200);

    const asCustomer = await authRequest(app, "POST", "/api/v1/auth/login", {
      json: { email: EMAIL, password: NEW_PASSWORD, account: "customer" },
    });
    const asStaff = await authRequest(app, "POST", "/api/v1/auth/login", {
      json: { email: EMAIL, password: NEW_PASSWORD, account: "staff" },
    });
    expect(asCustomer.status).toBe(200);
    expect(asStaff.status).toBe(401);
  });
});
