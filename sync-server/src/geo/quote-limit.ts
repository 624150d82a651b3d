/**
 * Rate limit of the delivery quote per client address: each quote may cost
 * a Geocoding and a Routes API call, paid per request. Fixed windows counted
 * in MySQL (rate_limit_counters) so the limit holds across server instances;
 * the address is stored only as a keyed hash.
 */
import { and, eq, sql } from "drizzle-orm";

import { rateLimitCounters } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { HttpError } from "../http/errors.js";

const BUCKET = "delivery_quote";

/** Counts one quote; throws 429 rate_limited past `max` in the window. */
export async function countQuote(
  db: Database,
  keyHash: string,
  limit: { max: number; windowMs: number },
  nowMs: number,
): Promise<void> {
  const now = new Date(nowMs);
  const windowOpenedAfter = new Date(nowMs - limit.windowMs);
  // `count` is assigned first and reads the old window_start: both IFs see the same row.
  await db.execute(sql`
    INSERT INTO rate_limit_counters (bucket, key_hash, window_start, count)
    VALUES (${BUCKET}, ${keyHash}, ${now}, 1)
    ON DUPLICATE KEY UPDATE
      count = IF(window_start <= ${windowOpenedAfter}, 1, count + 1),
      window_start = IF(window_start <= ${windowOpenedAfter}, ${now}, window_start)`);

  const [row] = await db
    .select()
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.bucket, BUCKET), eq(rateLimitCounters.keyHash, keyHash)));
  if (row && row.count > limit.max) {
    const waitMs = row.windowStart.getTime() + limit.windowMs - nowMs;
    const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
    throw new HttpError(
      429,
      "rate_limited",
      `Too many delivery quotes from this connection: wait ${retryAfterS} seconds.`,
      { retryAfterS },
    );
  }
}
