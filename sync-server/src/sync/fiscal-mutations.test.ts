/**
 * Tests of the fiscal mutations: training sales, credit notes with their
 * refunds, cash shifts, and the triggers that keep journal entries and
 * closings from being changed or deleted in MySQL.
 */
import { describe, expect, it } from "vitest";

import { newId, type MenuSnapshot, type SalesReport } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  createMutation,
  pairDevice,
  statusMutation,
  type PairedDevice,
} from "../testing/fixtures.js";
import { useSyncWorld } from "../testing/sync-world.js";
import type { TestDatabase } from "../testing/test-database.js";
import { anomalies, DeviceRegister, journalRows } from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;
const { push, query } = useSyncWorld((world) => ({ t, menu } = world));

const hex = (uuid: string) => uuid.replace(/-/g, "");

async function soldAndTicketed(device: PairedDevice, register: DeviceRegister, seq: number) {
  const order = buildOrder(menu, [{ productId: "hawaiian", size: "L", quantity: 2 }]);
  const payment = cashPayment(order.totalCents);
  const ticket = register.sale(order, [payment]);
  await push(device, [
    { ...createMutation(seq, order, { payments: [payment], status: "completed" }), ticket },
  ]);
  return { order, ticket };
}

describe("a training sale", () => {
  it("is stored and journaled as training, and left out of the sales report", async () => {
    const device = await pairDevice(t, "vincennes");
    const register = new DeviceRegister(device.deviceId, "vincennes");
    const order = { ...buildOrder(menu, [{ productId: "hawaiian", size: "M" }]), training: true };
    const payment = cashPayment(order.totalCents);
    const real = buildOrder(menu, [{ productId: "hawaiian", size: "L" }]);

    await push(device, [
      {
        ...createMutation(1, order, { payments: [payment] }),
        ticket: register.sale(order, [payment]),
      },
      createMutation(2, real, { payments: [cashPayment(real.totalCents)] }),
    ]);

    const [row] = await query("SELECT training FROM orders WHERE id = UNHEX(?)", [hex(order.id)]);
    expect(row.training).toBe(1);
    expect((await journalRows(t.pool, device.deviceId))[0].training).toBe(true);
    const report = await t.app.request(
      `/api/v1/reports/sales?from=2020-01-01&to=2029-12-31&storeId=vincennes`,
      { headers: { authorization: `Bearer ${t.adminToken}` } },
    );
    const figures = (await report.json()) as { orders: number; revenueCents: number };
    expect(figures).toMatchObject({ orders: 1, revenueCents: real.totalCents });
  });
});

describe("a credit note", () => {
  it("is journaled, its refunds stored as negative payments, and the original order left as it was", async () => {
    const device = await pairDevice(t, "bastille");
    const register = new DeviceRegister(device.deviceId, "bastille");
    const { order, ticket } = await soldAndTicketed(device, register, 1);
    const [before] = await query("SELECT * FROM orders WHERE id = UNHEX(?)", [hex(order.id)]);
    const refund = cashPayment(order.totalCents);

    const body = await push(device, [
      {
        seq: 2,
        atMs: Date.now(),
        kind: "order.credit_note",
        orderId: order.id,
        ticket: register.creditNote(ticket, [refund]),
        refunds: [refund],
        reason: "pizza brûlée",
      },
    ]);

    expect(body.results[0].outcome).toBe("applied");
    const rows = await journalRows(t.pool, device.deviceId);
    expect(rows.map((r) => [r.seq, r.kind, r.total_cents])).toEqual([
      [1, "sale", order.totalCents],
      [2, "credit_note", -order.totalCents],
    ]);
    const refunds = await query(
      "SELECT amount_cents FROM payments WHERE order_id = UNHEX(?) ORDER BY amount_cents",
      [hex(order.id)],
    );
    expect(refunds.map((r) => r.amount_cents)).toEqual([-order.totalCents, order.totalCents]);
    const [after] = await query("SELECT * FROM orders WHERE id = UNHEX(?)", [hex(order.id)]);
    expect(after).toEqual(before);
    expect(await anomalies(t.pool, device.deviceId)).toEqual([]);
  });

  it("lowers the sales report's revenue, VAT and category on the day it is issued", async () => {
    const device = await pairDevice(t, "batignolles");
    const register = new DeviceRegister(device.deviceId, "batignolles");
    const { order, ticket } = await soldAndTicketed(device, register, 1);
    const kept = await soldAndTicketed(device, register, 2);
    const refund = cashPayment(order.totalCents);
    await push(device, [
      {
        seq: 3,
        atMs: Date.now(),
        kind: "order.credit_note",
        orderId: order.id,
        ticket: register.creditNote(ticket, [refund]),
        refunds: [refund],
        reason: "commande en double",
      },
    ]);

    const response = await t.app.request(
      "/api/v1/reports/sales?from=2020-01-01&to=2029-12-31&storeId=batignolles",
      { headers: { authorization: `Bearer ${t.adminToken}` } },
    );
    const report = (await response.json()) as SalesReport;
    const net = kept.order.totalCents;
    expect(report).toMatchObject({
      orders: 2,
      revenueCents: net,
      creditNotes: { count: 1, totalCents: -order.totalCents },
    });
    expect(Object.values(report.vatByRate).reduce((sum, r) => sum + r.revenueCents, 0)).toBe(net);
    expect(Object.values(report.byDay).reduce((sum, d) => sum + d.revenueCents, 0)).toBe(net);
    expect(report.byCategory.Classic.revenueCents).toBe(net);
    expect(report.byPaymentMethod.cash.amountCents).toBe(net);
  });

  it("correcting a ticket the server does not hold is journaled with a mismatch", async () => {
    const device = await pairDevice(t, "bastille");
    const register = new DeviceRegister(device.deviceId, "bastille");
    const { order, ticket } = await soldAndTicketed(device, register, 1);
    const note = register.creditNote({ ...ticket, content: { ...ticket.content, seq: 99 } }, []);

    await push(device, [
      {
        seq: 2,
        atMs: Date.now(),
        kind: "order.credit_note",
        orderId: order.id,
        ticket: note,
        refunds: [],
        reason: "erreur",
      },
    ]);

    const [anomaly] = await anomalies(t.pool, device.deviceId);
    expect(anomaly).toMatchObject({ seq: 2, kind: "mismatch" });
    expect(anomaly.message).toMatch(/ticket 99 .* does not hold/);
  });

  it("makes cancelling the ticket still impossible: order_is_ticket", async () => {
    const device = await pairDevice(t, "bastille");
    const register = new DeviceRegister(device.deviceId, "bastille");
    const { order } = await soldAndTicketed(device, register, 1);

    const body = await push(device, [statusMutation(2, order.id, "cancelled")]);

    expect(body.results[0]).toMatchObject({ outcome: "rejected", code: "order_is_ticket" });
  });
});

