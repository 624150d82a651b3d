/**
 * Recognises MySQL / MariaDB failures by errno or driver code, never by
 * message text, so callers can tell a duplicate key from a deadlock or a
 * lost connection. Drizzle wraps driver errors; the cause chain is walked.
 */

export type DbErrorKind =
  "duplicate_key" | "foreign_key" | "deadlock" | "lock_wait_timeout" | "connection" | "other";

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
  return kind === "deadlock" || kind === "lock_wait_timeout" || kind === "connection";
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
