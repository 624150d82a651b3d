/**
 * The command-line tools read the settings `npm start` reads: the
 * repository's .env file, under whatever the shell already set. Imported
 * first by every tool, so DATABASE_URL, DATA_DIR and PORT there are the
 * server's own, not the defaults of another database or port.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";

export const ENV_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", ".env");

/** Adds the file's settings to env; a variable already set keeps its value. */
export function readEnvFile(file: string = ENV_FILE, env: NodeJS.ProcessEnv = process.env): void {
  if (!existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
    if (env[key] === undefined) env[key] = value;
  }
}

/** The local server the tools talk to without --server or SERVER_URL: this machine's PORT. */
export function defaultServer(env: NodeJS.ProcessEnv = process.env): string {
  return `http://127.0.0.1:${env.PORT?.trim() || "8080"}`;
}

readEnvFile();