describe("a cash shift", () => {
  it("is opened, moved and closed once each, with counted minus expected per tender", async () => {
    const device = await pairDevice(t, "bastille");
    const shiftId = newId();
    const movementId = newId();
    const now = Date.now();
    const mutations = [
      { seq: 1, atMs: now, kind: "shift.open", shiftId, openedAtMs: now, floatCents: 15_000 },
      {
        seq: 2,
        atMs: now,
        kind: "shift.cash",
        movementId,
        shiftId,
        direction: "out",
        amountCents: 2_000,
        reason: "farine",
      },
      {
        seq: 3,
        atMs: now,
        kind: "shift.close",
        shiftId,
        closedAtMs: now + 1000,
        counted: { cashCents: 13_450, mealVoucherCents: 2_000, chequeCents: 0 },
        expected: { cashCents: 13_000, mealVoucherCents: 2_500, chequeCents: 0 },
      },
    ];

    const first = await push(device, mutations);
    const again = await push(
      device,
      mutations.map((m, i) => ({ ...m, seq: 4 + i })),
    );

    expect(first.results.map((r) => r.outcome)).toEqual(["applied", "applied", "applied"]);
    expect(again.results.map((r) => r.outcome)).toEqual(["duplicate", "duplicate", "duplicate"]);
    const [shift] = await query("SELECT * FROM shifts WHERE id = UNHEX(?)", [hex(shiftId)]);
    expect(shift).toMatchObject({
      float_cents: 15_000,
      difference_cash_cents: 450,
      difference_meal_voucher_cents: -500,
      difference_cheque_cents: 0,
    });
    expect(await query("SELECT direction, amount_cents FROM cash_movements")).toEqual([
      { direction: "out", amount_cents: 2_000 },
    ]);
  });

  it("that was never opened refuses cash and closing with unknown_shift", async () => {
    const device = await pairDevice(t, "bastille");
    const shiftId = newId();

    const body = await push(device, [
      {
        seq: 1,
        atMs: Date.now(),
        kind: "shift.cash",
        movementId: newId(),
        shiftId,
        direction: "in",
        amountCents: 100,
        reason: "monnaie",
      },
    ]);

    expect(body.results[0]).toMatchObject({ outcome: "rejected", code: "unknown_shift" });
  });
});

describe("the journal in MySQL", () => {
  it.each([
    ["UPDATE journal_entries SET total_cents = 0", /append-only/],
    ["DELETE FROM journal_entries", /append-only/],
  ])("refuses %s", async (statement, message) => {
    const device = await pairDevice(t, "bastille");
    await soldAndTicketed(device, new DeviceRegister(device.deviceId, "bastille"), 1);

    await expect(t.pool.query(statement)).rejects.toThrow(message);
    expect((await journalRows(t.pool, device.deviceId))[0].total_cents).toBeGreaterThan(0);
  });

  it("refuses changing or deleting a closing", async () => {
    await t.pool.query(
      `INSERT INTO closings (id, store_id, scope, period, period_key, totals, total_cents, grand_total_cents, seq, previous_hash, hash, content, closed_at, closed_by)
       VALUES (UNHEX(REPLACE(UUID(), '-', '')), 'vincennes', 'store', 'day', '2026-01-01', '{}', 0, 0, 1, REPEAT('0', 64), REPEAT('1', 64), '{}', NOW(3), 'test')`,
    );

    await expect(t.pool.query("UPDATE closings SET total_cents = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.pool.query("DELETE FROM closings")).rejects.toThrow(/append-only/);
  });
});
