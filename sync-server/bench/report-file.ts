/**
 * Keeps docs/benchmarks.md up to date: each benchmark owns one section,
 * replaced on every run, stamped with the date and the machine.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

import { REPO_ROOT } from "../src/cli/api-client.js";

const FILE = join(REPO_ROOT, "docs/benchmarks.md");
const HEADER = `# Benchmarks

Figures written by the benchmark scripts (\`npm run bench:*\`); each section is
replaced when its script runs again. Every figure stands beside a baseline
measured in the same run, so the ratio is what to compare across machines.
Benchmarks never run in CI.
`;

export function writeBenchmarkSection(name: string, body: string): void {
  const current = existsSync(FILE) ? readFileSync(FILE, "utf8") : HEADER;
  const stamp =
    `Run ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`;
  const section = `## ${name}\n\n${stamp}\n\n${body.trim()}\n`;
  const pattern = new RegExp(
    `## ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n[\\s\\S]*?(?=\\n## |$)`,
  );
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(FILE, next);
}
