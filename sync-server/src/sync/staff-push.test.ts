/**
 * Who did what: the staffId and approvedByStaffId of pushed mutations land on
 * the rows (orders, payments, journal entries, shifts, cash movements), a
 * staff id the server does not know for the store is recorded and flagged
 * `unknown_staff` (never refused), and pulls carry who took each order.
 */
import { describe, expect, it } from "vitest";

import { canonicalJson, newId, verifyChain, type MenuSnapshot } from "@ocpizza/schema";

import { createStaff } from "../testing/account-fixtures.js";
import {
  buildOrder,
  cashPayment,
  createMutation,
  getPull,
  outcomeCodes,
  pairDevice,
} from "../testing/fixtures.js";
import { useSyncWorld } from "../testing/sync-world.js";
import type { TestDatabase } from "../testing/test-database.js";
import { DeviceRegister, journalRows } from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;
const { push, query } = useSyncWorld((world) => ({ t, menu } = world));

const hex = (uuid: string) => uuid.replace(/-/g, "");
/** The register's stored tickets as verifyChain reads them. */
const chain = async (registerId: string) =>
  (await journalRows(t.pool, registerId)).map((row) => ({
    seq: row.seq,
    previousHash: row.previous_hash,
    hash: row.hash,
    content: JSON.parse(row.content) as unknown,
  }));
const idOf = (column: string) => `LOWER(HEX(${column})) AS ${column}`;

async function counterOf(storeId: string, role: "counter" | "manager" = "counter") {
  return (await createStaff(t.db, { role, storeIds: [storeId], password: null })).id;
}

describe("a sale pushed with the staff member signed in", () => {
  it("records who took the order and the payment, and the ticket's issuer", async () => {
    const device = await pairDevice(t, "bastille");
    const register = new DeviceRegister(device.deviceId, "bastille");
    const staffId = await counterOf("bastille");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const payment = cashPayment(order.totalCents);
    const ticket = register.sale(order, [payment], { servedBy: "Camille Martin" });

    const body = await push(device, [
      {
        ...createMutation(1, order, { payments: [payment], status: "completed" }),
        staffId,
        ticket,
      },
    ]);

    expect(outcomeCodes(body)).toEqual(["applied"]);
    const [row] = await query(
      `SELECT ${idOf("taken_by_staff_id")}, flags FROM orders WHERE id = UNHEX(?)`,
      [hex(order.id)],
    );
    expect(row).toMatchObject({ taken_by_staff_id: hex(staffId), flags: "" });
    const [paid] = await query(`SELECT ${idOf("staff_id")} FROM payments WHERE id = UNHEX(?)`, [
      hex(payment.id),
    ]);
    expect(paid.staff_id).toBe(hex(staffId));
    const [entry] = await query(
      `SELECT ${idOf("staff_id")}, content FROM journal_entries WHERE register_id = ?`,
      [device.deviceId],
    );
    expect(entry.staff_id).toBe(hex(staffId));
    expect(JSON.parse(entry.content).servedBy).toBe("Camille Martin");
    expect(verifyChain(await chain(device.deviceId))).toEqual([]);
  });

  it("is applied without a staffId, as entries queued before sign-in are", async () => {
    const device = await pairDevice(t, "bastille");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "S" }]);

    const body = await push(device, [createMutation(1, order)]);

    expect(outcomeCodes(body)).toEqual(["applied"]);
    const [row] = await query("SELECT taken_by_staff_id FROM orders WHERE id = UNHEX(?)", [
      hex(order.id),
    ]);
    expect(row.taken_by_staff_id).toBeNull();
  });

  it("keeps the hash of a ticket chained before servedBy existed", async () => {
    const device = await pairDevice(t, "bastille");
    const register = new DeviceRegister(device.deviceId, "bastille");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "S" }]);
    const payment = cashPayment(order.totalCents);
    const ticket = register.sale(order, [payment]);

    await push(device, [{ ...createMutation(1, order, { payments: [payment] }), ticket }]);

    const entries = await chain(device.deviceId);
    expect(canonicalJson(entries[0].content)).not.toContain("servedBy");
    expect(verifyChain(entries)).toEqual([]);
  });
});

describe("a staff id the server does not know for the store", () => {
  it("is recorded and the sale flagged unknown_staff, not refused", async () => {
    const device = await pairDevice(t, "bastille");
    const stranger = newId();
    const otherStore = await counterOf("montmartre");
    const first = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const second = buildOrder(menu, [{ productId: "hawaiian", size: "L" }]);

    const body = await push(device, [
      {
        ...createMutation(1, first, { payments: [cashPayment(first.totalCents)] }),
        staffId: stranger,
      },
      { ...createMutation(2, second), staffId: otherStore },
    ]);

    expect(outcomeCodes(body)).toEqual(["flagged:unknown_staff", "flagged:unknown_staff"]);
    expect(body.results[1].message).toContain(otherStore);
    const rows = await query(
      `SELECT ${idOf("taken_by_staff_id")}, flags FROM orders WHERE id IN (UNHEX(?), UNHEX(?))`,
      [hex(first.id), hex(second.id)],
    );
    expect(rows.map((r) => r.taken_by_staff_id).sort()).toEqual(
      [hex(stranger), hex(otherStore)].sort(),
    );
    expect(rows.every((r) => r.flags.includes("unknown_staff"))).toBe(true);
    const alerts = await query("SELECT kind FROM alerts WHERE order_id = UNHEX(?)", [
      hex(first.id),
    ]);
    expect(alerts).toEqual([{ kind: "sale_flagged" }]);
  });
});

