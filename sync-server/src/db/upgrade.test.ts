/**
 * A server upgraded in place must apply every migration it has not seen.
 * Drizzle's migrator only applies migrations stamped later than the newest
 * one a database recorded, so this test upgrades a real database from an
 * older release's migrations to the current ones and counts what landed.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import { migrate } from "drizzle-orm/mysql2/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MIGRATIONS_FOLDER } from "../config.js";
import { createDb } from "./connection.js";

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306");
const name = `ocp_t_upgrade_${randomBytes(4).toString("hex")}`;
let admin: mysql.Connection;
let pool: mysql.Pool;
let olderRelease: string;
let journal: JournalEntry[];

async function readJournal(folder: string): Promise<JournalEntry[]> {
  const text = await readFile(join(folder, "meta", "_journal.json"), "utf8");
  return (JSON.parse(text) as { entries: JournalEntry[] }).entries;
}

/** A copy of the migrations folder as a release that stopped at `lastTag` shipped it. */
async function releaseUpTo(lastTag: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "ocp-migrations-"));
  await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
  const path = join(folder, "meta", "_journal.json");
  const whole = JSON.parse(await readFile(path, "utf8")) as { entries: JournalEntry[] };
  const last = whole.entries.findIndex((entry) => entry.tag === lastTag);
  whole.entries = whole.entries.slice(0, last + 1);
  await writeFile(path, JSON.stringify(whole));
  return folder;
}

beforeAll(async () => {
  const connection = {
    host: serverUrl.hostname,
    port: Number(serverUrl.port || 3306),
    user: decodeURIComponent(serverUrl.username || "root"),
    password: decodeURIComponent(serverUrl.password),
  };
  admin = await mysql.createConnection(connection);
  await admin.query(`CREATE DATABASE \`${name}\``);
  pool = mysql.createPool({ ...connection, database: name, connectionLimit: 2 });
  journal = await readJournal(MIGRATIONS_FOLDER);
  // 0005 is the newest migration of the first landed release.
  olderRelease = await releaseUpTo("0005_anomalies_append_only");
});

afterAll(async () => {
  await pool?.end();
  await admin?.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin?.end();
  if (olderRelease) await rm(olderRelease, { recursive: true, force: true });
});

describe("migrations", () => {
  it("are stamped in the order they apply, so an upgrade never skips one", () => {
    const stamps = journal.map((entry) => entry.when);
    const sorted = [...stamps].sort((a, b) => a - b);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(stamps).toEqual(sorted);
  });

  it("upgrade a database migrated by an older release to every current migration", async () => {
    const db = createDb(pool);
    await migrate(db, { migrationsFolder: olderRelease });
    const [before] = await pool.query("SELECT COUNT(*) AS n FROM __drizzle_migrations");
    expect((before as Array<{ n: number }>)[0]!.n).toBe(6);

    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const [after] = await pool.query("SELECT COUNT(*) AS n FROM __drizzle_migrations");
    expect((after as Array<{ n: number }>)[0]!.n).toBe(journal.length);
    const [tables] = await pool.query(
      "SELECT COUNT(*) AS n FROM information_schema.tables " +
        "WHERE table_schema = ? AND table_name IN ('sales_summary', 'email_verifications')",
      [name],
    );
    expect((tables as Array<{ n: number }>)[0]!.n).toBe(2);
  });
});
