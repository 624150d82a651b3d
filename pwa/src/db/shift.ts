/**
 * The cash drawer of this device: opening a shift with its float, cash put in
 * or taken out, closing with the count. Each writes its rows and its shift.*
 * outbox entry in one transaction. Payments and refunds reach the drawer
 * through `takeIntoDrawer`, called by the sale and payment commands.
 */
import { newId, type PaymentMethod } from "@ocpizza/schema";

import { expectedDrawer, type ExpectedDrawer } from "../drawer/expected.js";
import { CommandError } from "./command-error.js";
import { readMeta, type CounterDb } from "./database.js";
import { appendMutation } from "./outbox.js";
import { madeBy, requireManager } from "./staff-stamp.js";
import type { DeviceMeta, DrawerAmounts, DrawerRow, ShiftRow } from "./types.js";

/** The open shift's id, or a refusal: no sale and no payment without an open drawer. */
export function requireOpenShift(meta: DeviceMeta): string {
  if (!meta.openShiftId) {
    throw new CommandError("no_open_shift", "open the cash drawer (float) before selling");
  }
  return meta.openShiftId;
}

/**
 * Writes payments (positive) or refunds into the open shift's drawer.
 * Training sales move no real money: nothing is written for them.
 */
export async function takeIntoDrawer(
  db: CounterDb,
  shiftId: string,
  source: "payment" | "refund",
  orderId: string,
  payments: {
    method: PaymentMethod;
    amountCents: number;
    tenderedCents?: number;
    changeCents: number;
  }[],
  atMs: number,
  by: { staffId?: string; approvedByStaffId?: string } = {},
): Promise<void> {
  for (const p of payments) {
    await db.drawer.add({
      id: newId(),
      shiftId,
      source,
      method: p.method,
      amountCents: source === "refund" ? -p.amountCents : p.amountCents,
      tenderedCents: source === "payment" ? p.tenderedCents : undefined,
      changeCents: source === "payment" ? p.changeCents : 0,
      atMs,
      orderId,
      reason: null,
      staffId: by.staffId ?? null,
      ...(by.approvedByStaffId ? { approvedByStaffId: by.approvedByStaffId } : {}),
    });
  }
}

const SHIFT_TABLES = (db: CounterDb) => [db.meta, db.outbox, db.shifts, db.drawer, db.staff];

export async function openShift(
  db: CounterDb,
  floatCents: number,
  nowMs: number = Date.now(),
): Promise<ShiftRow> {
  return db.transaction("rw", SHIFT_TABLES(db), async () => {
    const meta = await readMeta(db);
    if (!meta.credential) throw new CommandError("not_paired", "pair this counter first");
    if (meta.openShiftId) {
      throw new CommandError("shift_already_open", `shift ${meta.openShiftId} is still open`);
    }

    const shift: ShiftRow = {
      id: newId(),
      openedAtMs: nowMs,
      floatCents,
      closedAtMs: null,
      counted: null,
      expected: null,
    };
    await appendMutation(
      db,
      {
        kind: "shift.open",
        atMs: nowMs,
        ...madeBy(meta),
        shiftId: shift.id,
        openedAtMs: nowMs,
        floatCents,
      },
      shift.id,
    );
    await db.shifts.add(shift);
    await db.meta.put({ ...(await readMeta(db)), openShiftId: shift.id });
    return shift;
  });
}

/**
 * Cash in or out of the drawer outside a sale: the drawer opens without a
 * sale, so a manager's PIN approves it (`approvedByStaffId`).
 */
export async function moveCash(
  db: CounterDb,
  direction: "in" | "out",
  amountCents: number,
  reason: string,
  nowMs: number = Date.now(),
  approvedByStaffId?: string,
): Promise<DrawerRow> {
  return db.transaction("rw", SHIFT_TABLES(db), async () => {
    const meta = await readMeta(db);
    const shiftId = requireOpenShift(meta);
    const approver = await requireManager(db, approvedByStaffId);
    const movementId = newId();
    const entry = await appendMutation(
      db,
      {
        kind: "shift.cash",
        atMs: nowMs,
        ...madeBy(meta),
        approvedByStaffId: approver,
        movementId,
        shiftId,
        direction,
        amountCents,
        reason,
      },
      shiftId,
    );
    const row: DrawerRow = {
      id: movementId,
      shiftId,
      source: "movement",
      method: "cash",
      amountCents: direction === "in" ? amountCents : -amountCents,
      changeCents: 0,
      atMs: nowMs,
      orderId: null,
      reason: entry.mutation.kind === "shift.cash" ? entry.mutation.reason : reason,
      staffId: meta.signedIn?.id ?? null,
      approvedByStaffId: approver,
    };
    await db.drawer.add(row);
    return row;
  });
}

/** What the open shift's drawer should hold now; null when no shift is open. */
export async function currentDrawer(
  db: CounterDb,
): Promise<{ shift: ShiftRow; expected: ExpectedDrawer } | null> {
  return db.transaction("r", [db.meta, db.shifts, db.drawer], async () => {
    const meta = await db.meta.get("device");
    const shift = meta?.openShiftId ? await db.shifts.get(meta.openShiftId) : undefined;
    if (!shift) return null;
    const rows = await db.drawer.where("shiftId").equals(shift.id).toArray();
    return { shift, expected: expectedDrawer(shift.floatCents, rows) };
  });
}

export async function closeShift(
  db: CounterDb,
  counted: DrawerAmounts,
  nowMs: number = Date.now(),
): Promise<ShiftRow> {
  return db.transaction("rw", SHIFT_TABLES(db), async () => {
    const shiftId = requireOpenShift(await readMeta(db));
    const shift = await db.shifts.get(shiftId);
    if (!shift) throw new CommandError("no_open_shift", `shift ${shiftId} is not on this counter`);

    const rows = await db.drawer.where("shiftId").equals(shiftId).toArray();
    const full = expectedDrawer(shift.floatCents, rows);
    const expected: DrawerAmounts = {
      cashCents: full.cashCents,
      mealVoucherCents: full.mealVoucherCents,
      chequeCents: full.chequeCents,
    };
    // The protocol carries amounts of 0 or more: a drawer expected below zero is sent as 0.
    const sent = {
      cashCents: Math.max(0, expected.cashCents),
      mealVoucherCents: Math.max(0, expected.mealVoucherCents),
      chequeCents: Math.max(0, expected.chequeCents),
    };
    await appendMutation(
      db,
      {
        kind: "shift.close",
        atMs: nowMs,
        ...madeBy(await readMeta(db)),
        shiftId,
        closedAtMs: nowMs,
        counted,
        expected: sent,
      },
      shiftId,
    );
    const closed: ShiftRow = { ...shift, closedAtMs: nowMs, counted, expected };
    await db.shifts.put(closed);
    await db.meta.put({ ...(await readMeta(db)), openShiftId: null });
    return closed;
  });
}
