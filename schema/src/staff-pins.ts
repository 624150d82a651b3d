/**
 * Staff PINs: the PIN a manager sets for a staff member, and what a paired
 * counter asks the server about them (the store's staff who have a PIN, and
 * checking one). The rules of a PIN live here so the manager screens, the
 * counter and the server refuse the same PINs. docs/security.md explains them.
 */
import { z } from "zod";

import type { StaffRole } from "./accounts.js";

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 6;

/**
 * Why a PIN is refused, or null when it is acceptable: 4 to 6 ASCII digits,
 * not one digit repeated (0000) and not a run up or down (1234, 9876, 890123
 * does not wrap). Such PINs are the first ones anybody tries.
 */
export function pinProblem(pin: string): string | null {
  if (!/^[0-9]*$/.test(pin)) return "must be digits 0-9 only";
  if (pin.length < PIN_MIN_DIGITS || pin.length > PIN_MAX_DIGITS) {
    return `must have ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits`;
  }
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => d - digits[i]);
  if (steps.every((step) => step === 0)) return "is too easy to guess (one digit repeated)";
  if (steps.every((step) => step === 1) || steps.every((step) => step === -1)) {
    return "is too easy to guess (digits in a row)";
  }
  return null;
}

/** A PIN as a manager sets it: checked with pinProblem. */
export const newPinSchema = z.string().superRefine((pin, context) => {
  const problem = pinProblem(pin);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/** `PUT /api/v1/admin/staff/:staffId/pin`. */
export const setPinRequestSchema = z.object({ pin: newPinSchema }).strict();
export type SetPinRequest = z.infer<typeof setPinRequestSchema>;

/** `POST /api/v1/devices/me/pin-check`: any 4 to 6 digits (an old PIN may be "trivial"). */
export const pinCheckRequestSchema = z
  .object({
    staffId: z.uuid({ message: "must be a staff id (a UUID)" }),
    pin: z.string().regex(/^[0-9]{4,6}$/, "must be 4 to 6 digits 0-9"),
  })
  .strict();
export type PinCheckRequest = z.infer<typeof pinCheckRequestSchema>;

/** A staff member as a counter sees them: no email, no hash. */
export interface CounterStaff {
  id: string;
  name: string;
  role: StaffRole;
}

/** A staff member in the counter's list, with a tag that changes whenever their PIN is set. */
export interface ListedStaff extends CounterStaff {
  /**
   * Opaque, changes when a manager sets a new PIN: a counter then forgets the
   * verifier of the old PIN, so the old PIN stops working there.
   */
  pinVersion: string;
}

/** `GET /api/v1/devices/me/staff`: the store's active staff who have a PIN, by name. */
export interface CounterStaffList {
  storeId: string;
  staff: ListedStaff[];
}

/** `POST /api/v1/devices/me/pin-check`, when the PIN is right. */
export interface PinCheckAnswer {
  ok: true;
  staff: CounterStaff;
}
