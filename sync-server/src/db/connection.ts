/**
 * Connecting to MySQL: reading DATABASE_URL, creating the database when it is
 * missing, and the connection pool every request uses (UTC, short lock
 * waits). Migrations and seeding live in open-database.ts.
 */
import mysql from "mysql2/promise";
import type { Pool, PoolOptions } from "mysql2/promise";
import { drizzle } from "drizzle-orm/mysql2";
import type { MySql2Database } from "drizzle-orm/mysql2";

import { classifyDbError } from "./errors.js";

export type Database = MySql2Database<Record<string, never>>;

export interface DatabaseTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface PoolSettings {
  /** Connections kept open at most (default 10). */
  size?: number;
  /** Seconds a statement waits for a row lock before failing (default 5). */
  lockWaitTimeoutS?: number;
}

/** No database server answered, or it refused us: the message says what to do. */
export class DatabaseUnreachableError extends Error {
  override name = "DatabaseUnreachableError";
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new DatabaseUnreachableError(
      `DATABASE_URL must name a database of letters, digits and _ (got "${database}").`,
    );
  }
  return {
    host: parsed.hostname || "127.0.0.1",
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || "root"),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** host:port/database, never the password: safe for logs. */
export function describeTarget(target: DatabaseTarget): string {
  return `${target.user}@${target.host}:${target.port}/${target.database}`;
}

/** Creates the database when missing, connecting without one first. */
export async function ensureDatabase(target: DatabaseTarget): Promise<void> {
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      connectTimeout: 5_000,
    });
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${target.database}\` ` +
        "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
    );
  } catch (error) {
    throw new DatabaseUnreachableError(explainConnectFailure(target, error), { cause: error });
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

export function createPool(target: DatabaseTarget, settings: PoolSettings = {}): Pool {
  const options: PoolOptions = {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    connectionLimit: settings.size ?? 10,
    connectTimeout: 5_000,
    timezone: "Z",
    // DATE columns (business days) stay "YYYY-MM-DD" strings; DATETIMEs become UTC Dates.
    dateStrings: ["DATE"],
    supportBigNumbers: true,
    enableKeepAlive: true,
    charset: "utf8mb4_unicode_ci",
  };
  const pool = mysql.createPool(options);
  const lockWaitS = settings.lockWaitTimeoutS ?? 5;
  // Every new connection runs in UTC with a short lock wait (MySQL's default is 50 s).
  // The statement is queued before the caller's first one; a failure surfaces on that one.
  pool.pool.on("connection", (connection) => {
    connection.query(
      `SET SESSION time_zone = '+00:00', innodb_lock_wait_timeout = ${lockWaitS}`,
      () => undefined,
    );
  });
  return pool;
}

export function createDb(client: Pool | mysql.PoolConnection): Database {
  return drizzle({ client });
}

function explainConnectFailure(target: DatabaseTarget, error: unknown): string {
  const where = `${target.host}:${target.port}`;
  const code = (error as { code?: string }).code ?? "";
  if (classifyDbError(error) === "connection" || code === "ENOTFOUND") {
    return (
      `No MySQL server answers at ${where} (${code || "no answer"}; tried user ` +
      `"${target.user}", database "${target.database}"): ` +
      "start MariaDB or MySQL there, or set DATABASE_URL to a server that runs."
    );
  }
  // 1044: no rights on the database, 1045 / 1698: the login itself is refused.
  if ([1044, 1045, 1698].includes((error as { errno?: number }).errno ?? 0)) {
    return (
      `MySQL at ${where} refused user "${target.user}" (${code}): ` +
      "check the user and password in DATABASE_URL."
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Could not prepare database ${describeTarget(target)}: ${message}`;
}
