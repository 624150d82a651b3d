/**
 * Gets the database ready at start: creates it when missing, opens the pool
 * and applies the committed drizzle-kit migrations. Seeding is separate
 * (seed/seed.ts) so tests and the server choose when to run it.
 */
import type { Pool } from "mysql2/promise";
import { migrate } from "drizzle-orm/mysql2/migrator";

import { MIGRATIONS_FOLDER } from "../config.js";
import {
  createDb,
  createPool,
  DatabaseUnreachableError,
  ensureDatabase,
  parseDatabaseUrl,
  type Database,
  type DatabaseTarget,
  type PoolSettings,
} from "./connection.js";
import { classifyDbError } from "./errors.js";

export interface OpenDatabase {
  target: DatabaseTarget;
  pool: Pool;
  db: Database;
}

export async function openDatabase(
  url: string,
  settings: PoolSettings = {},
): Promise<OpenDatabase> {
  const target = parseDatabaseUrl(url);
  await ensureDatabase(target);

  const pool = createPool(target, settings);
  const db = createDb(pool);
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (classifyDbError(error) === "connection") {
      throw new DatabaseUnreachableError(
        `Lost the MySQL server at ${target.host}:${target.port} while migrating: ` +
          "check that it is running, then start again.",
        { cause: error },
      );
    }
    throw error;
  }
  return { target, pool, db };
}
