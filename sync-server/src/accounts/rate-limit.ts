/**
 * Sign-in rate limits per account and per client address, in fixed windows
 * counted in MySQL so they hold across every server instance. Each attempt
 * is counted atomically before the password is checked; a success clears
 * the account's counter and takes its own attempt back from the address's.
 */
import { and, eq, inArray, sql } from "drizzle-orm";

import { loginAttempts } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { HttpError } from "../http/errors.js";
import { keyedHash, type RateLimits } from "./auth-settings.js";

export interface AttemptKeys {
  account: string;
  address: string;
}

export function attemptKeys(secret: string, email: string, address: string): AttemptKeys {
  return {
    account: keyedHash(secret, "login-account", email),
    address: keyedHash(secret, "login-address", address),
  };
}

/** Counts one attempt on both keys; throws 429 rate_limited when either is over its limit. */
export async function countAttempt(
  db: Database,
  keys: AttemptKeys,
  limits: RateLimits,
  nowMs: number,
): Promise<void> {
  const now = new Date(nowMs);
  const windowOpenedAfter = new Date(nowMs - limits.windowMs);
  for (const [kind, hash] of [
    ["account", keys.account],
    ["address", keys.address],
  ] as const) {
    // `count` is assigned first and reads the old window_start: both IFs see the same row.
    await db.execute(sql`
      INSERT INTO login_attempts (key_kind, key_hash, window_start, count)
      VALUES (${kind}, ${hash}, ${now}, 1)
      ON DUPLICATE KEY UPDATE
        count = IF(window_start <= ${windowOpenedAfter}, 1, count + 1),
        window_start = IF(window_start <= ${windowOpenedAfter}, ${now}, window_start)`);
  }

  const rows = await db
    .select()
    .from(loginAttempts)
    .where(inArray(loginAttempts.keyHash, [keys.account, keys.address]));
  let retryAfterMs = 0;
  for (const row of rows) {
    const max = row.keyKind === "account" ? limits.perAccount : limits.perAddress;
    if (row.count > max) {
      const waitMs = row.windowStart.getTime() + limits.windowMs - nowMs;
      retryAfterMs = Math.max(retryAfterMs, waitMs);
    }
  }
  if (retryAfterMs > 0) {
    const retryAfterS = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new HttpError(
      429,
      "rate_limited",
      `Too many sign-in attempts: wait ${retryAfterS} seconds, or reset the password by mail.`,
      { retryAfterS },
    );
  }
}

/** After a success: the account starts afresh, the address only counts its failures. */
export async function forgiveAttempt(db: Database, keys: AttemptKeys): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.keyKind, "account"), eq(loginAttempts.keyHash, keys.account)));
  await db
    .update(loginAttempts)
    .set({ count: sql`GREATEST(${loginAttempts.count} - 1, 0)` })
    .where(and(eq(loginAttempts.keyKind, "address"), eq(loginAttempts.keyHash, keys.address)));
}
