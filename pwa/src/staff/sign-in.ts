/**
 * Signing in on the counter with a PIN, and a manager approving a sensitive
 * action. A PIN is checked on the device against the stored verifier; when
 * there is none yet (or it does not match, the PIN may have changed) and the
 * server can be reached, the server checks it and the verifier is stored.
 * Offline, a staff member never verified on this device cannot sign in.
 * Wrong PINs count towards the lockout of lockout.ts.
 */
import type { PinCheckAnswer } from "@ocpizza/schema";

import { readMeta, type CounterDb } from "../db/database.js";
import type { SignedInStaff, StaffRow } from "../db/types.js";
import { ApiError } from "../sync/api.js";
import { afterWrongPin, lockedUntil, MAX_PIN_FAILURES } from "./lockout.js";
import { pinKey } from "./pin-key.js";
import { pinVerifier, sameVerifier } from "./verifier.js";

/** Asks the server whether the PIN is right (POST /devices/me/pin-check); throws when not. */
export type PinChecker = (staffId: string, pin: string) => Promise<PinCheckAnswer>;

export type PinResult =
  | { ok: true; staff: StaffRow }
  | { ok: false; reason: "wrong_pin"; failuresLeft: number }
  | { ok: false; reason: "locked"; untilMs: number }
  /** Never verified on this device, and the server cannot be reached to check. */
  | { ok: false; reason: "needs_online" }
  | { ok: false; reason: "unknown_staff" }
  | { ok: false; reason: "not_manager" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number | null };

/** Checks a staff member's PIN on this device (and with the server when it has to). */
export async function verifyPin(
  db: CounterDb,
  check: PinChecker | null,
  staffId: string,
  pin: string,
  nowMs: number = Date.now(),
): Promise<PinResult> {
  const row = await db.staff.get(staffId);
  if (!row) return { ok: false, reason: "unknown_staff" };
  const until = lockedUntil(row, nowMs);
  if (until !== null) return { ok: false, reason: "locked", untilMs: until };

  const candidate = await pinVerifier(await pinKey(db, nowMs), staffId, pin);
  if (row.verifier !== null && sameVerifier(row.verifier, candidate)) {
    return succeed(db, row, candidate, nowMs);
  }
  if (!check) return row.verifier === null ? needsOnline() : wrongPin(db, row, nowMs);

  try {
    const answer = await check(staffId, pin);
    const named = { ...row, name: answer.staff.name, role: answer.staff.role };
    return succeed(db, named, candidate, nowMs);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return wrongPin(db, row, nowMs);
    if (error instanceof ApiError && error.status === 429) {
      return { ok: false, reason: "rate_limited", retryAfterMs: error.retryAfterMs };
    }
    // The server was not reached: only a stored verifier could have said yes.
    return row.verifier === null ? needsOnline() : wrongPin(db, row, nowMs);
  }
}

/** Verifies the PIN and makes this staff member the one at the counter. */
export async function signIn(
  db: CounterDb,
  check: PinChecker | null,
  staffId: string,
  pin: string,
  nowMs: number = Date.now(),
): Promise<PinResult> {
  const result = await verifyPin(db, check, staffId, pin, nowMs);
  if (!result.ok) return result;
  const signedIn: SignedInStaff = {
    id: result.staff.id,
    name: result.staff.name,
    role: result.staff.role,
    sinceMs: nowMs,
  };
  await db.transaction("rw", db.meta, async () => {
    await db.meta.put({ ...(await readMeta(db)), signedIn });
  });
  return result;
}

/** A manager's PIN for a sensitive action: their id goes on the command as its approver. */
export async function approveAsManager(
  db: CounterDb,
  check: PinChecker | null,
  staffId: string,
  pin: string,
  nowMs: number = Date.now(),
): Promise<PinResult> {
  const row = await db.staff.get(staffId);
  if (row && row.role !== "manager") return { ok: false, reason: "not_manager" };
  return verifyPin(db, check, staffId, pin, nowMs);
}

export async function signOut(db: CounterDb): Promise<void> {
  await db.transaction("rw", db.meta, async () => {
    await db.meta.put({ ...(await readMeta(db)), signedIn: null });
  });
}

// Both read the row again in a transaction: PINs tried all at once (from several tabs, or
// many at a time) each count, and none gets past a lock the others have just set.
async function succeed(
  db: CounterDb,
  row: StaffRow,
  verifier: string,
  nowMs: number,
): Promise<PinResult> {
  return db.transaction("rw", db.staff, async (): Promise<PinResult> => {
    const until = lockedUntil((await db.staff.get(row.id)) ?? row, nowMs);
    if (until !== null) return { ok: false, reason: "locked", untilMs: until };
    const staff: StaffRow = { ...row, verifier, failures: 0, lockedUntilMs: null };
    await db.staff.put(staff);
    return { ok: true, staff };
  });
}

async function wrongPin(db: CounterDb, row: StaffRow, nowMs: number): Promise<PinResult> {
  const next = await db.transaction("rw", db.staff, async () => {
    const current = (await db.staff.get(row.id)) ?? row;
    const until = lockedUntil(current, nowMs);
    if (until !== null) return { failures: 0, lockedUntilMs: until };
    const counted = afterWrongPin(current, nowMs);
    await db.staff.update(row.id, counted);
    return counted;
  });
  if (next.lockedUntilMs !== null) {
    return { ok: false, reason: "locked", untilMs: next.lockedUntilMs };
  }
  return { ok: false, reason: "wrong_pin", failuresLeft: MAX_PIN_FAILURES - next.failures };
}

function needsOnline(): PinResult {
  return { ok: false, reason: "needs_online" };
}
