/**
 * Manager approvals as an attacker or a careless counter sends them: a drawer
 * opened (cash out) with the approval of a manager who has since been
 * disabled, with no approval at all by a signed-in clerk, or approved by a
 * manager of another store. Each is recorded (a sale is never refused) and
 * flagged `unknown_staff`, with an alert, for a manager to look at.
 */
import { describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";

import { createStaff } from "../testing/account-fixtures.js";
import { authRequest } from "../testing/account-fixtures.js";
import { outcomeCodes, pairDevice, type PairedDevice } from "../testing/fixtures.js";
import { useSyncWorld } from "../testing/sync-world.js";
import type { TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
const { push, query } = useSyncWorld((world) => ({ t } = world));

async function staffOf(storeId: string, role: "counter" | "manager") {
  return (await createStaff(t.db, { role, storeIds: [storeId], password: null })).id;
}

const seqs = new Map<string, number>();

/** Opens a shift and takes 20 € out of the drawer, approved by `approvedByStaffId`. */
async function cashOut(device: PairedDevice, by: { staffId: string; approvedByStaffId?: string }) {
  const shiftId = newId();
  const at = Date.now();
  const seq = seqs.get(device.deviceId) ?? 0;
  seqs.set(device.deviceId, seq + 2);
  const body = await push(device, [
    { seq: seq + 1, atMs: at, kind: "shift.open", shiftId, openedAtMs: at, floatCents: 10_000 },
    {
      seq: seq + 2,
      atMs: at,
      kind: "shift.cash",
      movementId: newId(),
      shiftId,
      direction: "out",
      amountCents: 2_000,
      reason: "banque",
      ...by,
    },
  ]);
  return outcomeCodes(body)[1];
}

describe("a drawer opened without a sale", () => {
  it("is flagged when its approving manager was disabled before", async () => {
    const device = await pairDevice(t, "bastille");
    const clerk = await staffOf("bastille", "counter");
    const fired = await staffOf("bastille", "manager");
    const disabled = await authRequest(t.app, "PATCH", `/api/v1/admin/staff/${fired}`, {
      json: { disabled: true },
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(disabled.status).toBe(200);

    expect(await cashOut(device, { staffId: clerk, approvedByStaffId: fired })).toBe(
      "flagged:unknown_staff",
    );
    const alerts = await query("SELECT message FROM alerts WHERE device_id = UNHEX(?)", [
      device.deviceId.replace(/-/g, ""),
    ]);
    expect(alerts.map((a) => a.message).join()).toContain(`${fired} is disabled`);
  });

  it("is flagged when a signed-in clerk sends it with no manager's approval", async () => {
    const device = await pairDevice(t, "bastille");
    const clerk = await staffOf("bastille", "counter");

    expect(await cashOut(device, { staffId: clerk })).toBe("flagged:unknown_staff");
  });

  it("is flagged when approved by a manager of another store, applied when by one of this store", async () => {
    const device = await pairDevice(t, "bastille");
    const clerk = await staffOf("bastille", "counter");
    const elsewhere = await staffOf("montmartre", "manager");
    const here = await staffOf("bastille", "manager");

    expect(await cashOut(device, { staffId: clerk, approvedByStaffId: elsewhere })).toBe(
      "flagged:unknown_staff",
    );
    expect(await cashOut(device, { staffId: clerk, approvedByStaffId: here })).toBe("applied");
  });
});
