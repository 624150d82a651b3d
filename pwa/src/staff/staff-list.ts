/**
 * The store's staff as this counter keeps them: refreshed from
 * GET /devices/me/staff whenever the counter is online and someone opens the
 * sign-in dialog, kept for offline use. A verifier, failure count and lock
 * survive a refresh, unless a manager set a new PIN (`pinVersion` changed):
 * then the old PIN's verifier is forgotten. Someone no longer listed
 * (disabled, PIN removed, moved to another store) is dropped, and signed out
 * if they were signed in.
 */
import type { CounterStaffList } from "@ocpizza/schema";

import { readMeta, type CounterDb } from "../db/database.js";
import type { StaffRow } from "../db/types.js";

export async function saveStaffList(
  db: CounterDb,
  list: CounterStaffList,
  nowMs: number = Date.now(),
): Promise<void> {
  await db.transaction("rw", db.staff, db.meta, async () => {
    const known = new Map((await db.staff.toArray()).map((row) => [row.id, row]));
    const listed = new Set(list.staff.map((member) => member.id));
    const rows: StaffRow[] = list.staff.map((member) => {
      const before = known.get(member.id);
      const samePin = before !== undefined && before.pinVersion === member.pinVersion;
      return {
        failures: 0,
        lockedUntilMs: null,
        ...before,
        verifier: samePin ? before.verifier : null,
        id: member.id,
        name: member.name,
        role: member.role,
        pinVersion: member.pinVersion,
        listedAtMs: nowMs,
      };
    });
    await db.staff.bulkPut(rows);
    await db.staff.bulkDelete([...known.keys()].filter((id) => !listed.has(id)));

    const meta = await readMeta(db);
    if (meta.signedIn && !listed.has(meta.signedIn.id)) {
      await db.meta.put({ ...meta, signedIn: null });
    }
  });
}

/** The staff a counter offers to sign in, by name. */
export async function staffByName(db: CounterDb): Promise<StaffRow[]> {
  return db.staff.orderBy("name").toArray();
}
