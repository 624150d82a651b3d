/**
 * Bad requests to the PIN endpoints: setting a PIN (with the admin token) and
 * checking one from a paired counter. Each gets a 4xx naming the field,
 * nothing is written (no row, no attempt counted, no PIN hash set).
 */
import type { RowDataPacket } from "mysql2/promise";
import { describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";

import { createStaff } from "../testing/account-fixtures.js";
import { call, describeBadRequests, type Case, type World } from "../testing/bad-requests.js";

const SQL = "' OR '1'='1'; DROP TABLE staff; --";
const SCRIPT = "<script>alert(1)</script>";

/** A counter staff member of bastille without a PIN, created by the setup. */
let target = "";
let world: World | undefined;

const setPin = (json: unknown, raw?: string, staffId?: string) => (w: World) =>
  call(w, "PUT", `/api/v1/admin/staff/${staffId ?? target}/pin`, {
    token: w.t.adminToken,
    json,
    raw,
  });
const pinCheck = (json: unknown) => (w: World) =>
  call(w, "POST", "/api/v1/devices/me/pin-check", { token: w.storeA.token, json });

const cases: Case[] = [
  ["set: malformed JSON", setPin(undefined, '{"pin":'), 400, "invalid_json"],
  ["set: no pin", setPin({}), 400, "invalid_message", /pin/],
  ["set: pin not a string", setPin({ pin: 4826 }), 400, "invalid_message", /pin/],
  ["set: letters", setPin({ pin: "48a6" }), 400, "invalid_message", /pin.*digits/],
  ["set: three digits", setPin({ pin: "482" }), 400, "invalid_message", /pin/],
  ["set: seven digits", setPin({ pin: "4826193" }), 400, "invalid_message", /pin/],
  ["set: a very long pin", setPin({ pin: "4".repeat(10_000) }), 400, "invalid_message", /pin/],
  ["set: arabic-indic digits", setPin({ pin: "٤٨٢٦" }), 400, "invalid_message", /pin/],
  ["set: full-width digits", setPin({ pin: "４８２６" }), 400, "invalid_message", /pin/],
  ["set: spaces around", setPin({ pin: " 4826 " }), 400, "invalid_message", /pin/],
  ["set: one digit repeated", setPin({ pin: "0000" }), 400, "invalid_message", /pin.*guess/],
  ["set: digits in a row", setPin({ pin: "1234" }), 400, "invalid_message", /pin.*guess/],
  ["set: digits in a row down", setPin({ pin: "987654" }), 400, "invalid_message", /pin/],
  ["set: an SQL fragment", setPin({ pin: SQL }), 400, "invalid_message", /pin/],
  ["set: a script", setPin({ pin: SCRIPT }), 400, "invalid_message", /pin/],
  ["set: an extra field", setPin({ pin: "4826", role: "manager" }), 400, "invalid_message", /role/],
  [
    "set: not a staff id",
    setPin({ pin: "4826" }, undefined, "1' OR 1=1"),
    400,
    "invalid_message",
    /staffId/,
  ],
  ["set: an unknown staff id", setPin({ pin: "4826" }, undefined, newId()), 404, "not_found"],
  [
    "check: malformed JSON",
    (w) => call(w, "POST", "/api/v1/devices/me/pin-check", { token: w.storeA.token, raw: "{" }),
    400,
    "invalid_json",
  ],
  ["check: no staffId", pinCheck({ pin: "4826" }), 400, "invalid_message", /staffId/],
  [
    "check: staffId not a UUID",
    pinCheck({ staffId: SQL, pin: "4826" }),
    400,
    "invalid_message",
    /staffId/,
  ],
  ["check: no pin", pinCheck({ staffId: newId() }), 400, "invalid_message", /pin/],
  ["check: letters", pinCheck({ staffId: newId(), pin: "abcd" }), 400, "invalid_message", /pin/],
  [
    "check: too long",
    pinCheck({ staffId: newId(), pin: "1234567" }),
    400,
    "invalid_message",
    /pin/,
  ],
  [
    "check: arabic-indic digits",
    pinCheck({ staffId: newId(), pin: "٤٨٢٦" }),
    400,
    "invalid_message",
    /pin/,
  ],
  ["check: a script", pinCheck({ staffId: newId(), pin: SCRIPT }), 400, "invalid_message", /pin/],
  [
    "check: a revoked device",
    (w) =>
      call(w, "POST", "/api/v1/devices/me/pin-check", {
        token: w.revoked.token,
        json: { staffId: newId(), pin: "4826" },
      }),
    401,
    "unauthorized",
  ],
];

describeBadRequests("a bad PIN request", cases, async (w) => {
  world = w;
  target = (await createStaff(w.t.db, { role: "counter", password: null })).id;
});

describe("after every bad PIN request", () => {
  it("the staff member still has no PIN", async () => {
    const [rows] = await world!.t.pool.query<RowDataPacket[]>(
      "SELECT pin_hash FROM staff WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [target],
    );
    expect(rows[0].pin_hash).toBeNull();
  });
});
