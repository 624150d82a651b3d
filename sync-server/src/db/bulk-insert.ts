/**
 * Multi-row INSERT of many rows of one Drizzle table through mysql2's own
 * value escaping. Drizzle's query builder costs more CPU per row than the
 * database does (measured by `npm run bench:sync`), so the push's hot path
 * uses this; column names, defaults and value mapping still come from the
 * Drizzle table, so the schema stays the single source of truth.
 */
import { getTableColumns, getTableName, is, SQL, type Table } from "drizzle-orm";
import type { PoolConnection } from "mysql2/promise";

export async function bulkInsert<T extends Table>(
  connection: PoolConnection,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const values = rows.map((row) =>
    columns.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      if (value !== undefined) return value === null ? null : column.mapToDriverValue(value);
      if (column.default !== undefined && !is(column.default, SQL)) {
        return column.mapToDriverValue(column.default);
      }
      return null;
    }),
  );
  await connection.query(`INSERT INTO ?? (??) VALUES ?`, [
    getTableName(table),
    columns.map(([, column]) => column.name),
    values,
  ]);
}
