/**
 * The New Relic agent for real, as ops/bin/ocpizza-server loads it when a
 * licence key is set: the server starts with it, answers, and turns its
 * sync metrics on. The agent may only reach loopback: its collector is
 * pointed at a closed local port and cloud detection is off.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";

import { waitUntilReady } from "../test-support/stack.js";
import { OPS_DIR } from "../test-support/run-script.js";

const SERVER_URL = process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306";
const database = `ocp_nr_${randomBytes(4).toString("hex")}`;
const dir = mkdtempSync(join(tmpdir(), "ocp-newrelic-"));

const LOOPBACK_ONLY = [
  "NEW_RELIC_HOST=127.0.0.1",
  "NEW_RELIC_PORT=9",
  ...["AWS", "AZURE", "AZUREFUNCTION", "GCP", "PCF", "DOCKER", "KUBERNETES"].map(
    (cloud) => `NEW_RELIC_UTILIZATION_DETECT_${cloud}=false`,
  ),
];

afterAll(async () => {
  const admin = await mysql.createConnection(SERVER_URL);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

describe("New Relic", () => {
  it("is loaded at start when the licence key is set, and the sync metrics turn on", async () => {
    const envFile = join(dir, "ocpizza.env");
    writeFileSync(
      envFile,
      [
        `DATABASE_URL=${SERVER_URL}/${database}`,
        `ADMIN_TOKEN=${randomBytes(24).toString("hex")}`,
        `DATA_DIR=${dir}`,
        "LOG_LEVEL=info",
        `NEW_RELIC_LICENSE_KEY=${"0".repeat(40)}`,
        ...LOOPBACK_ONLY,
      ].join("\n"),
    );
    const port = 19_600 + Math.floor(Math.random() * 200);
    const server = spawn(join(OPS_DIR, "bin", "ocpizza-server"), [], {
      env: { PATH: process.env.PATH, OCPIZZA_ENV_FILE: envFile, OCPIZZA_PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout.on("data", (chunk) => (output += chunk));
    const exited = new Promise((resolve) => server.once("exit", resolve));
    try {
      await waitUntilReady(port, 40_000);
    } finally {
      server.kill("SIGTERM");
      await exited;
    }

    expect(output).toContain("Using New Relic for Node.js");
    expect(output).toContain("New Relic agent loaded: sync lag and queue depth are reported");
  });
});
