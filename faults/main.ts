/**
 * `npm run test:faults`: the long randomized fault run, by hand.
 *   --seed N        replay a run (the seed is printed at the start and on failure)
 *   --duration 5m   how long the counters sell while faults happen (s, m; default 5m)
 *   --counters 3    how many counters sell (default 3)
 *   --faults a,b    only these faults (names in faults/faults.ts)
 *   --each-once     each fault once, then stop (as the short schedule of npm test)
 *   --cheap         leave out the slow faults (the backup restore, the wiped site)
 * Exits 1 when an invariant is broken, printing the seed and what broke.
 */
import { parseArgs } from "node:util";

import { newSeed } from "./random.js";
import { runFaultSuite, type RunReport } from "./run-faults.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    duration: { type: "string", default: "5m" },
    counters: { type: "string", default: "3" },
    faults: { type: "string" },
    "each-once": { type: "boolean", default: false },
    cheap: { type: "boolean", default: false },
  },
});

// Ctrl-C still runs the exit hooks that stop the private database and servers.
process.once("SIGINT", () => process.exit(130));

const seed = values.seed === undefined ? newSeed() : Number(values.seed);
const durationMs = parseDuration(values.duration ?? "5m");
console.log(`fault suite: seed ${seed}, ${values.duration}, ${values.counters} counters`);
const replay = [`--seed ${seed}`, `--duration ${values.duration}`, `--counters ${values.counters}`];
if (values.faults) replay.push(`--faults ${values.faults}`);
if (values["each-once"]) replay.push("--each-once");
if (values.cheap) replay.push("--cheap");
console.log(`replay with: npm run test:faults -- ${replay.join(" ")}`);

const report = await runFaultSuite({
  seed,
  durationMs,
  counters: Number(values.counters),
  faults: values.faults?.split(",").map((name) => name.trim()),
  eachOnce: values["each-once"],
  cheapOnly: values.cheap,
});
printReport(report);
process.exit(report.failures.length === 0 ? 0 : 1);

function printReport(report: RunReport): void {
  const byName = new Map<string, number>();
  for (const fault of report.faultsInjected)
    byName.set(fault.name, (byName.get(fault.name) ?? 0) + 1);
  console.log(`\norders taken: ${report.ordersTaken}`);
  console.log(`faults injected: ${report.faultsInjected.length}`);
  for (const [name, count] of byName) console.log(`  ${name}: ${count}`);
  if (report.salesRefused.length > 0)
    console.log(`sales refused by the screen: ${report.salesRefused.join("; ")}`);
  for (const result of report.results) {
    const verdict = result.skipped
      ? `skipped (${result.skipped})`
      : result.violations.length === 0
        ? "ok"
        : "BROKEN";
    console.log(`  [${verdict}] ${result.name}`);
    if (result.note) console.log(`      ${result.note}`);
    for (const violation of result.violations) console.log(`      ${violation}`);
  }
  console.log(
    report.failures.length === 0
      ? `\nnothing lost, nothing counted twice (seed ${report.seed})`
      : `\nFAILED with seed ${report.seed}: ${report.failures.length} violation(s)`,
  );
}

function parseDuration(text: string): number {
  const match = /^(\d+)(s|m)?$/.exec(text);
  if (!match) throw new Error(`--duration: use e.g. 90s or 5m, not ${text}`);
  return Number(match[1]) * (match[2] === "m" ? 60_000 : 1_000);
}
