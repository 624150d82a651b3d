#!/usr/bin/env node
/**
 * `npm test`: every test of the repo. Builds the counter app first (the
 * browser tests serve the real build), then runs all vitest projects:
 * schema, sync-server (real MariaDB), pwa, e2e (Debian's Chromium).
 * Extra arguments go to vitest, e.g. `npm test -- --project schema`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { ensureDatabaseServer } from "./lib/database-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);

await ensureDatabaseServer(
  root,
  process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/test",
);
step("npm", ["run", "build", "-w", "pwa"]);

// The JSON report gives the closing count line CI reads: "Tests: N passed, N failed".
const results = join(root, ".data", "vitest-results.json");
mkdirSync(dirname(results), { recursive: true });
const run = spawnSync(
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${results}`, ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
try {
  const summary = JSON.parse(readFileSync(results, "utf8"));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(
    `\nTests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`,
  );
} catch {
  console.log("\nTests: no results were written (see the output above)");
}
process.exit(run.status ?? 1);

function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
