/**
 * Tests of recognising database failures by errno / code through Drizzle's wrapping.
 */
import { describe, expect, it } from "vitest";

import { classifyDbError, isTransientDbError } from "./errors.js";

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
