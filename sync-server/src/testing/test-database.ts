/**
 * A fresh, migrated and seeded MariaDB database per test file, on
 * TEST_DATABASE_URL (default mysql://root@127.0.0.1:3306), with the app
 * wired to it and a silent logger. drop() removes the database.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mysql from "mysql2/promise";
import type { Pool } from "mysql2/promise";
import type { Hono } from "hono";

import { createApp, type AppDeps } from "../app.js";
import { createDb, type Database, type PoolSettings } from "../db/connection.js";
import { openDatabase } from "../db/open-database.js";
import type { AppEnv } from "../http/auth.js";
import { silentLogger } from "../logger.js";
import { seedDatabase } from "../seed/seed.js";

export interface TestDatabase {
  name: string;
  /** mysql://.../<name>: the URL of this test's database. */
  url: string;
  pool: Pool;
  db: Database;
  app: Hono<AppEnv>;
  adminToken: string;
  /** This test's archive folder (removed by drop) and the key pair that signs archives. */
  archiveDir: string;
  signingKey: { privateKey: KeyObject; publicKey: KeyObject };
  /** Another app on the same database, e.g. with a different pool or clock. */
  makeApp(overrides?: Partial<AppDeps>): Hono<AppEnv>;
  drop(): Promise<void>;
}

export async function createTestDatabase(
  options: { pool?: PoolSettings; app?: Partial<AppDeps> } = {},
): Promise<TestDatabase> {
  const server = new URL(process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306");
  const name = `ocp_t_${randomBytes(5).toString("hex")}`;
  server.pathname = `/${name}`;
  const url = server.toString();

  const dropDatabase = async () => {
    const admin = await mysql.createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username || "root"),
      password: decodeURIComponent(server.password),
    });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  };

  const pool = await migrateAndSeed(url, options.pool).catch(async (error: unknown) => {
    await dropDatabase().catch(() => undefined);
    throw error;
  });
  const db = createDb(pool);
  const adminToken = randomBytes(24).toString("base64url");
  const archiveDir = await mkdtemp(join(tmpdir(), `${name}-archives-`));
  const signingKey = generateKeyPairSync("ed25519");
  const archive = { dir: archiveDir, privateKey: signingKey.privateKey };
  const makeApp = (overrides: Partial<AppDeps> = {}) =>
    createApp({
      pool,
      db,
      logger: silentLogger(),
      adminToken,
      archive,
      ...options.app,
      ...overrides,
    });

  return {
    name,
    url,
    pool,
    db,
    app: makeApp(),
    adminToken,
    archiveDir,
    signingKey,
    makeApp,
    async drop() {
      await pool.end().catch(() => undefined);
      await rm(archiveDir, { recursive: true, force: true });
      await dropDatabase();
    },
  };
}

async function migrateAndSeed(url: string, settings: PoolSettings = {}): Promise<Pool> {
  const { pool } = await openDatabase(url, { size: 8, ...settings });
  try {
    await seedDatabase(pool);
    return pool;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
