/**
 * Starts the real sync server as a child process on loopback for
 * benchmarks and end-to-end runs, waits until it answers, and reads its
 * peak memory (VmHWM) from /proc when asked.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { REPO_ROOT } from "../src/cli/api-client.js";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  peakRssBytes(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(
  env: Record<string, string>,
  port: number,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "sync-server/src/main.ts")],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with code ${child.exitCode} at start`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    child,
    peakRssBytes() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      return match ? Number(match[1]) * 1024 : NaN;
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
