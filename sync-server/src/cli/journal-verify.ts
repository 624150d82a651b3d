/**
 * `npm run journal:verify [-- --store ID]`
 * Checks every register's chain of tickets and every store's chain of
 * closings in MySQL (DATABASE_URL, default as the server's), names each
 * ticket or closing altered, removed or inserted, and exits 1 if any.
 */
import "./env-file.js";
import { ConfigError, loadConfig } from "../config.js";
import {
  createDb,
  createPool,
  DatabaseUnreachableError,
  parseDatabaseUrl,
} from "../db/connection.js";
import { verifyJournal } from "../journal/verify-journal.js";
import { describeFailure, parseArgs, UsageError } from "./args.js";

const USAGE = "usage: npm run journal:verify [-- --store ID]";

try {
  const args = parseArgs(process.argv.slice(2), { store: "string" });
  const config = loadConfig();
  const pool = createPool(parseDatabaseUrl(config.databaseUrl), { size: 2 });
  try {
    const storeId = typeof args.store === "string" ? args.store : null;
    const problems = await verifyJournal(createDb(pool), storeId);
    const scope = storeId ? `store ${storeId}` : "every store";
    if (problems.length === 0) {
      console.log(`OK: the journal and closings of ${scope} are intact.`);
    } else {
      console.log(`The journal of ${scope} has ${problems.length} problem(s):`);
      for (const problem of problems) console.log(`  - ${problem}`);
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
  }
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof ConfigError || error instanceof DatabaseUnreachableError) {
    console.error(error.message);
  } else {
    console.error(`journal:verify failed: ${describeFailure(error)}`);
  }
  process.exitCode = 2;
}
