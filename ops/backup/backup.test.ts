/**
 * The backup scripts for real: mysqldump of a MariaDB database while orders
 * arrive through the sync API, gzip, gpg, rsync to a local "off-site"
 * folder, restore, verify against the live database, rotation over many
 * dates, and a loud failure when any step fails.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { RowDataPacket } from "mysql2/promise";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import { RESTORE_VERSION_JUMP } from "../../sync-server/src/db/after-restore.js";
import {
  buildOrder,
  cashPayment,
  createMutation,
  fetchMenu,
  pairDevice,
  payMutation,
  postPush,
  pushBody,
  type PairedDevice,
} from "../../sync-server/src/testing/fixtures.js";
import {
  createTestDatabase,
  type TestDatabase,
} from "../../sync-server/src/testing/test-database.js";
import { makeBackupKeys, type BackupKeys } from "../test-support/gpg.js";
import { OPS_DIR, runScript } from "../test-support/run-script.js";

const SERVER = new URL(process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306");
const MYSQL_CLIENT =
  `mysql -h${SERVER.hostname} -P${SERVER.port || 3306} -u${SERVER.username || "root"}` +
  (SERVER.password ? ` -p${decodeURIComponent(SERVER.password)}` : "");

let t: TestDatabase;
let menu: MenuSnapshot;
let device: PairedDevice;
let dir: string;
let keys: BackupKeys;
let admin: mysql.Connection;
let seq = 0;
/** Bastille's version in the dump the first test takes (the later tests use that dump). */
let dumpedVersion = 0;
const scratchDatabases: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  device = await pairDevice(t, "bastille");
  dir = mkdtempSync(join(tmpdir(), "ocp-backup-"));
  keys = makeBackupKeys(dir);
  writeFileSync(
    join(dir, "backup.my.cnf"),
    `[client]\nhost=${SERVER.hostname}\nport=${SERVER.port || 3306}\n` +
      `user=${SERVER.username || "root"}\npassword=${decodeURIComponent(SERVER.password)}\n`,
    { mode: 0o600 },
  );
  admin = await mysql.createConnection(SERVER.toString());
});

afterAll(async () => {
  for (const name of scratchDatabases) await admin?.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin?.end();
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The settings backup.sh reads, pointed at this test's database and folders. */
function backupEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    BACKUP_ENV_FILE: join(dir, "no-such-file"),
    BACKUP_DATABASE: t.name,
    BACKUP_DIR: join(dir, "dumps"),
    BACKUP_DEST: join(dir, "offsite"),
    BACKUP_GPG_RECIPIENT_FILE: keys.publicKeyFile,
    BACKUP_MYSQL_DEFAULTS: join(dir, "backup.my.cnf"),
    ...overrides,
  };
}

function restoreEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { GNUPGHOME: keys.gnupgHome, MYSQL: MYSQL_CLIENT, ...extra };
}

function scratchName(): string {
  const name = `ocp_bk_${Math.random().toString(16).slice(2, 10)}`;
  scratchDatabases.push(name);
  return name;
}

function dumpsIn(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith(".sql.gz.gpg"));
}

/** One new paid order through the sync API, and the store version it got. */
async function pushSale(): Promise<number> {
  seq += 1;
  const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }], { callNumber: seq });
  const mutation = createMutation(seq, order, {
    payments: [cashPayment(order.totalCents)],
    status: "completed",
  });
  const pushed = await postPush(t.app, device, pushBody(device, [mutation]));
  expect(pushed.status).toBe(200);
  return pushed.body.storeVersion as number;
}

/** Pays an order that already exists again: a change to a row taken before the dump. */
async function payAgain(orderId: string): Promise<void> {
  seq += 1;
  const mutation = payMutation(seq, orderId, [cashPayment(100)]);
  expect((await postPush(t.app, device, pushBody(device, [mutation]))).status).toBe(200);
}

async function storeVersion(database: string): Promise<number> {
  const [rows] = await admin.query<RowDataPacket[]>(
    `SELECT version FROM \`${database}\`.stores WHERE id = 'bastille'`,
  );
  return Number(rows[0].version);
}

