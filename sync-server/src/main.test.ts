/**
 * Tests of the server process itself: the one-line failure without MySQL, and a
 * real start (create, migrate, seed, health) and clean stop on SIGTERM.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REPO_ROOT } from "./config.js";

const TSX = join(REPO_ROOT, "node_modules", ".bin", "tsx");
const MAIN = join(REPO_ROOT, "sync-server", "src", "main.ts");
const server = new URL(process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306");
const database = `ocp_t_main_${randomBytes(4).toString("hex")}`;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "ocp-main-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  const admin = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: "root",
  });
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
});

function start(env: Record<string, string>) {
  const child = spawn(TSX, [MAIN], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PWA_DIST: join(dataDir, "no-dist"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (output.stdout += chunk));
  child.stderr.on("data", (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output, exited };
}

async function waitFor(
  read: () => string,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the server process", () => {
  it("prints one line and exits 1 when no MySQL answers", async () => {
    const { output, exited } = start({
      DATABASE_URL: "mysql://root@127.0.0.1:1/pizzeria_management",
    });

    expect(await exited).toBe(1);
    const lines = output.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /No MySQL server answers at 127\.0\.0\.1:1 .*start MariaDB or MySQL.*DATABASE_URL/,
    );
  });

  it("refuses to start in production without its secrets, naming each on one line", async () => {
    const { output, exited } = start({ NODE_ENV: "production", SESSION_SECRET: "too-short" });

    expect(await exited).toBe(1);
    const lines = output.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ADMIN_TOKEN is not set; SESSION_SECRET is 9 characters long/);
    expect(lines[0]).toMatch(/ARCHIVE_SIGNING_KEY is not set/);
    expect(lines[0]).not.toContain("too-short");
  });

  it("creates, migrates and seeds its database, serves health, and stops cleanly on SIGTERM", async () => {
    const url = new URL(server);
    url.pathname = `/${database}`;
    const { child, output, exited } = start({
      DATABASE_URL: url.toString(),
      PORT: "0",
      LOG_LEVEL: "info",
    });

    const [, address] = await waitFor(() => output.stdout, /"url":"(http:\/\/[^"]+)"/);
    const health = await fetch(`${address}/health`);
    const stores = (await (await fetch(`${address}/api/v1/stores`)).json()) as {
      stores: unknown[];
    };
    const home = await fetch(`${address}/`);
    child.kill("SIGTERM");

    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
    expect(stores.stores).toHaveLength(5);
    expect(await home.text()).toMatch(/npm run build/);
    expect(await exited).toBe(0);
    expect(output.stdout).toContain(join(dataDir, "admin-token"));
    expect(output.stdout).toMatch(/"msg":"stopped"/);
    expect(output.stderr).toBe("");
  });
});
