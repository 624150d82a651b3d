/**
 * Customer account endpoints: sign-up, email verification, password reset by
 * mail (these need no session and answer alike whether or not the email has
 * an account; what differs goes only to that mailbox), and a signed-in
 * customer's export of their data and erasure of their account.
 */
import type { Context } from "hono";
import { Hono } from "hono";

import {
  accountEraseRequestSchema,
  customerSignUpSchema,
  newId,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  verificationResendRequestSchema,
  verifyEmailRequestSchema,
} from "@ocpizza/schema";
import { customers } from "@ocpizza/schema/db";

import { findAccountByEmail, findAccountById } from "../accounts/accounts.js";
import type { AuthSettings } from "../accounts/auth-settings.js";
import { exportCustomerData } from "../accounts/customer-data.js";
import {
  confirmVerification,
  createVerificationLink,
  findUnverifiedCustomer,
  verificationMail,
} from "../accounts/email-verification.js";
import { eraseCustomer, orderUnderWay } from "../accounts/erasure.js";
import { runLater, sendLater } from "../accounts/mailer.js";
import { confirmReset, createReset, RESET_PAGE_PATH } from "../accounts/password-reset.js";
import { checkPassword, hashPassword } from "../accounts/passwords.js";
import { attemptKeys, countAttempt, forgiveAttempt } from "../accounts/rate-limit.js";
import { classifyDbError } from "../db/errors.js";
import { principalOf } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { clearSessionCookie, clientAddress } from "../http/session-cookie.js";
import type { RouteDeps } from "./route-deps.js";

const RESET_ACCEPTED = {
  status: "accepted",
  message: "If an account uses this email, a reset link is on its way to it.",
};
const SIGN_UP_ACCEPTED = {
  status: "accepted",
  message: "Check your mailbox: the next step is in the mail we sent.",
};
const RESEND_ACCEPTED = {
  status: "accepted",
  message: "If this email has an account still to confirm, a new link is on its way to it.",
};

