/**
 * Who did what: the staff ids a push names (`staffId`, `approvedByStaffId`)
 * are looked up once per batch, and a mutation naming someone the server does
 * not know for this store, or an approval by someone who is not a manager of
 * it, is recorded as sent and flagged `unknown_staff`; so is a change by or
 * approved by someone since disabled, and an action that needs a manager's
 * approval sent by a signed-in clerk without one. Offline sales are never
 * refused for who made them: a counter may know a PIN the server has since lost.
 */
import { inArray } from "drizzle-orm";

import type { Mutation } from "@ocpizza/schema";
import { ALL_STORES, staff, staffStores, type StaffRole } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export interface KnownStaff {
  name: string;
  role: StaffRole;
  storeIds: string[];
  disabledAtMs: number | null;
}

/** Who made a change and who approved it, as the device sent them. */
export interface MadeBy {
  staffId?: string;
  approvedByStaffId?: string;
  /** A drawer opened without a sale or a refund: the counter always asks a manager's PIN. */
  needsApproval?: boolean;
}

/** One query for every staff id the batch names. */
export async function lookUpStaff(
  db: Database,
  batch: readonly Mutation[],
): Promise<Map<string, KnownStaff>> {
  const ids = new Set<string>();
  for (const mutation of batch) {
    if (mutation.staffId) ids.add(mutation.staffId);
    if ("approvedByStaffId" in mutation && mutation.approvedByStaffId) {
      ids.add(mutation.approvedByStaffId);
    }
  }
  if (ids.size === 0) return new Map();
  const [rows, links] = await Promise.all([
    db
      .select({ id: staff.id, name: staff.name, role: staff.role, disabledAt: staff.disabledAt })
      .from(staff)
      .where(inArray(staff.id, [...ids])),
    db
      .select({ staffId: staffStores.staffId, storeId: staffStores.storeId })
      .from(staffStores)
      .where(inArray(staffStores.staffId, [...ids])),
  ]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: row.name,
        role: row.role,
        storeIds: links.filter((link) => link.staffId === row.id).map((link) => link.storeId),
        disabledAtMs: row.disabledAt?.getTime() ?? null,
      },
    ]),
  );
}

/** Sentences naming each staff id of `by` that does not fit this store; empty when all do. */
export function staffFindings(
  known: ReadonlyMap<string, KnownStaff>,
  storeId: string,
  by: MadeBy,
): string[] {
  const findings: string[] = [];
  const worksHere = (member: KnownStaff | undefined) =>
    member !== undefined &&
    (member.storeIds.includes(storeId) || member.storeIds.includes(ALL_STORES));
  // A counter keeps a disabled person's PIN until it next lists its staff (offline, for a while).
  const disabled = (id: string) => {
    const atMs = known.get(id)?.disabledAtMs;
    return atMs == null ? null : `${id} is disabled (since ${new Date(atMs).toISOString()})`;
  };
  if (by.staffId && !worksHere(known.get(by.staffId))) {
    findings.push(`staff ${by.staffId} is not known in store ${storeId}`);
  } else if (by.staffId && disabled(by.staffId)) {
    findings.push(`staff ${disabled(by.staffId)}`);
  }
  if (by.approvedByStaffId) {
    const approver = known.get(by.approvedByStaffId);
    if (!worksHere(approver)) {
      findings.push(`approver ${by.approvedByStaffId} is not known in store ${storeId}`);
    } else if (approver!.role !== "manager") {
      findings.push(`approver ${by.approvedByStaffId} is a ${approver!.role}, not a manager`);
    } else if (disabled(by.approvedByStaffId)) {
      findings.push(`approver ${disabled(by.approvedByStaffId)}`);
    }
  } else if (by.needsApproval && by.staffId) {
    // Sent before sign-in existed, a mutation has no staffId: only a signed-in clerk is expected to.
    findings.push(`staff ${by.staffId} did this without a manager's approval`);
  }
  return findings;
}