describe("backup.sh, restore.sh and verify.sh", () => {
  it("dumps consistently while orders keep arriving, and the dump verifies", async () => {
    for (let i = 0; i < 5; i += 1) await pushSale();
    const [[firstOrder]] = await admin.query<RowDataPacket[]>(
      `SELECT LOWER(HEX(id)) AS hex FROM \`${t.name}\`.orders ORDER BY version LIMIT 1`,
    );
    const orderId = String(firstOrder.hex).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
    const before = await storeVersion(t.name);

    // Sales keep arriving for as long as the dump runs, and a little after.
    let dumping = true;
    const sales = (async () => {
      let pushed = 0;
      while (dumping || pushed < 3) {
        await pushSale();
        pushed += 1;
      }
      return pushed;
    })();
    const backup = await runScript("backup/backup.sh", [], backupEnv());
    dumping = false;
    const pushedDuring = await sales;
    await payAgain(orderId);

    expect(backup).toMatchObject({ code: 0, stderr: "" });
    expect(dumpsIn(join(dir, "offsite"))).toHaveLength(1);
    expect(pushedDuring).toBeGreaterThanOrEqual(3);

    const verify = await runScript("backup/verify.sh", [], {
      ...backupEnv(),
      ...restoreEnv({ VERIFY_SCRATCH_DATABASE: scratchName() }),
    });
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/orders: \d+ rows of the dump compared/);
    expect(verify.stdout).toContain("OK:");

    // The dump holds a version between the writes before it and those after it.
    dumpedVersion = Number(/bastille\t(\d+)/.exec(verify.stdout)![1]);
    expect(dumpedVersion).toBeGreaterThanOrEqual(before);
    expect(await storeVersion(t.name)).toBeGreaterThan(dumpedVersion);
  });

  it("restores into a new database with every store version moved ahead", async () => {
    const [dump] = dumpsIn(join(dir, "offsite"));
    const target = scratchName();

    const restored = await runScript(
      "backup/restore.sh",
      [join(dir, "offsite", dump), target],
      restoreEnv(),
    );

    expect(restored.code).toBe(0);
    const dumped = Number(/bastille\t(\d+)/.exec(restored.stdout)![1]);
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT version, min_pull_version FROM \`${target}\`.stores WHERE id = 'bastille'`,
    );
    expect(Number(rows[0].version)).toBe(dumped + RESTORE_VERSION_JUMP);
    expect(Number(rows[0].min_pull_version)).toBe(dumped + RESTORE_VERSION_JUMP);
    const [orders] = await admin.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM \`${target}\`.orders`,
    );
    expect(Number(orders[0].n)).toBeGreaterThan(0);

    const again = await runScript(
      "backup/restore.sh",
      [join(dir, "offsite", dump), target],
      restoreEnv(),
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has \d+ tables/);
  });

  it("refuses a copy whose checksum does not match", async () => {
    const [dump] = dumpsIn(join(dir, "offsite"));
    const copy = join(dir, "damaged.sql.gz.gpg");
    writeFileSync(copy, "not the dump");
    writeFileSync(`${copy}.sha256`, `${"0".repeat(64)}  ${dump}\n`);

    const restored = await runScript("backup/restore.sh", [copy, scratchName()], restoreEnv());

    expect(restored.code).toBe(1);
    expect(restored.stderr).toContain("damaged");
  });

  it("fails verification when a live row the dump covers was altered", async () => {
    const live = `\`${t.name}\`.orders`;
    const change = (sign: string) =>
      admin.query(
        `UPDATE ${live} SET total_cents = total_cents ${sign} 1 WHERE store_id = 'bastille' ` +
          `AND version <= ? ORDER BY version LIMIT 1`,
        [dumpedVersion],
      );

    await change("+");
    const verify = await runScript("backup/verify.sh", [], {
      ...backupEnv(),
      ...restoreEnv({ VERIFY_SCRATCH_DATABASE: scratchName() }),
    });
    await change("-");

    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/PROBLEM: 1 live orders rows/);
    expect(verify.stderr).toContain("does NOT match");
  });
});

