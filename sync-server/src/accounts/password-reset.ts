/**
 * Password reset by mail: a single-use token (stored as its keyed hash) sent
 * as a link to PUBLIC_URL; confirming it sets the new password and revokes
 * every session of the account, in one transaction.
 */
import type { Pool } from "mysql2/promise";
import { and, eq, gt, isNull } from "drizzle-orm";

import { passwordResets, type SubjectKind } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import { HttpError } from "../http/errors.js";
import { setPasswordHash, type Account } from "./accounts.js";
import { keyedHash, randomToken } from "./auth-settings.js";
import type { Mail } from "./mailer.js";
import { revokeAllSessions } from "./sessions.js";

/** The page of the app that reads `?token=` and posts it to password-reset/confirm. */
export const RESET_PAGE_PATH = "/reset-password";

export async function createReset(
  db: Database,
  secret: string,
  account: Account,
  options: { nowMs: number; ttlMs: number; publicUrl: string },
): Promise<Mail> {
  const token = randomToken();
  await db.insert(passwordResets).values({
    tokenHash: keyedHash(secret, "reset", token),
    subjectKind: account.kind,
    subjectId: account.id,
    createdAt: new Date(options.nowMs),
    expiresAt: new Date(options.nowMs + options.ttlMs),
  });
  const link = `${options.publicUrl}${RESET_PAGE_PATH}?token=${token}`;
  const minutes = Math.round(options.ttlMs / 60_000);
  return {
    to: account.email,
    subject: "OC Pizza: reset your password",
    text:
      `Hello ${account.name},\n\nTo choose a new password, open this link ` +
      `within ${minutes} minutes:\n\n` +
      `${link}\n\nIt works once. If you did not ask for it, ignore this mail: ` +
      "your password stays as it is.\n",
  };
}

/** Consumes the token and sets the new hash; every session of the account is revoked. */
export async function confirmReset(
  pool: Pool,
  secret: string,
  token: string,
  passwordHash: string,
  nowMs: number,
): Promise<{ kind: SubjectKind; id: string }> {
  const tokenHash = keyedHash(secret, "reset", token);
  const now = new Date(nowMs);

  return inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    // Flipping used_at is the check: only one request can consume the token.
    const [claim] = await db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, tokenHash),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      );
    if (claim.affectedRows !== 1) {
      throw new HttpError(
        400,
        "reset_token_invalid",
        "This reset link is unknown, expired or already used: ask for a new one.",
      );
    }

    const [row] = await db
      .select({ kind: passwordResets.subjectKind, id: passwordResets.subjectId })
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, tokenHash));
    await setPasswordHash(db, row.kind, row.id, passwordHash);
    await revokeAllSessions(db, row, nowMs);
    return row;
  });
}
