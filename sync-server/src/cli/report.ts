/**
 * `npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--store ID] [--server URL] [--json]`
 * Asks the server for the synced sales over those business days and prints
 * them as one JSON object (--json) or as readable tables.
 */
import { defaultServer } from "./env-file.js";
import type { SalesBreakdown, SalesReport } from "@ocpizza/schema";

import { ApiError, callApi, readAdminToken } from "./api-client.js";
import { parseArgs, UsageError } from "./args.js";

const USAGE =
  "usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--store ID] [--server URL] [--json]";
const DAY = /^\d{4}-\d{2}-\d{2}$/;

try {
  const args = parseArgs(process.argv.slice(2), {
    from: "string",
    to: "string",
    store: "string",
    server: "string",
    json: "boolean",
  });
  if (!DAY.test(String(args.from)) || !DAY.test(String(args.to))) {
    throw new UsageError("--from and --to are required, as YYYY-MM-DD");
  }
  const query = new URLSearchParams({ from: String(args.from), to: String(args.to) });
  if (args.store) query.set("storeId", String(args.store));
  const server = String(args.server ?? process.env.SERVER_URL ?? defaultServer());
  const report = await callApi<SalesReport>(server, `/api/v1/reports/sales?${query}`, {
    token: readAdminToken(),
  });
  console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof ApiError) console.error(`report failed: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}

function formatReport(report: SalesReport): string {
  const euros = (cents: number) => (cents / 100).toFixed(2);
  const table = (title: string, rows: Record<string, SalesBreakdown>) => [
    "",
    title,
    ...Object.entries(rows)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([key, r]) =>
          `  ${key.padEnd(12)} ${String(r.orders).padStart(7)} orders ` +
          `${String(r.items).padStart(7)} items ${euros(r.revenueCents).padStart(12)} EUR`,
      ),
  ];
  const vat = Object.entries(report.vatByRate)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(
      ([rate, r]) =>
        `  ${(rate + " %").padEnd(12)} TTC ${euros(r.revenueCents).padStart(12)}  HT ` +
        `${euros(r.netCents).padStart(12)}  TVA ${euros(r.vatCents).padStart(10)}`,
    );
  const unsynced = report.unsyncedDevices.map(
    (d) =>
      `  ${d.name}: ${d.pending} unsynced order(s)` +
      (d.oldestPendingAtMs ? ` since ${new Date(d.oldestPendingAtMs).toISOString()}` : ""),
  );
  return [
    `Sales ${report.from} to ${report.to}` +
      (report.storeId ? ` (store ${report.storeId})` : " (all stores)"),
    `  orders ${report.orders}, lines ${report.lines}, items ${report.items}, revenue ` +
      `${euros(report.revenueCents)} EUR`,
    ...(report.creditNotes?.count
      ? [
          `  credit notes ${report.creditNotes.count} ` +
            `(${euros(report.creditNotes.totalCents)} EUR, included above)`,
        ]
      : []),
    ...table("By month", report.byMonth),
    ...table("By category", report.byCategory),
    "",
    "VAT by rate",
    ...vat,
    ...(unsynced.length ? ["", "Not yet synced (figures may still move)", ...unsynced] : []),
  ].join("\n");
}
