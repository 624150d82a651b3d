/**
 * The lockout of a staff member on this device: 5 wrong PINs in a row lock
 * them for 5 minutes. The count and the end of the lock are stored in the
 * staff row, so reloading the app does not lift it.
 */
import type { StaffRow } from "../db/types.js";

export const MAX_PIN_FAILURES = 5;
export const LOCK_MS = 5 * 60_000;

/** Until when the staff member is locked, or null when they may try. */
export function lockedUntil(row: Pick<StaffRow, "lockedUntilMs">, nowMs: number): number | null {
  return row.lockedUntilMs !== null && row.lockedUntilMs > nowMs ? row.lockedUntilMs : null;
}

/** The row after a wrong PIN: one more failure, or locked (and the count restarted). */
export function afterWrongPin(
  row: Pick<StaffRow, "failures" | "lockedUntilMs">,
  nowMs: number,
): { failures: number; lockedUntilMs: number | null } {
  const failures = (lockedUntil(row, nowMs) === null ? row.failures : 0) + 1;
  return failures >= MAX_PIN_FAILURES
    ? { failures: 0, lockedUntilMs: nowMs + LOCK_MS }
    : { failures, lockedUntilMs: null };
}
