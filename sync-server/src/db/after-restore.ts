/**
 * The step to run once after restoring a backup. A restored store version
 * goes back in time, and the resends that follow would reuse version numbers
 * devices already pulled under other content; jumping every store's version
 * and raising min_pull_version makes every older cursor answer reset_required.
 */
import type { Pool, ResultSetHeader } from "mysql2/promise";

/** Far more versions than a store writes between two backups. */
export const RESTORE_VERSION_JUMP = 1_000_000;

export async function markRestored(pool: Pool): Promise<number> {
  const [result] = await pool.query<ResultSetHeader>(
    "UPDATE stores SET min_pull_version = version + ?, version = version + ?",
    [RESTORE_VERSION_JUMP, RESTORE_VERSION_JUMP],
  );
  return result.affectedRows;
}
