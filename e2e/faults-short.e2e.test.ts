/**
 * The fault suite's short fixed schedule, part of `npm test`: two counters
 * sell while one cheap fault of every kind happens once (network, server,
 * database, device), then every invariant of faults/invariants.ts is checked.
 * The long randomized schedule runs by hand: `npm run test:faults`.
 */
import { describe, expect, it } from "vitest";

import { runFaultSuite } from "../faults/run-faults.js";

/** Fixed, so a CI failure replays with `npm run test:faults -- --seed 20261204 ...`. */
const SEED = 20_261_204;

const SHORT_SCHEDULE = [
  "network-flap",
  "network-drop-mid-response",
  "browser-offline",
  "server-killed-mid-push",
  "one-of-two-servers-killed",
  "database-restarted-mid-transaction",
  "row-lock-held",
  "tab-closed-mid-sync",
  "two-tabs",
  "conflicting-cancel",
  "clock-skew",
  "app-updated-with-pending-outbox",
];

describe("the short fault schedule", () => {
  it(
    "loses and counts twice nothing while one fault of each kind hits two counters",
    async () => {
      const lines: string[] = [];
      const report = await runFaultSuite({
        seed: SEED,
        durationMs: 60_000,
        counters: 2,
        faults: SHORT_SCHEDULE,
        eachOnce: true,
        log: (line) => lines.push(line),
      });

      const summary =
        `seed ${report.seed}: ${report.ordersTaken} orders taken, ` +
        `${report.faultsInjected.length} faults injected\n${lines.join("\n")}`;
      console.log(
        `fault suite, seed ${report.seed}: ${report.ordersTaken} orders taken, ` +
          `${report.faultsInjected.length} faults injected, ${report.failures.length} violations`,
      );
      expect(report.failures, summary).toEqual([]);
      expect(report.faultsInjected.map((f) => f.name).sort()).toEqual([...SHORT_SCHEDULE].sort());
      expect(report.ordersTaken, summary).toBeGreaterThanOrEqual(15);
      const checked = report.results.filter((r) => !r.skipped).map((r) => r.name);
      expect(checked.length, "invariants that ran").toBeGreaterThanOrEqual(6);
    },
    10 * 60_000,
  );
});
