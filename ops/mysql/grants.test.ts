/**
 * The MySQL accounts of ops/mysql/users.sql on the real MariaDB: created by
 * create-users.sh under test names, the migration account migrating and
 * seeding, a real server running on the application account, what that
 * account may not do, and a real backup.sh dump with the backup account.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, type ServerProcess } from "../../sync-server/bench/server-process.js";
import {
  buildOrder,
  cashPayment,
  createMutation,
  pushBody,
} from "../../sync-server/src/testing/fixtures.js";
import { makeBackupKeys } from "../test-support/gpg.js";
import { REPO_DIR, runScript } from "../test-support/run-script.js";

const SERVER = new URL(process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306");
const HOST = SERVER.hostname;
const PORT = Number(SERVER.port || 3306);
const ADMIN_CLIENT =
  `mysql -h${HOST} -P${PORT} -u${SERVER.username || "root"}` +
  (SERVER.password ? ` -p${decodeURIComponent(SERVER.password)}` : "");

const suffix = randomBytes(3).toString("hex");
const database = `ocp_g_${suffix}`;
const accounts = {
  app: { user: `ocp_test_app_${suffix}`, password: randomBytes(18).toString("base64url") },
  migrate: { user: `ocp_test_mig_${suffix}`, password: randomBytes(18).toString("base64url") },
  backup: { user: `ocp_test_bak_${suffix}`, password: randomBytes(18).toString("base64url") },
};
const urlOf = (account: { user: string; password: string }) =>
  `mysql://${account.user}:${account.password}@${HOST}:${PORT}/${database}`;

let admin: mysql.Connection;
let dir: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  admin = await mysql.createConnection(SERVER.toString());
  dir = mkdtempSync(join(tmpdir(), "ocp-grants-"));
  const created = await runScript("mysql/create-users.sh", [], {
    MYSQL: ADMIN_CLIENT,
    DATABASE: database,
    APP_USER: accounts.app.user,
    MIGRATE_USER: accounts.migrate.user,
    BACKUP_USER: accounts.backup.user,
    APP_HOST: HOST,
    BACKUP_HOST: HOST,
    APP_PASSWORD: accounts.app.password,
    MIGRATE_PASSWORD: accounts.migrate.password,
    BACKUP_PASSWORD: accounts.backup.password,
  });
  expect(created.stderr).toBe("");
  expect(created.stdout).not.toContain(accounts.app.password);
});

afterAll(async () => {
  await server?.stop();
  for (const { user } of Object.values(accounts)) {
    await admin?.query(`DROP USER IF EXISTS '${user}'@'${HOST}'`);
  }
  await admin?.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin?.end();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function connectAs(account: { user: string; password: string }) {
  return mysql.createConnection(urlOf(account));
}

/** The error code a statement fails with, or "ok". */
async function attempt(connection: mysql.Connection, statement: string): Promise<string> {
  try {
    await connection.query(statement);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("the MySQL accounts", () => {
  it("migrate and seed the database with the migration account", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "ops/scripts/migrate.ts", "--seed"],
      { cwd: REPO_DIR, env: { ...process.env, MIGRATION_DATABASE_URL: urlOf(accounts.migrate) } },
    );

    expect(stdout).toContain("is up to date");
    expect(stdout).not.toContain(accounts.migrate.password);
    const [stores] = await admin.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM \`${database}\`.stores`,
    );
    expect(Number(stores[0].n)).toBe(5);
  });

  it("run the server's work with the application account", async () => {
    const adminToken = randomBytes(24).toString("hex");
    server = await startServer(
      { DATABASE_URL: urlOf(accounts.app), ADMIN_TOKEN: adminToken, DATA_DIR: dir, SEED: "false" },
      19_900 + Math.floor(Math.random() * 90),
    );
    const json = { "content-type": "application/json" };
    const code = await fetch(`${server.url}/api/v1/admin/pairing-codes`, {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ storeId: "bastille" }),
    }).then((r) => r.json());
    const paired = await fetch(`${server.url}/api/v1/devices/pair`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ code: code.code, name: "Comptoir" }),
    });
    const device = await paired.json();
    const menu = await fetch(`${server.url}/api/v1/menu`).then((r) => r.json());
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const sale = createMutation(1, order, {
      payments: [cashPayment(order.totalCents)],
      status: "completed",
    });
    const pushed = await fetch(`${server.url}/api/v1/sync/push`, {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${device.token}` },
      body: JSON.stringify(pushBody({ ...device, storeId: "bastille" }, [sale])),
    });
    const pull = await fetch(`${server.url}/api/v1/sync/pull?protocol=1&since=0`, {
      headers: { authorization: `Bearer ${device.token}` },
    });
    const ready = await fetch(`${server.url}/health/ready`);

    expect([paired.status, pushed.status, pull.status, ready.status]).toEqual([201, 200, 200, 200]);
    expect((await pushed.json()).results).toEqual([{ seq: 1, outcome: "applied" }]);
    expect((await pull.json()).orders).toHaveLength(1);
  });

  it.each([
    ["drop a table", "DROP TABLE orders"],
    ["alter a table", "ALTER TABLE orders ADD COLUMN spare INT"],
    ["empty a table", "TRUNCATE TABLE payments"],
    ["create a trigger", "CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET @x = 1"],
    ["read the accounts", "SELECT user, authentication_string FROM mysql.user"],
    ["grant rights", `GRANT SELECT ON \`${database}\`.* TO '${accounts.backup.user}'@'${HOST}'`],
  ])("keep the application account from: %s", async (_, statement) => {
    const app = await connectAs(accounts.app);
    const outcome = await attempt(app, statement);
    await app.end();

    expect(outcome).toMatch(/DENIED|ER_SPECIFIC_ACCESS/);
  });

  it("let the migration account change the schema but not read the accounts", async () => {
    const migrate = await connectAs(accounts.migrate);
    const alter = await attempt(migrate, "ALTER TABLE alerts ADD INDEX spare_kind (kind)");
    const dropIndex = await attempt(migrate, "ALTER TABLE alerts DROP INDEX spare_kind");
    const users = await attempt(migrate, "SELECT user FROM mysql.user");
    await migrate.end();

    expect([alter, dropIndex]).toEqual(["ok", "ok"]);
    expect(users).toMatch(/DENIED/);
  });

  it("let the backup account dump with backup.sh, and nothing more", async () => {
    const defaults = join(dir, "backup.my.cnf");
    writeFileSync(
      defaults,
      `[client]\nhost=${HOST}\nport=${PORT}\nuser=${accounts.backup.user}\n` +
        `password=${accounts.backup.password}\n`,
      { mode: 0o600 },
    );
    const keys = makeBackupKeys(dir);

    const backup = await runScript("backup/backup.sh", [], {
      BACKUP_ENV_FILE: join(dir, "none"),
      BACKUP_DATABASE: database,
      BACKUP_DIR: join(dir, "dumps"),
      BACKUP_DEST: join(dir, "offsite"),
      BACKUP_GPG_RECIPIENT_FILE: keys.publicKeyFile,
      BACKUP_MYSQL_DEFAULTS: defaults,
    });
    const backupAccount = await connectAs(accounts.backup);
    const insert = await attempt(
      backupAccount,
      "INSERT INTO alerts (store_id, kind, message, created_at) VALUES ('bastille', 'x', 'y', NOW())",
    );
    await backupAccount.end();

    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/kept ocp_g_\w+-.*\.sql\.gz\.gpg/);
    expect(insert).toMatch(/DENIED/);
  });
});
