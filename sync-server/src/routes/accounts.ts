/**
 * Account endpoints that need no session: customer sign-up and password
 * reset by mail. Both answer 202 with the same body whether or not the email
 * has an account; what differs goes only to that mailbox.
 */
import type { Context } from "hono";
import { Hono } from "hono";

import {
  customerSignUpSchema,
  newId,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
} from "@ocpizza/schema";
import { customers } from "@ocpizza/schema/db";

import { findAccountByEmail } from "../accounts/accounts.js";
import type { AuthSettings } from "../accounts/auth-settings.js";
import { sendLater } from "../accounts/mailer.js";
import { confirmReset, createReset, RESET_PAGE_PATH } from "../accounts/password-reset.js";
import { hashPassword } from "../accounts/passwords.js";
import { attemptKeys, countAttempt } from "../accounts/rate-limit.js";
import { classifyDbError } from "../db/errors.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { clientAddress } from "../http/session-cookie.js";
import type { RouteDeps } from "./route-deps.js";

const RESET_ACCEPTED = {
  status: "accepted",
  message: "If an account uses this email, a reset link is on its way to it.",
};
const SIGN_UP_ACCEPTED = {
  status: "accepted",
  message: "Check your mailbox: the next step is in the mail we sent.",
};

export function accountRoutes(deps: RouteDeps, settings: AuthSettings): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const anyone = deps.access.allow(["anyone"]);
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
    const created = await deps.db
      .insert(customers)
      .values({
        id: newId(),
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

    const mail = created
      ? {
          subject: "OC Pizza: welcome",
          text:
            `Hello ${body.name},\n\n` +
            `Your account is ready: sign in at ${settings.publicUrl}/.\n`,
        }
      : {
          subject: "OC Pizza: you already have an account",
          text:
            "Someone (you, probably) tried to create an account with this address, which " +
            `already has one. Forgot the password? Reset it at ` +
            `${settings.publicUrl}${RESET_PAGE_PATH}.\n`,
        };
    sendLater(settings.mailer, { to: body.email, ...mail }, deps.logger, "sign-up");
    deps.logger.info({ created }, "customer sign-up");
    return c.json(SIGN_UP_ACCEPTED, 202);
  });

  app.post("/api/v1/auth/password-reset", anyone, async (c) => {
    const body = parseMessage(
      passwordResetRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    await limit(c, "reset", body.email);

    const account = await findAccountByEmail(deps.db, body.email);
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
