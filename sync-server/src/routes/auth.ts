/**
 * Signing in and out with a session cookie: login (staff or customer by
 * email and password, rate-limited), logout, logout-all, me, and password
 * change. Answers never tell whether an email has an account.
 */
import { Hono } from "hono";

import { loginRequestSchema, passwordChangeRequestSchema } from "@ocpizza/schema";

import {
  findAccountById,
  findAccountByEmail,
  loadProfile,
  setPasswordHash,
} from "../accounts/accounts.js";
import type { AuthSettings } from "../accounts/auth-settings.js";
import { checkPassword, hashPassword } from "../accounts/passwords.js";
import { attemptKeys, forgiveAttempt, countAttempt } from "../accounts/rate-limit.js";
import {
  findSession,
  openSession,
  revokeAllSessions,
  revokeSession,
} from "../accounts/sessions.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import {
  clearSessionCookie,
  clientAddress,
  readSessionCookie,
  writeSessionCookie,
} from "../http/session-cookie.js";
import type { RouteDeps } from "./route-deps.js";

const WRONG_CREDENTIALS = "Wrong email or password (or no password set for this account).";

export function authRoutes(deps: RouteDeps, settings: AuthSettings): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const signedIn = deps.access.allow(["customer", "staff"]);
  const anyone = deps.access.allow(["anyone"]);

  app.post("/api/v1/auth/login", anyone, async (c) => {
    const body = parseMessage(loginRequestSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    const nowMs = deps.now();

    // Counted before the password is checked, for known and unknown emails alike.
    const keys = attemptKeys(settings.secret, body.email, clientAddress(c, settings));
    await countAttempt(deps.db, keys, settings.limits, nowMs);
    const account = await findAccountByEmail(deps.db, body.email, body.account);
    const ok = await checkPassword(account?.passwordHash ?? null, body.password);
    if (!account || !ok) {
      deps.logger.info("sign-in refused");
      throw new HttpError(401, "invalid_credentials", WRONG_CREDENTIALS);
    }

    await forgiveAttempt(deps.db, keys);
    const session = await openSession(deps.db, settings.secret, account, {
      nowMs,
      ttlMs: settings.sessionTtlMs,
      userAgent: c.req.header("user-agent"),
    });
    writeSessionCookie(c, settings, session.token, session.expiresAtMs, nowMs);
    deps.logger.info({ kind: account.kind, subjectId: account.id }, "signed in");
    return c.json({
      account: await loadProfile(deps.db, account),
      expiresAtMs: session.expiresAtMs,
    });
  });

  app.post("/api/v1/auth/logout", anyone, async (c) => {
    const token = readSessionCookie(c, settings);
    const session = token ? await findSession(deps.db, settings.secret, token, deps.now()) : null;
    if (session) await revokeSession(deps.db, session.sessionId, deps.now());
    clearSessionCookie(c, settings);
    return c.body(null, 204);
  });

  app.post("/api/v1/auth/logout-all", signedIn, async (c) => {
    const session = c.get("session")!;
    const subject = { kind: session.kind, id: session.subjectId };
    const revoked = await revokeAllSessions(deps.db, subject, deps.now());
    clearSessionCookie(c, settings);
    deps.logger.info(
      { kind: session.kind, subjectId: session.subjectId, revoked },
      "signed out everywhere",
    );
    return c.json({ revokedSessions: revoked });
  });

  app.get("/api/v1/auth/me", signedIn, async (c) => {
    const session = c.get("session")!;
    const account = await findAccountById(deps.db, session.kind, session.subjectId);
    if (!account)
      throw new HttpError(401, "unauthorized", "This account is closed: sign in again.");
    return c.json({
      account: await loadProfile(deps.db, account),
      expiresAtMs: session.expiresAtMs,
    });
  });

  app.post("/api/v1/auth/password", signedIn, async (c) => {
    const body = parseMessage(
      passwordChangeRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    const session = c.get("session")!;
    const nowMs = deps.now();
    const account = await findAccountById(deps.db, session.kind, session.subjectId);
    if (!account)
      throw new HttpError(401, "unauthorized", "This account is closed: sign in again.");

    // The current password is a guess like any sign-in: same counters.
    const keys = attemptKeys(settings.secret, account.email, clientAddress(c, settings));
    await countAttempt(deps.db, keys, settings.limits, nowMs);
    if (!(await checkPassword(account.passwordHash, body.currentPassword))) {
      throw new HttpError(
        400,
        "invalid_credentials",
        "The current password is wrong: type it again.",
      );
    }

    await forgiveAttempt(deps.db, keys);
    await setPasswordHash(deps.db, account.kind, account.id, await hashPassword(body.newPassword));
    const revoked = await revokeAllSessions(deps.db, account, nowMs, session.sessionId);
    deps.logger.info({ kind: account.kind, subjectId: account.id, revoked }, "password changed");
    return c.json({ revokedSessions: revoked });
  });

  return app;
}
