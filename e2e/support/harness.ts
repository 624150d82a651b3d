/**
 * What every end-to-end test needs: its own MariaDB database, the real sync
 * server (built PWA included) as a child process on loopback, Debian's
 * Chromium driven by playwright-core, and SQL to check what reached MySQL.
 * Two staff members of every store are created with known PINs (E2E_CLERK,
 * E2E_MANAGER), so a paired counter can sign someone in before selling.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import mysql from "mysql2/promise";
import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser } from "playwright-core";

import { startServer, type ServerProcess } from "../../sync-server/bench/server-process.js";

const BASE_URL = process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306";

/** A staff member the harness creates through the admin API, with a PIN. */
export interface StaffSpec {
  name: string;
  role: "manager" | "counter" | "pizzaiolo" | "driver";
  pin: string;
  storeIds?: string[];
}

export const E2E_CLERK: StaffSpec = { name: "Camille Martin", role: "counter", pin: "4826" };
export const E2E_MANAGER: StaffSpec = { name: "Sacha Durand", role: "manager", pin: "7391" };

export interface Harness {
  databaseUrl: string;
  adminToken: string;
  port: number;
  /** The server's DATA_DIR (archives go to DATA_DIR/archives; the signing key pair is here). */
  dataDir: string;
  server: ServerProcess;
  sql: mysql.Pool;
  /** Starts the server again on the same port and database (after a kill). */
  restartServer(): Promise<void>;
  pairingCode(storeId?: string): Promise<string>;
  /** Creates a staff member (every store by default) and sets their PIN; returns their id. */
  createStaff(spec: StaffSpec): Promise<string>;
  /** Ids of E2E_CLERK and E2E_MANAGER in this harness's database. */
  staffIds: { clerk: string; manager: string };
  close(): Promise<void>;
}

/** Extra settings of the server (e.g. SMTP_URL of a fake mail server, COOKIE_SECURE). */
export interface HarnessOptions {
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const name = `ocp_e2e_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const databaseUrl = `${BASE_URL}/${name}`;
  const adminToken = randomBytes(24).toString("hex");
  const port = 19_000 + Math.floor(Math.random() * 900);
  const dataDir = mkdtempSync(join(tmpdir(), "ocp-e2e-"));
  const env = {
    DATABASE_URL: databaseUrl,
    ADMIN_TOKEN: adminToken,
    DATA_DIR: dataDir,
    ...options.env,
  };
  const harness: Harness = {
    databaseUrl,
    adminToken,
    port,
    dataDir,
    server: await startServer(env, port),
    sql: mysql.createPool({ uri: databaseUrl, timezone: "Z", connectionLimit: 2 }),
    async restartServer() {
      harness.server = await startServer(env, port);
      const health = await fetch(`${harness.server.url}/health`).catch(() => null);
      if (!health?.ok) throw new Error(`the restarted server is not healthy: ${health?.status}`);
    },
    async pairingCode(storeId = "bastille") {
      const response = await fetch(`${harness.server.url}/api/v1/admin/pairing-codes`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ storeId }),
      });
      if (!response.ok)
        throw new Error(`pairing code: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { code: string }).code;
    },
    async createStaff(spec) {
      const admin = (path: string, method: string, body: unknown) =>
        fetch(`${harness.server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const created = await admin("/api/v1/admin/staff", "POST", {
        email: `${spec.name.toLowerCase().replace(/\W+/g, ".")}@ocpizza.test`,
        name: spec.name,
        role: spec.role,
        storeIds: spec.storeIds ?? ["*"],
        // Managers sign in on the manager screens too: they need a password.
        ...(spec.role === "manager" && { password: randomBytes(18).toString("base64url") }),
      });
      if (created.status !== 201) {
        throw new Error(`staff: ${created.status} ${await created.text()}`);
      }
      const { staff } = (await created.json()) as { staff: { id: string } };
      const pin = await admin(`/api/v1/admin/staff/${staff.id}/pin`, "PUT", { pin: spec.pin });
      if (pin.status !== 200) throw new Error(`PIN: ${pin.status} ${await pin.text()}`);
      return staff.id;
    },
    staffIds: { clerk: "", manager: "" },
    async close() {
      await harness.server.stop();
      await harness.sql.end();
      const admin = await mysql.createConnection(BASE_URL);
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  harness.staffIds = {
    clerk: await harness.createStaff(E2E_CLERK),
    manager: await harness.createStaff(E2E_MANAGER),
  };
  return harness;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The harness and a Chromium for one test file: started in `beforeAll`, handed
 * to `ready`, closed in `afterAll` (registered first, so a file's own
 * `afterAll` hooks, such as closing its browser contexts, run before).
 */
export function useHarnessAndBrowser(
  ready: (harness: Harness, browser: Browser) => void,
  options: HarnessOptions | (() => HarnessOptions) = {},
): void {
  let harness: Harness | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    harness = await startHarness(typeof options === "function" ? options() : options);
    browser = await launchChromium();
    ready(harness, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });
}
