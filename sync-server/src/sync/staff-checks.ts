/**
 * Who did what: the staff ids a push names (`staffId`, `approvedByStaffId`)
 * are looked up once per batch, and a mutation naming someone the server does
 * not know for this store, or an approval by someone who is not a manager of
 * it, is recorded as sent and flagged `unknown_staff`. Offline sales are never
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
}

/** Who made a change and who approved it, as the device sent them. */
export interface MadeBy {
  staffId?: string;
  approvedByStaffId?: string;
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
      .select({ id: staff.id, name: staff.name, role: staff.role })
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
  if (by.staffId && !worksHere(known.get(by.staffId))) {
    findings.push(`staff ${by.staffId} is not known in store ${storeId}`);
  }
  if (by.approvedByStaffId) {
    const approver = known.get(by.approvedByStaffId);
    if (!worksHere(approver)) {
      findings.push(`approver ${by.approvedByStaffId} is not known in store ${storeId}`);
    } else if (approver!.role !== "manager") {
      findings.push(`approver ${by.approvedByStaffId} is a ${approver!.role}, not a manager`);
    }
  }
  return findings;
}
