#!/usr/bin/env node
/**
 * `npm start`: the one command that runs OC Pizza on a fresh machine. It
 * installs the npm packages when missing, makes sure a MySQL-compatible
 * server answers (starting a private MariaDB under .data/ when none does
 * and MariaDB is installed), builds the counter app, then runs the sync
 * server, which creates, migrates and seeds the database.
 * Uses only Node's standard library, since it may run before `npm ci`.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { ensureDatabaseServer } from "./lib/database-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const skipBuild = process.argv.includes("--no-build");

if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));

run(
  "npm",
  ["ci", "--no-audit", "--no-fund"],
  !existsSync(join(root, "node_modules", ".package-lock.json")),
);
await ensureDatabaseServer(root, process.env.DATABASE_URL);
run("npm", ["run", "build", "-w", "pwa"], !skipBuild);

const server = spawn(
  join(root, "node_modules", ".bin", "tsx"),
  [join(root, "sync-server/src/main.ts")],
  {
    cwd: root,
    stdio: "inherit",
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function run(command, args, when) {
  if (!when) return;
  console.log(`> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`"${command} ${args.join(" ")}" failed (exit ${result.status}); see above.`);
    process.exit(result.status ?? 1);
  }
}
