/**
 * Who makes a command: the staff member signed in on the counter (their id
 * goes on the outbox mutation and the local rows) and, for a sensitive
 * action, the manager who approved it with their PIN. Read inside the
 * command's transaction (with `meta` and `staff`).
 */
import { CommandError } from "./command-error.js";
import type { CounterDb } from "./database.js";
import type { DeviceMeta, SignedInStaff } from "./types.js";

/** `{ staffId }` of the signed-in staff member, or nothing (queued the same either way). */
export function madeBy(meta: DeviceMeta): { staffId?: string } {
  return meta.signedIn ? { staffId: meta.signedIn.id } : {};
}

/** The signed-in staff member, or a refusal: taking an order needs someone signed in. */
export function requireSignedIn(meta: DeviceMeta): SignedInStaff {
  if (!meta.signedIn) {
    throw new CommandError("not_signed_in", "sign in with your PIN before taking an order");
  }
  return meta.signedIn;
}

/**
 * The approving manager's id, or a refusal when there is none or they are
 * not a manager this counter knows (ManagerPinDialog checked their PIN).
 */
export async function requireManager(
  db: CounterDb,
  approvedByStaffId: string | undefined,
): Promise<string> {
  const approver = approvedByStaffId ? await db.staff.get(approvedByStaffId) : undefined;
  if (!approver || approver.role !== "manager") {
    throw new CommandError("manager_required", "a manager's PIN is needed for this action");
  }
  return approver.id;
}
