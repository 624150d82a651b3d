/**
 * `npm run purge [-- --keep-days N]`
 * Deletes ended sessions, used or expired reset and verification tokens and
 * old sign-in counters, more than N days old (default 30), from the database
 * of DATABASE_URL; prints how many rows of each. The server does the same once
 * a day; this is for a cron job or a one-off. Running it again deletes nothing more.
 */
import "./env-file.js";
import { purgeExpiredAccountRows, PURGE_KEEP_DAYS } from "../accounts/purge.js";
import { ConfigError, loadConfig } from "../config.js";
import {
  createDb,
  createPool,
  DatabaseUnreachableError,
  parseDatabaseUrl,
} from "../db/connection.js";
import { describeFailure, parseArgs, UsageError } from "./args.js";

const USAGE = "usage: npm run purge [-- --keep-days N]   (N: 1 to 3650, default 30)";

try {
  const args = parseArgs(process.argv.slice(2), { "keep-days": "string" });
  const keepDays = args["keep-days"] === undefined ? PURGE_KEEP_DAYS : Number(args["keep-days"]);
  if (!Number.isInteger(keepDays) || keepDays < 1 || keepDays > 3650) {
    throw new UsageError(`--keep-days must be a whole number of days from 1 to 3650`);
  }
  const config = loadConfig();
  const pool = createPool(parseDatabaseUrl(config.databaseUrl), { size: 1 });
  try {
    const counts = await purgeExpiredAccountRows(createDb(pool), Date.now(), keepDays);
    console.log(
      `Purged rows older than ${keepDays} days: ${counts.sessions} sessions, ` +
        `${counts.passwordResets} reset links, ${counts.emailVerifications} verification ` +
        `links, ${counts.loginAttempts} sign-in counters.`,
    );
  } finally {
    await pool.end();
  }
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof ConfigError || error instanceof DatabaseUnreachableError) {
    console.error(error.message);
  } else {
    console.error(`purge failed: ${describeFailure(error)}`);
  }
  process.exitCode = 2;
}
