/**
 * One MySQL transaction on its own pooled connection, with the isolation the
 * caller asks for. Deadlocks are retried a few times with jitter; a
 * connection that failed mid-way is destroyed, never handed back to the pool.
 */
import type { Pool, PoolConnection } from "mysql2/promise";

import { createDb, type Database } from "./connection.js";
import { classifyDbError, type DbErrorKind } from "./errors.js";

export interface TransactionOptions {
  /** READ COMMITTED for writers (each statement sees the latest commits). */
  isolation?: "READ COMMITTED" | "REPEATABLE READ";
  /** A read-only snapshot taken at start (pulls, reports). */
  snapshot?: boolean;
  /** Attempts when the transaction hits one of `retryOn` (default 3, deadlocks only). */
  attempts?: number;
  retryOn?: readonly DbErrorKind[];
}

export interface Transaction {
  db: Database;
  connection: PoolConnection;
}

export async function inTransaction<T>(
  pool: Pool,
  options: TransactionOptions,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const retryOn = options.retryOn ?? ["deadlock"];
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(pool, options, work);
    } catch (error) {
      if (attempt >= attempts || !retryOn.includes(classifyDbError(error))) throw error;
      await sleep(10 * attempt + Math.random() * 20 * attempt);
    }
  }
}

async function runOnce<T>(
  pool: Pool,
  options: TransactionOptions,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const connection = await pool.getConnection();
  let healthy = true;
  try {
    if (options.isolation) {
      await connection.query(`SET TRANSACTION ISOLATION LEVEL ${options.isolation}`);
    }
    await connection.query(
      options.snapshot ? "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY" : "BEGIN",
    );
    const result = await work({ db: createDb(connection), connection });
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    if (classifyDbError(error) === "connection") {
      healthy = false;
    } else {
      await connection.query("ROLLBACK").catch(() => {
        healthy = false;
      });
    }
    throw error;
  } finally {
    if (healthy) connection.release();
    else connection.destroy();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
