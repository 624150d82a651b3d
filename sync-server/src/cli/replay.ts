/**
 * `npm run replay -- --orders FILE --details FILE [--devices N] [--server URL]
 *  [--store ID] [--mode takeaway|eat_in|delivery] [--batch N]`
 * Replays Pizza Place sales files through the sync API (see replay-run.ts).
 */
import { defaultServer } from "./env-file.js";
import { resolve } from "node:path";

import { serviceModeSchema } from "@ocpizza/schema";

import { ApiError, readAdminToken } from "./api-client.js";
import { parseArgs, UsageError } from "./args.js";
import { replay } from "./replay-run.js";
import { CsvError } from "../csv.js";

const USAGE =
  "usage: npm run replay -- --orders FILE --details FILE [--devices N] [--server URL] " +
  "[--store ID] [--mode takeaway|eat_in|delivery] [--batch N]";

try {
  const args = parseArgs(process.argv.slice(2), {
    orders: "string",
    details: "string",
    devices: "string",
    server: "string",
    store: "string",
    mode: "string",
    batch: "string",
  });
  if (!args.orders || !args.details) throw new UsageError("--orders and --details are required");
  const devices = Number(args.devices ?? 2);
  const batchSize = Number(args.batch ?? 100);
  if (!Number.isInteger(devices) || devices < 1 || devices > 50)
    throw new UsageError("--devices must be 1 to 50");
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500)
    throw new UsageError("--batch must be 1 to 500");
  const mode = serviceModeSchema.safeParse(args.mode ?? "takeaway");
  if (!mode.success) throw new UsageError("--mode must be takeaway, eat_in or delivery");
  if (mode.data === "delivery")
    throw new UsageError("--mode delivery needs customer addresses, which the data set lacks");

  const summary = await replay({
    server: String(args.server ?? process.env.SERVER_URL ?? defaultServer()),
    ordersFile: resolve(process.env.INIT_CWD ?? process.cwd(), String(args.orders)),
    detailsFile: resolve(process.env.INIT_CWD ?? process.cwd(), String(args.details)),
    storeId: String(args.store ?? "bastille"),
    devices,
    mode: mode.data,
    batchSize,
    adminToken: readAdminToken(),
    log: (line) => console.log(line),
  });

  for (const problem of summary.problems.slice(0, 20)) console.warn(`warning: ${problem}`);
  if (summary.problems.length > 20)
    console.warn(`warning: ${summary.problems.length - 20} more problems`);
  const outcomes =
    Object.entries(summary.outcomes)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ") || "nothing pushed";
  console.log(
    `${summary.orders} orders, ${summary.lines} lines, ${summary.items} items, ` +
      `${(summary.totalCents / 100).toFixed(2)} EUR pushed in ` +
      `${(summary.elapsedMs / 1000).toFixed(1)} s: ${outcomes}` +
      (summary.problems.length
        ? ` (${summary.problems.length} warning(s) above: those rows were skipped)`
        : ""),
  );
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof ApiError)
    console.error(
      `replay failed: ${error.message}${error.code.startsWith("http") ? "" : ` (${error.code})`}`,
    );
  else if (error instanceof CsvError) console.error(`replay failed: ${error.message}`);
  else if (error instanceof Error && "code" in error && error.code === "ENOENT")
    console.error(`replay failed: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