describe("rotation", () => {
  const DAY_MS = 86_400_000;
  const dumpName = (database: string, dayMs: number) =>
    `${database}-${new Date(dayMs).toISOString().slice(0, 10)}T031500Z.sql.gz.gpg`;

  function folderWithDays(days: number, todayMs: number): string {
    const folder = mkdtempSync(join(dir, "rotation-"));
    for (let i = 0; i < days; i += 1) {
      const name = dumpName("pizzeria_management", todayMs - i * DAY_MS);
      writeFileSync(join(folder, name), "dump");
      writeFileSync(join(folder, `${name}.sha256`), "sum");
    }
    writeFileSync(join(folder, "notes.txt"), "kept");
    writeFileSync(join(folder, dumpName("other_database", todayMs - 40 * DAY_MS)), "other");
    return folder;
  }

  it("keeps the last ten days of dumps and nothing older, and no other file is touched", async () => {
    const today = Date.UTC(2026, 11, 4);
    const folder = folderWithDays(40, today);

    const rotated = await runScript("backup/rotate.sh", [folder, "pizzeria_management", "10"], {
      BACKUP_TODAY: "2026-12-04",
    });

    expect(rotated.code).toBe(0);
    const kept = readdirSync(folder).sort();
    const expected = Array.from({ length: 10 }, (_, i) =>
      dumpName("pizzeria_management", today - i * DAY_MS),
    );
    expect(kept).toEqual(
      [
        ...expected.flatMap((name) => [name, `${name}.sha256`]),
        "notes.txt",
        dumpName("other_database", today - 40 * DAY_MS),
      ].sort(),
    );
  });

  it("never removes the newest dump, however old", async () => {
    const folder = folderWithDays(3, Date.UTC(2026, 10, 1));

    await runScript("backup/rotate.sh", [folder, "pizzeria_management", "10"], {
      BACKUP_TODAY: "2026-12-04",
    });

    expect(dumpsIn(folder).filter((name) => name.startsWith("pizzeria"))).toEqual([
      dumpName("pizzeria_management", Date.UTC(2026, 10, 1)),
    ]);
  });
});

describe("a failed step fails the backup loudly", () => {
  function failingCommand(name: string): string {
    const path = join(dir, name);
    writeFileSync(path, "#!/bin/sh\ncat >/dev/null\necho 'disk full' >&2\nexit 1\n", {
      mode: 0o755,
    });
    return path;
  }

  it.each([
    ["the dump", () => ({ BACKUP_DATABASE: "ocp_no_such_database" }), /while dumping/],
    ["gzip, in the middle of the pipe", () => ({ GZIP: failingCommand("gzip") }), /dumping/],
    ["encryption", () => ({ BACKUP_GPG_RECIPIENT_FILE: join(dir, "backup.my.cnf") }), /dumping/],
    ["the copy", () => ({ RSYNC: failingCommand("rsync") }), /while copying/],
    ["a missing destination", () => ({ BACKUP_DEST: "" }), /BACKUP_DEST is not set/],
  ])("%s", async (_, overrides, message) => {
    const folder = mkdtempSync(join(dir, "failing-"));
    const hookOutput = join(folder, "alert.txt");
    const hook = join(folder, "alert.sh");
    writeFileSync(hook, `#!/bin/sh\necho "$1" > ${hookOutput}\n`, { mode: 0o755 });

    const result = await runScript(
      "backup/backup.sh",
      [],
      backupEnv({
        BACKUP_DIR: join(folder, "dumps"),
        BACKUP_DEST: join(folder, "offsite"),
        BACKUP_ON_FAILURE: hook,
        ...overrides(),
      }),
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FAILED/);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(folder)).toContain("alert.txt");
    // Nothing reached the off-site copy, and no half-written file is left behind.
    const listed = (name: string) =>
      readdirSync(folder).includes(name) ? readdirSync(join(folder, name)) : [];
    expect(listed("offsite")).toEqual([]);
    expect(listed("dumps").filter((name) => name.endsWith(".partial"))).toEqual([]);
  });
});

describe("a failed backup with report-failure.sh as its hook", () => {
  it("lands on the alerts list of the managers of every store", async () => {
    const server = serve({ fetch: t.app.fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    const folder = mkdtempSync(join(dir, "reported-"));
    const tokenFile = join(folder, "admin-token");
    writeFileSync(tokenFile, `${t.adminToken}\n`, { mode: 0o600 });
    try {
      const result = await runScript(
        "backup/backup.sh",
        [],
        backupEnv({
          BACKUP_DIR: join(folder, "dumps"),
          BACKUP_DEST: "",
          BACKUP_ON_FAILURE: join(OPS_DIR, "backup", "report-failure.sh"),
          OCPIZZA_API_URL: `http://127.0.0.1:${port}`,
          OCPIZZA_ADMIN_TOKEN_FILE: tokenFile,
        }),
      );
      expect(result.code).toBe(1);

      const [rows] = await t.pool.query<RowDataPacket[]>(
        "SELECT store_id AS storeId, message FROM alerts WHERE kind = 'backup_failed'",
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ storeId: "*" });
      expect(rows[0]!.message).toMatch(/FAILED while checking the settings: BACKUP_DEST/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
