/**
 * Runs an ops shell script as cron or an operator would, with the
 * environment a test gives it, and returns its exit status and output.
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const OPS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_DIR = join(OPS_DIR, "..");

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runScript(
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(OPS_DIR, script), args, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C.UTF-8", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
