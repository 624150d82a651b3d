/**
 * Tests of recognising database failures by errno / code through Drizzle's wrapping.
 */
import { describe, expect, it } from "vitest";

import { badValueColumn, classifyDbError, isTransientDbError } from "./errors.js";

/** A driver error as mysql2 raises it, wrapped the way Drizzle wraps it. */
const wrapped = (fields: object) =>
  Object.assign(new Error("Failed query: insert ...\nparams: ..."), {
    cause: Object.assign(new Error("driver"), fields),
  });

describe("classifyDbError", () => {
  it.each([
    [{ errno: 1062, code: "ER_DUP_ENTRY" }, "duplicate_key", false],
    [{ errno: 1452, code: "ER_NO_REFERENCED_ROW_2" }, "foreign_key", false],
    [{ errno: 1213, code: "ER_LOCK_DEADLOCK" }, "deadlock", true],
    [{ errno: 1205, code: "ER_LOCK_WAIT_TIMEOUT" }, "lock_wait_timeout", true],
    [{ code: "ECONNREFUSED" }, "connection", true],
    [{ code: "PROTOCOL_CONNECTION_LOST" }, "connection", true],
    [{ errno: 2013 }, "connection", true],
    [{ message: "Pool is closed." }, "connection", true],
    [{ errno: 1317, code: "ER_QUERY_INTERRUPTED" }, "interrupted", true],
    [{ errno: 1969, code: "ER_STATEMENT_TIMEOUT" }, "interrupted", true],
    [{ errno: 3024, code: "ER_QUERY_TIMEOUT" }, "interrupted", true],
    [{ errno: 1264, code: "ER_WARN_DATA_OUT_OF_RANGE" }, "bad_value", false],
    [{ errno: 1406, code: "ER_DATA_TOO_LONG" }, "bad_value", false],
    [{ errno: 1292, code: "ER_TRUNCATED_WRONG_VALUE" }, "bad_value", false],
    [{ errno: 1366, code: "ER_TRUNCATED_WRONG_VALUE_FOR_FIELD" }, "bad_value", false],
    [{ errno: 1064, code: "ER_PARSE_ERROR" }, "other", false],
  ])("reads %o as %s", (fields, kind, transient) => {
    const error = "message" in fields ? new Error(String(fields.message)) : wrapped(fields);

    expect(classifyDbError(error)).toBe(kind);
    expect(isTransientDbError(error)).toBe(transient);
  });

  it("never decides from message text alone", () => {
    expect(classifyDbError(new Error("Duplicate entry 'x' for key 'PRIMARY'"))).toBe("other");
    expect(classifyDbError("deadlock")).toBe("other");
    expect(classifyDbError(null)).toBe("other");
  });
});

describe("badValueColumn", () => {
  it.each([
    ["Out of range value for column 'paid_cents' at row 1", "paid_cents"],
    ["Data too long for column 'customer_name' at row 1", "customer_name"],
    [
      "Incorrect datetime value: '0000-00-00' for column `ocp`.`orders`.`created_at` at row 1",
      "created_at",
    ],
    ["BIGINT UNSIGNED value is out of range in '(1 + 2)'", null],
  ])("reads the column of %j", (sqlMessage, column) => {
    expect(badValueColumn(wrapped({ errno: 1264, sqlMessage }))).toBe(column);
  });
});
