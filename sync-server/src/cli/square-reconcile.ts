/**
 * `npm run square:reconcile -- --store ID --day YYYY-MM-DD`
 * Compares Square's card payments of one store's business day with ours
 * (DATABASE_URL and the SQUARE_* settings, as the server's), matches the
 * counter's offline card sales, prints every difference and raises one
 * square_mismatch alert per difference. Exits 1 when there are differences,
 * 2 when the run itself failed.
 */
import "./env-file.js";
import { ConfigError, loadConfig } from "../config.js";
import {
  createDb,
  createPool,
  DatabaseUnreachableError,
  parseDatabaseUrl,
} from "../db/connection.js";
import { createLogger } from "../logger.js";
import { ReconcileError, reconcileDay } from "../payments/reconcile.js";
import { createSquareDeps } from "../payments/square-deps.js";
import { parseArgs, UsageError } from "./args.js";

const USAGE = "usage: npm run square:reconcile -- --store ID --day YYYY-MM-DD";

try {
  const args = parseArgs(process.argv.slice(2), { store: "string", day: "string" });
  const storeId = typeof args.store === "string" ? args.store : "";
  const day = typeof args.day === "string" ? args.day : "";
  if (!storeId) throw new UsageError("--store is required");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new UsageError("--day must be YYYY-MM-DD");

  const config = loadConfig();
  if (!config.square.enabled) {
    throw new ConfigError(
      `Square is not configured (${config.square.reason}): set the SQUARE_* variables ` +
        "(docs/payments.md).",
    );
  }
  const pool = createPool(parseDatabaseUrl(config.databaseUrl), { size: 2 });
  try {
    const logger = createLogger(config.logLevel);
    const deps = createSquareDeps(createDb(pool), config.square.settings, logger);
    const label = config.square.settings.simulated ? " [SIMULATED Square]" : "";
    const report = await reconcileDay(deps, pool, storeId, day);

    console.log(
      `Store ${storeId}, business day ${day} (${report.fromIso} to ${report.toIso})${label}: ` +
        `${report.squarePayments} payment(s) at Square, ${report.ourPayments} here, ` +
        `${report.offlineMatched} offline card sale(s) found on Square.`,
    );
    if (report.differences.length === 0) {
      console.log("OK: no difference.");
    } else {
      console.log(`${report.differences.length} difference(s):`);
      for (const d of report.differences) console.log(`  - [${d.kind}] ${d.message}`);
      console.log(`${report.alertsRaised} new alert(s) raised for the managers.`);
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
  }
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (
    error instanceof ConfigError ||
    error instanceof DatabaseUnreachableError ||
    error instanceof ReconcileError
  ) {
    console.error(error.message);
  } else {
    console.error(
      `square:reconcile failed: ${error instanceof Error ? error.message.split("\n")[0] : error}`,
    );
  }
  process.exitCode = 2;
}
