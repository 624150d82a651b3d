/**
 * The daily purge of account rows nobody needs any more: sessions that ended
 * (expired or revoked), reset and verification tokens used or expired, and
 * sign-in counters whose window opened, all more than `keepDays` ago (30 by
 * default: a month to look into a sign-in or reset afterwards). Running it
 * twice deletes nothing more. Staff, customers and sales rows are never touched.
 */
import { and, isNotNull, lt, or } from "drizzle-orm";
import type { Logger } from "pino";

import { emailVerifications, loginAttempts, passwordResets, sessions } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export const PURGE_KEEP_DAYS = 30;
/** How often the server purges: once a day. */
export const PURGE_EVERY_MS = 24 * 3_600_000;
/** The first purge after the server starts (not at once: starting stays quick). */
export const FIRST_PURGE_AFTER_MS = 10 * 60_000;

export interface PurgeCounts {
  sessions: number;
  passwordResets: number;
  emailVerifications: number;
  loginAttempts: number;
}

export async function purgeExpiredAccountRows(
  db: Database,
  nowMs: number,
  keepDays = PURGE_KEEP_DAYS,
): Promise<PurgeCounts> {
  const cutoff = new Date(nowMs - keepDays * 24 * 3_600_000);

  const [ended] = await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, cutoff),
        and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, cutoff)),
      ),
    );
  const [resets] = await db
    .delete(passwordResets)
    .where(
      or(
        lt(passwordResets.expiresAt, cutoff),
        and(isNotNull(passwordResets.usedAt), lt(passwordResets.usedAt, cutoff)),
      ),
    );
  const [verifications] = await db
    .delete(emailVerifications)
    .where(
      or(
        lt(emailVerifications.expiresAt, cutoff),
        and(isNotNull(emailVerifications.usedAt), lt(emailVerifications.usedAt, cutoff)),
      ),
    );
  const [attempts] = await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, cutoff));

  return {
    sessions: ended.affectedRows,
    passwordResets: resets.affectedRows,
    emailVerifications: verifications.affectedRows,
    loginAttempts: attempts.affectedRows,
  };
}

/**
 * Purges once a day in the background of the server process. The timers are
 * unref'd (they never keep the process alive); the returned function stops them.
 */
export function startDailyPurge(
  db: Database,
  logger: Logger,
  now: () => number = Date.now,
): () => void {
  const run = () => {
    purgeExpiredAccountRows(db, now())
      .then((counts) => logger.info(counts, "purged expired account rows"))
      .catch((error: unknown) => {
        const code = (error as { code?: unknown }).code;
        logger.warn({ code: typeof code === "string" ? code : undefined }, "purge failed");
      });
  };
  const first = setTimeout(run, FIRST_PURGE_AFTER_MS);
  const daily = setInterval(run, PURGE_EVERY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
