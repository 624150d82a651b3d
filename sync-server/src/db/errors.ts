/**
 * Recognises MySQL / MariaDB failures by errno or driver code, never by
 * message text, so callers can tell a duplicate key from a deadlock, a lost
 * connection, a killed query or a value a column cannot hold. Drizzle wraps
 * driver errors; the cause chain is walked.
 */

export type DbErrorKind =
  | "duplicate_key"
  | "foreign_key"
  | "deadlock"
  | "lock_wait_timeout"
  | "connection"
  /** The statement was stopped (KILL QUERY, a statement time limit): retry later. */
  | "interrupted"
  /** A value out of range, too long or of the wrong form for its column: the request's fault. */
  | "bad_value"
  | "other";

const BY_ERRNO: Record<number, DbErrorKind> = {
  1062: "duplicate_key", // ER_DUP_ENTRY
  1586: "duplicate_key", // ER_DUP_ENTRY_WITH_KEY_NAME
  1216: "foreign_key", // ER_NO_REFERENCED_ROW
  1217: "foreign_key", // ER_ROW_IS_REFERENCED
  1451: "foreign_key", // ER_ROW_IS_REFERENCED_2
  1452: "foreign_key", // ER_NO_REFERENCED_ROW_2
  1213: "deadlock", // ER_LOCK_DEADLOCK
  1205: "lock_wait_timeout", // ER_LOCK_WAIT_TIMEOUT
  1040: "connection", // ER_CON_COUNT_ERROR: too many connections
  1053: "connection", // ER_SERVER_SHUTDOWN
  1927: "connection", // MariaDB ER_CONNECTION_KILLED
  2002: "connection", // CR_CONNECTION_ERROR
  2003: "connection", // CR_CONN_HOST_ERROR
  2006: "connection", // CR_SERVER_GONE_ERROR
  2013: "connection", // CR_SERVER_LOST
  3169: "connection", // ER_SESSION_WAS_KILLED
  4031: "connection", // ER_CLIENT_INTERACTION_TIMEOUT: disconnected for inactivity
  1317: "interrupted", // ER_QUERY_INTERRUPTED: KILL QUERY
  1969: "interrupted", // MariaDB ER_STATEMENT_TIMEOUT: max_statement_time exceeded
  3024: "interrupted", // ER_QUERY_TIMEOUT: max_execution_time exceeded
  1264: "bad_value", // ER_WARN_DATA_OUT_OF_RANGE
  1690: "bad_value", // ER_DATA_OUT_OF_RANGE: arithmetic out of range
  1406: "bad_value", // ER_DATA_TOO_LONG
  1265: "bad_value", // WARN_DATA_TRUNCATED
  1292: "bad_value", // ER_TRUNCATED_WRONG_VALUE
  1366: "bad_value", // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
  1367: "bad_value", // ER_ILLEGAL_VALUE_FOR_TYPE
  1441: "bad_value", // ER_DATETIME_FUNCTION_OVERFLOW
};

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
]);

// mysql2 raises these without a code when its pool or socket is already closed.
const CLOSED_MESSAGES = [
  "Pool is closed.",
  "Can't add new command when connection is in closed state",
  "No connections available.",
  "Queue limit reached.",
];

interface DriverErrorFields {
  errno?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

export function classifyDbError(error: unknown): DbErrorKind {
  for (const fields of causeChain(error)) {
    if (typeof fields.errno === "number" && BY_ERRNO[fields.errno]) return BY_ERRNO[fields.errno];
    if (typeof fields.code === "string" && CONNECTION_CODES.has(fields.code)) return "connection";
    if (typeof fields.message === "string" && CLOSED_MESSAGES.includes(fields.message)) {
      return "connection";
    }
  }
  return "other";
}

/** Worth retrying later: the request was fine, the database was not. */
export function isTransientDbError(error: unknown): boolean {
  const kind = classifyDbError(error);
  return (
    kind === "deadlock" ||
    kind === "lock_wait_timeout" ||
    kind === "connection" ||
    kind === "interrupted"
  );
}

/**
 * The column a `bad_value` error names ("Out of range value for column
 * 'paid_cents' at row 1"), or null. Only the column name is read from the
 * server's message, never the value (it can hold customer data).
 */
export function badValueColumn(error: unknown): string | null {
  for (const fields of causeChain(error)) {
    const text = (fields as { sqlMessage?: unknown }).sqlMessage;
    if (typeof text !== "string") continue;
    const match = /for column [`'"]?((?:[\w$]+[`'"]?\.[`'"]?)*[\w$]+)[`'"]?/.exec(text);
    if (match) return match[1].replace(/[`'"]/g, "").split(".").pop() ?? null;
  }
  return null;
}

function* causeChain(error: unknown): Generator<DriverErrorFields> {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === "object" && current !== null && !seen.has(current)) {
    seen.add(current);
    yield current as DriverErrorFields;
    current = (current as DriverErrorFields).cause;
  }
}