describe("a status change and a credit note", () => {
  it("record who did them and the approving manager; a non-manager approval is flagged", async () => {
    const device = await pairDevice(t, "bastille");
    const register = new DeviceRegister(device.deviceId, "bastille");
    const clerk = await counterOf("bastille");
    const manager = await counterOf("bastille", "manager");
    const paidLater = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const voided = buildOrder(menu, [{ productId: "hawaiian", size: "S" }]);
    const payment = cashPayment(paidLater.totalCents);
    const ticket = register.sale(paidLater, [payment]);
    const refund = cashPayment(paidLater.totalCents);
    const at = Date.now();

    const body = await push(device, [
      { ...createMutation(1, paidLater), staffId: clerk },
      {
        seq: 2,
        atMs: at,
        kind: "order.pay",
        orderId: paidLater.id,
        payments: [payment],
        ticket,
        staffId: clerk,
      },
      {
        seq: 3,
        atMs: at,
        kind: "order.credit_note",
        orderId: paidLater.id,
        ticket: register.creditNote(ticket, [refund]),
        refunds: [refund],
        reason: "pizza brûlée",
        staffId: clerk,
        approvedByStaffId: manager,
      },
      { ...createMutation(4, voided), staffId: clerk },
      {
        seq: 5,
        atMs: at,
        kind: "order.status",
        orderId: voided.id,
        status: "cancelled",
        staffId: clerk,
        approvedByStaffId: clerk,
      },
    ]);

    expect(outcomeCodes(body)).toEqual([
      "applied",
      "applied",
      "applied",
      "applied",
      "flagged:unknown_staff",
    ]);
    expect(body.results[4].message).toContain("not a manager");
    const [order] = await query(
      `SELECT ${idOf("status_by_staff_id")}, ${idOf("status_approved_by_staff_id")}, status ` +
        "FROM orders WHERE id = UNHEX(?)",
      [hex(voided.id)],
    );
    expect(order).toEqual({
      status_by_staff_id: hex(clerk),
      status_approved_by_staff_id: hex(clerk),
      status: "cancelled",
    });
    const [refunded] = await query(
      `SELECT ${idOf("staff_id")}, ${idOf("approved_by_staff_id")}, amount_cents FROM payments ` +
        "WHERE order_id = UNHEX(?) AND amount_cents < 0",
      [hex(paidLater.id)],
    );
    expect(refunded).toMatchObject({ staff_id: hex(clerk), approved_by_staff_id: hex(manager) });
    const [credit] = await query(
      `SELECT ${idOf("approved_by_staff_id")} FROM journal_entries ` +
        "WHERE register_id = ? AND kind = 'credit_note'",
      [device.deviceId],
    );
    expect(credit.approved_by_staff_id).toBe(hex(manager));
  });
});

describe("the cash drawer", () => {
  it("records who opened, moved cash with whose approval, and closed it", async () => {
    const device = await pairDevice(t, "bastille");
    const clerk = await counterOf("bastille");
    const manager = await counterOf("bastille", "manager");
    const shiftId = newId();
    const movementId = newId();
    const at = Date.now();
    const amounts = { cashCents: 0, mealVoucherCents: 0, chequeCents: 0 };

    const body = await push(device, [
      {
        seq: 1,
        atMs: at,
        kind: "shift.open",
        shiftId,
        openedAtMs: at,
        floatCents: 10_000,
        staffId: clerk,
      },
      {
        seq: 2,
        atMs: at,
        kind: "shift.cash",
        movementId,
        shiftId,
        direction: "out",
        amountCents: 2_000,
        reason: "banque",
        staffId: clerk,
        approvedByStaffId: manager,
      },
      {
        seq: 3,
        atMs: at,
        kind: "shift.close",
        shiftId,
        closedAtMs: at,
        counted: amounts,
        expected: amounts,
        staffId: newId(),
      },
    ]);

    expect(outcomeCodes(body)).toEqual(["applied", "applied", "flagged:unknown_staff"]);
    const [shift] = await query(
      `SELECT ${idOf("opened_by_staff_id")}, closed_by_staff_id IS NOT NULL AS closed ` +
        "FROM shifts WHERE id = UNHEX(?)",
      [hex(shiftId)],
    );
    expect(shift).toMatchObject({ opened_by_staff_id: hex(clerk), closed: 1 });
    const [movement] = await query(
      `SELECT ${idOf("staff_id")}, ${idOf("approved_by_staff_id")} FROM cash_movements ` +
        "WHERE id = UNHEX(?)",
      [hex(movementId)],
    );
    expect(movement).toEqual({ staff_id: hex(clerk), approved_by_staff_id: hex(manager) });
    const alerts = await query("SELECT kind FROM alerts WHERE device_id = UNHEX(?)", [
      hex(device.deviceId),
    ]);
    expect(alerts).toEqual([{ kind: "staff_unknown" }]);
  });
});

describe("a pull", () => {
  it("carries who took each order, by id and name", async () => {
    const device = await pairDevice(t, "vincennes");
    const other = await pairDevice(t, "vincennes", "Caisse 2");
    const staffId = await counterOf("vincennes");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    await push(device, [{ ...createMutation(1, order), staffId }]);

    const pulled = await getPull(t.app, other, { since: 0 });

    const snapshot = pulled.body.orders.find((o: { id: string }) => o.id === order.id);
    expect(snapshot).toMatchObject({ takenByStaffId: staffId, takenByStaffName: "Camille Martin" });
  });
});