export function accountRoutes(deps: RouteDeps, settings: AuthSettings): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const anyone = deps.access.allow(["anyone"]);
  const customerOnly = deps.access.allow(["customer"]);
  // After the answer, so its time tells nothing about the account.
  const mailVerification = async (
    to: string,
    customer: { id: string; name: string },
    welcome: boolean,
  ) => {
    const ttlMs = settings.verificationTtlMs;
    const link = await createVerificationLink(deps.db, settings.secret, customer.id, {
      nowMs: deps.now(),
      ttlMs,
      publicUrl: settings.publicUrl,
    });
    const mail = verificationMail(to, customer.name, link, { ttlMs, welcome });
    sendLater(settings.mailer, mail, deps.logger, "verification");
  };
  const limit = (c: Context, purpose: string, email: string) =>
    countAttempt(
      deps.db,
      attemptKeys(
        settings.secret,
        `${purpose}:${email}`,
        `${purpose}:${clientAddress(c, settings)}`,
      ),
      settings.limits,
      deps.now(),
    );

  app.post("/api/v1/customers", anyone, async (c) => {
    const body = parseMessage(
      customerSignUpSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    await limit(c, "signup", body.email);

    // Hashed first, so a taken email answers in the same time as a new one.
    const passwordHash = await hashPassword(body.password);
    const id = newId();
    const created = await deps.db
      .insert(customers)
      .values({
        id,
        email: body.email,
        name: body.name,
        phone: body.phone ?? null,
        passwordHash,
        createdAt: new Date(deps.now()),
      })
      .then(() => true)
      .catch((error: unknown) => {
        if (classifyDbError(error) === "duplicate_key") return false;
        throw error;
      });

    if (created) {
      // The link's row is written after the answer, so a new email answers as fast as a taken one.
      const customer = { id, name: body.name };
      runLater(deps.logger, "verification link", () =>
        mailVerification(body.email, customer, true),
      );
    } else {
      const mail = {
        subject: "OC Pizza: you already have an account",
        text:
          "Someone (you, probably) tried to create an account with this address, which " +
          `already has one. Forgot the password? Reset it at ` +
          `${settings.publicUrl}${RESET_PAGE_PATH}.\n`,
      };
      sendLater(settings.mailer, { to: body.email, ...mail }, deps.logger, "sign-up");
    }
    deps.logger.info({ created }, "customer sign-up");
    return c.json(SIGN_UP_ACCEPTED, 202);
  });

  app.post("/api/v1/auth/verify-email", anyone, async (c) => {
    const body = parseMessage(
      verifyEmailRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    const { customerId } = await confirmVerification(
      deps.pool,
      settings.secret,
      body.token,
      deps.now(),
    );
    deps.logger.info({ kind: "customer", subjectId: customerId }, "email verified");
    return c.json({ status: "verified", message: "Your email is confirmed. Thank you." });
  });

  app.post("/api/v1/auth/verify-email/resend", anyone, async (c) => {
    const body = parseMessage(
      verificationResendRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    await limit(c, "verify", body.email);

    // Looked up and written after the answer: its time tells nothing about the account.
    runLater(deps.logger, "verification resend", async () => {
      const customer = await findUnverifiedCustomer(deps.db, body.email);
      if (customer) await mailVerification(body.email, customer, false);
    });
    deps.logger.info("verification link asked");
    return c.json(RESEND_ACCEPTED, 202);
  });

  app.get("/api/v1/account/export", customerOnly, async (c) => {
    const customerId = signedInCustomer(c);
    const data = await exportCustomerData(deps.db, customerId, deps.now());
    const day = new Date(deps.now()).toISOString().slice(0, 10);
    c.header("content-disposition", `attachment; filename="ocpizza-my-data-${day}.json"`);
    c.header("cache-control", "no-store");
    deps.logger.info({ kind: "customer", subjectId: customerId }, "customer data exported");
    return c.json(data);
  });

  app.post("/api/v1/account/erase", customerOnly, async (c) => {
    const body = parseMessage(
      accountEraseRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    const account = await findAccountById(deps.db, "customer", signedInCustomer(c));
    if (!account) throw new HttpError(401, "unauthorized", "This account is closed.");

    // The password is a guess like any sign-in: same counters, same limits.
    const keys = attemptKeys(settings.secret, account.email, clientAddress(c, settings));
    await countAttempt(deps.db, keys, settings.limits, deps.now());
    if (!(await checkPassword(account.passwordHash, body.password))) {
      throw new HttpError(400, "invalid_credentials", "The password is wrong: type it again.");
    }
    await forgiveAttempt(deps.db, keys);

    const underWay = await orderUnderWay(deps.db, account.id);
    if (underWay) {
      throw new HttpError(
        409,
        "order_under_way",
        `Your order ${underWay} is still under way: erase your account once it is handed ` +
          "over, delivered or cancelled.",
        { orderId: underWay },
      );
    }
    const erased = await eraseCustomer(deps.pool, account.id, deps.now());
    clearSessionCookie(c, settings);
    deps.logger.info({ kind: "customer", subjectId: account.id, ...erased }, "customer erased");
    return c.json({
      status: "erased",
      message: "Your account is erased. The sales records the law requires stay, anonymous.",
      ordersAnonymised: erased.ordersStripped,
    });
  });

  app.post("/api/v1/auth/password-reset", anyone, async (c) => {
    const body = parseMessage(
      passwordResetRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    await limit(c, "reset", body.email);

    const account = await findAccountByEmail(deps.db, body.email, body.account);
    if (account) {
      const mail = await createReset(deps.db, settings.secret, account, {
        nowMs: deps.now(),
        ttlMs: settings.resetTtlMs,
        publicUrl: settings.publicUrl,
      });
      sendLater(settings.mailer, mail, deps.logger, "password reset");
    }
    deps.logger.info("password reset asked");
    return c.json(RESET_ACCEPTED, 202);
  });

  app.post("/api/v1/auth/password-reset/confirm", anyone, async (c) => {
    const body = parseMessage(
      passwordResetConfirmSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    const passwordHash = await hashPassword(body.newPassword);
    const subject = await confirmReset(
      deps.pool,
      settings.secret,
      body.token,
      passwordHash,
      deps.now(),
    );
    deps.logger.info({ kind: subject.kind, subjectId: subject.id }, "password reset");
    return c.json({ status: "changed", message: "Your password is changed: sign in with it." });
  });

  return app;
}

/** The customer id of the session (the route allows customers only). */
function signedInCustomer(c: Context<AppEnv>): string {
  const principal = principalOf(c);
  if (principal.kind !== "customer") throw new Error("customer route without a customer");
  return principal.id;
}
