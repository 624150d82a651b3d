/**
 * A private MariaDB for the faults that stop the database: its own port and
 * data folder under /tmp, started and stopped by the suite (SIGKILL for a
 * crash in the middle of a transaction), dumped and restored for the backup
 * fault. The shared MariaDB at 127.0.0.1:3306 is never touched.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Short enough that a held row lock fails a push in seconds, not the default 50. */
const LOCK_WAIT_TIMEOUT_S = 2;

export class PrivateDatabase {
  readonly folder = mkdtempSync(join(tmpdir(), "ocp-faults-db-"));
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly port: number) {}

  /** A URL for a database of this server (created by the sync server at its start). */
  url(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    if (!this.child && !this.initialised) this.initialise();
    const child = spawn(
      "/usr/sbin/mariadbd",
      [
        "--no-defaults",
        `--datadir=${join(this.folder, "data")}`,
        `--socket=${join(this.folder, "mariadb.sock")}`,
        `--port=${this.port}`,
        "--bind-address=127.0.0.1",
        "--skip-name-resolve",
        "--innodb-buffer-pool-size=64M",
        `--innodb-lock-wait-timeout=${LOCK_WAIT_TIMEOUT_S}`,
        "--max-connections=200",
        "--user=root",
      ],
      { stdio: "ignore" },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    // Should the suite itself die, its database must not outlive it.
    const orphanGuard = () => child.kill("SIGKILL");
    process.once("exit", orphanGuard);
    child.once("exit", () => process.off("exit", orphanGuard));
    for (let attempt = 0; attempt < 120; attempt += 1) {
      if (child.exitCode !== null) throw new Error(`MariaDB exited at start (${child.exitCode})`);
      if (await answers(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the private MariaDB does not answer on port ${this.port} after 30 s`);
  }

  /** A crash: SIGKILL, whatever transaction is open (InnoDB recovers it at the next start). */
  async kill(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
    this.child = null;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** mysqldump of one database into a file of the private folder; returns its path. */
  dump(database: string): string {
    const file = join(this.folder, `${database}-${Date.now()}.sql`);
    const result = spawnSync(
      "mysqldump",
      [
        ...this.clientArgs(),
        "--single-transaction",
        // Binary ids as hex literals: the dump stays plain text whatever the bytes.
        "--hex-blob",
        `--result-file=${file}`,
        database,
      ],
      { encoding: "utf8" },
    );
    if (result.status !== 0) throw new Error(`mysqldump failed: ${result.stderr}`);
    return file;
  }

  /** Drops and recreates the database, then loads the dump into it. */
  restore(database: string, file: string): void {
    const mysql = (args: string[], input?: Buffer) => {
      const result = spawnSync("mysql", [...this.clientArgs(), ...args], {
        encoding: "utf8",
        input,
        maxBuffer: 256 * 1024 * 1024,
      });
      if (result.status !== 0)
        throw new Error(`mysql failed: ${result.stderr.replace(/\s+/g, " ")}`);
    };
    mysql(["-e", `DROP DATABASE IF EXISTS \`${database}\`; CREATE DATABASE \`${database}\``]);
    mysql([database], readFileSync(file));
  }

  async stop(): Promise<void> {
    if (this.child) {
      this.child.kill("SIGTERM");
      await this.exited;
      this.child = null;
    }
    rmSync(this.folder, { recursive: true, force: true });
  }

  private initialised = false;

  private initialise(): void {
    const result = spawnSync(
      "mariadb-install-db",
      [
        "--no-defaults",
        `--datadir=${join(this.folder, "data")}`,
        "--auth-root-authentication-method=normal",
        "--user=root",
        "--skip-test-db",
      ],
      { encoding: "utf8" },
    );
    if (result.status !== 0) throw new Error(`mariadb-install-db failed: ${result.stderr}`);
    this.initialised = true;
  }

  private clientArgs(): string[] {
    return ["--protocol=TCP", "-h", "127.0.0.1", "-P", String(this.port), "-u", "root"];
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 1000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
