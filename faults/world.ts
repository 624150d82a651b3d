/**
 * Everything a fault run stands on: a private MariaDB, two sync server
 * instances on it behind one loopback proxy address, a copy of the built PWA
 * they serve (so an update can be deployed), Chromium, and the staff the
 * counters sign in as. `close()` stops what it started and deletes its folders.
 */
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import mysql from "mysql2/promise";
import type { Browser } from "playwright-core";

import { E2E_CLERK, E2E_MANAGER, launchChromium, type StaffSpec } from "../e2e/support/harness.js";
import { startServer, type ServerProcess } from "../sync-server/bench/server-process.js";
import { PrivateDatabase } from "./private-database.js";
import { TcpProxy } from "./tcp-proxy.js";

export const DATABASE = "ocp_faults";
export const STORE = "bastille";

export interface ServerSlot {
  port: number;
  process: ServerProcess | null;
}

export class World {
  readonly database: PrivateDatabase;
  readonly proxy: TcpProxy;
  readonly servers: ServerSlot[];
  readonly adminToken = randomBytes(24).toString("hex");
  readonly dataDir = mkdtempSync(join(tmpdir(), "ocp-faults-data-"));
  /** The PWA the servers serve: a copy of pwa/dist, replaced to deploy an update. */
  readonly pwaDir = mkdtempSync(join(tmpdir(), "ocp-faults-pwa-"));
  browser!: Browser;
  sql!: mysql.Pool;

  constructor(random: () => number) {
    const base = 21_000 + Math.floor(Math.random() * 4_000);
    this.database = new PrivateDatabase(base);
    this.servers = [
      { port: base + 1, process: null },
      { port: base + 2, process: null },
    ];
    this.proxy = new TcpProxy(
      base + 3,
      this.servers.map((s) => ({ port: s.port })),
      random,
    );
  }

  get url(): string {
    return this.proxy.url;
  }

  async start(repoRoot: string): Promise<void> {
    await this.copyBuiltApp(join(repoRoot, "pwa", "dist"));
    await this.database.start();
    // One after the other: the first creates, migrates and seeds the database.
    for (const slot of this.servers) await this.startServer(slot);
    await this.proxy.start();
    this.sql = this.newPool();
    this.browser = await launchChromium();
  }

  /**
   * Copies pwa/dist, again while another build is rewriting it: a copy is
   * whole when every file the service worker precaches is in it.
   */
  private async copyBuiltApp(dist: string): Promise<void> {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      rmSync(this.pwaDir, { recursive: true, force: true });
      cpSync(dist, this.pwaDir, { recursive: true });
      const sw = join(this.pwaDir, "sw.js");
      const urls = existsSync(sw)
        ? [...readFileSync(sw, "utf8").matchAll(/url:"([^"]+)"/g)].map((m) => m[1])
        : [];
      if (urls.length > 0 && urls.every((url) => existsSync(join(this.pwaDir, url)))) return;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    throw new Error(`pwa/dist is incomplete: run npm run build -w pwa`);
  }

  /** A pool of its own (the fault that holds a row lock needs a second connection). */
  newPool(): mysql.Pool {
    return mysql.createPool({
      uri: this.database.url(DATABASE),
      timezone: "Z",
      connectionLimit: 3,
    });
  }

  /** Drops every pooled connection (after the database restarted or was restored). */
  async resetPool(): Promise<void> {
    await this.sql.end().catch(() => undefined);
    this.sql = this.newPool();
  }

  async startServer(slot: ServerSlot): Promise<void> {
    slot.process = await startServer(
      {
        DATABASE_URL: this.database.url(DATABASE),
        ADMIN_TOKEN: this.adminToken,
        DATA_DIR: this.dataDir,
        PWA_DIST: this.pwaDir,
        // Shorter than the row-lock fault, so a held lock fails pushes (default 5 s).
        LOCK_WAIT_TIMEOUT_S: "2",
        LOG_LEVEL: "fatal",
      },
      slot.port,
    );
    const child = slot.process.child;
    const orphanGuard = () => child.kill("SIGKILL");
    process.once("exit", orphanGuard);
    child.once("exit", () => process.off("exit", orphanGuard));
    // On a busy two-core machine a start can outlast startServer's own wait.
    const url = `${slot.process.url}/health`;
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const health = await fetch(url).catch(() => null);
      if (health?.ok) return;
      if (slot.process.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`server on port ${slot.port} is not healthy after 60 s`);
  }

  /**
   * Deploys a new app version: a changed service worker script, which the
   * browser installs as an update (same precached files, new worker).
   */
  deployUpdate(label: string): void {
    const file = join(this.pwaDir, "sw.js");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n// ${label}\n`);
  }

  async killServer(slot: ServerSlot): Promise<void> {
    await slot.process?.stop("SIGKILL");
    slot.process = null;
  }

  async pairingCode(): Promise<string> {
    const answer = await this.admin("/api/v1/admin/pairing-codes", "POST", { storeId: STORE });
    return (answer as { code: string }).code;
  }

  /** The clerk and the manager of the e2e tests, with their PINs. */
  async createStaff(): Promise<void> {
    for (const spec of [E2E_MANAGER, E2E_CLERK]) await this.createPerson(spec);
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await this.proxy.stop().catch(() => undefined);
    for (const slot of this.servers) await slot.process?.stop("SIGTERM");
    await this.sql?.end().catch(() => undefined);
    await this.database.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
    rmSync(this.pwaDir, { recursive: true, force: true });
  }

  private async createPerson(spec: StaffSpec): Promise<void> {
    const created = (await this.admin("/api/v1/admin/staff", "POST", {
      email: `${spec.name.toLowerCase().replace(/\W+/g, ".")}@ocpizza.test`,
      name: spec.name,
      role: spec.role,
      storeIds: ["*"],
      ...(spec.role === "manager" && { password: randomBytes(18).toString("base64url") }),
    })) as { staff: { id: string } };
    await this.admin(`/api/v1/admin/staff/${created.staff.id}/pin`, "PUT", { pin: spec.pin });
  }

  /** An admin call straight to a running server (not through the faulty proxy). */
  async admin(path: string, method: string, body?: unknown): Promise<unknown> {
    const server = this.servers.find((s) => s.process)?.process;
    if (!server) throw new Error("no sync server is running");
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.adminToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }
}
