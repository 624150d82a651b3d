/**
 * Tests that the sales report deducts the same credit notes as the X report
 * and the closings (countsInFigures): a second credit note of a ticket is not
 * deducted twice, a credit note's training status is its ticket's, and a
 * credit note worth more than its sale (or refunding more than it credits)
 * is flagged refund_exceeds and deducted nowhere.
 */
import type { RowDataPacket } from "mysql2/promise";
import { describe, expect, it } from "vitest";

import {
  businessDay,
  type JournalEntry,
  type MenuSnapshot,
  type Order,
  type Payment,
  type SalesDashboard,
  type SalesReport,
} from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  createMutation,
  pairDevice,
  type PairedDevice,
} from "../testing/fixtures.js";
import { useSyncWorld } from "../testing/sync-world.js";
import type { TestDatabase } from "../testing/test-database.js";
import { alertKinds, anomalies, DeviceRegister } from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;
const { push } = useSyncWorld((world) => ({ t, menu } = world));

async function xReport(storeId: string) {
  const response = await t.app.request(`/api/v1/admin/x-report?storeId=${storeId}`, {
    headers: { authorization: `Bearer ${t.adminToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { totals: Record<string, number> }).totals;
}

async function report(storeId: string): Promise<SalesReport> {
  const response = await t.app.request(
    `/api/v1/reports/sales?from=2020-01-01&to=2029-12-31&storeId=${storeId}`,
    { headers: { authorization: `Bearer ${t.adminToken}` } },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as SalesReport;
}

function creditNote(seq: number, orderId: string, ticket: JournalEntry, refunds: Payment[]) {
  return {
    seq,
    atMs: Date.now(),
    kind: "order.credit_note",
    orderId,
    ticket,
    refunds,
    reason: "erreur",
  };
}

/** A paid, completed sale with its ticket, pushed. */
async function sale(device: PairedDevice, register: DeviceRegister, seq: number, training = false) {
  const order: Order = {
    ...buildOrder(menu, [{ productId: "hawaiian", size: "M" }]),
    training,
  };
  const payment = cashPayment(order.totalCents);
  const ticket = register.sale(order, [payment]);
  await push(device, [
    { ...createMutation(seq, order, { payments: [payment], status: "completed" }), ticket },
  ]);
  return { order, ticket };
}

describe("credit notes in the sales report", () => {
  it("are the ones the X report counts: a double one once, training as the ticket says", async () => {
    const store = "bastille";
    const device = await pairDevice(t, store);
    const register = new DeviceRegister(device.deviceId, store);
    const a = await sale(device, register, 1);
    const b = await sale(device, register, 2);
    const c = await sale(device, register, 3, true);

    const refundA = cashPayment(a.order.totalCents);
    const againA = cashPayment(a.order.totalCents);
    const refundB = cashPayment(b.order.totalCents);
    const refundC = cashPayment(c.order.totalCents);
    const asTraining = (e: JournalEntry, training: boolean) => ({
      ...e,
      content: { ...e.content, training },
    });
    await push(device, [
      creditNote(4, a.order.id, register.creditNote(a.ticket, [refundA]), [refundA]),
      creditNote(5, a.order.id, register.creditNote(a.ticket, [againA]), [againA]),
      // A real sale's credit note marked training still counts; a training sale's never does.
      creditNote(6, b.order.id, register.creditNote(asTraining(b.ticket, true), [refundB]), [
        refundB,
      ]),
      creditNote(7, c.order.id, register.creditNote(asTraining(c.ticket, false), [refundC]), [
        refundC,
      ]),
    ]);

    const kinds = (await anomalies(t.pool, device.deviceId)).map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(["double_credit", "training_credit"]));
    const credited = -(a.order.totalCents + b.order.totalCents);
    const x = await xReport(store);
    expect(x.creditNotes).toBe(2);
    expect(x.totalCents).toBe(a.order.totalCents + b.order.totalCents + credited);
    expect((await report(store)).creditNotes).toEqual({ count: 2, totalCents: credited });
  });
});

describe("a credit note worth more than its sale", () => {
  it("crediting 5 times the sale, or refunding 3 times its total, is refund_exceeds and not counted", async () => {
    const store = "vincennes";
    const device = await pairDevice(t, store);
    const register = new DeviceRegister(device.deviceId, store);
    const s = await sale(device, register, 1);
    const xBefore = await xReport(store);

    const fivefold = {
      ...s.ticket,
      content: {
        ...s.ticket.content,
        lines: s.ticket.content.lines.map((l) => ({
          ...l,
          quantity: l.quantity * 5,
          totalCents: l.totalCents * 5,
        })),
        totalCents: s.ticket.content.totalCents * 5,
      },
    };
    const big = cashPayment(s.order.totalCents * 5);
    const triple = cashPayment(s.order.totalCents * 3);
    const bodies = [
      await push(device, [creditNote(2, s.order.id, register.creditNote(fivefold, [big]), [big])]),
      await push(device, [
        creditNote(3, s.order.id, register.creditNote(s.ticket, [triple]), [triple]),
      ]),
    ];

    // Nothing refused: both are journaled and their refunds recorded.
    expect(bodies.map((b) => b.results[0].outcome)).toEqual(["applied", "applied"]);
    const exceeds = (await anomalies(t.pool, device.deviceId)).filter(
      (x) => x.kind === "refund_exceeds",
    );
    expect(exceeds.map((x) => x.seq)).toEqual([2, 3]);
    expect(await alertKinds(t.pool, store)).toContain("journal_refund_exceeds");
    const x = await xReport(store);
    expect(x).toMatchObject({ creditNotes: xBefore.creditNotes, totalCents: xBefore.totalCents });
    expect((await report(store)).creditNotes).toEqual({ count: 0, totalCents: 0 });
    const [refunds] = await t.pool.query<RowDataPacket[]>(
      "SELECT SUM(amount_cents) AS total FROM payments WHERE order_id = UNHEX(REPLACE(?, " +
        "'-', '')) AND amount_cents < 0",
      [s.order.id],
    );
    expect(Number(refunds[0].total)).toBe(-s.order.totalCents * 8);

    // A correct credit note of the same ticket then counts.
    const refund = cashPayment(s.order.totalCents);
    await push(device, [
      creditNote(4, s.order.id, register.creditNote(s.ticket, [refund]), [refund]),
    ]);
    expect((await xReport(store)).totalCents).toBe(xBefore.totalCents - s.order.totalCents);
    expect((await report(store)).creditNotes).toEqual({
      count: 1,
      totalCents: -s.order.totalCents,
    });
  });
});

describe("credit notes in the sales dashboard", () => {
  it("lower the day, the store, the product, the VAT and the refunds, once", async () => {
    const store = "boulogne";
    const device = await pairDevice(t, store);
    const register = new DeviceRegister(device.deviceId, store);
    const a = await sale(device, register, 1);
    const b = await sale(device, register, 2);
    const refund = cashPayment(a.order.totalCents);
    const again = cashPayment(a.order.totalCents);
    await push(device, [
      creditNote(3, a.order.id, register.creditNote(a.ticket, [refund]), [refund]),
      creditNote(4, a.order.id, register.creditNote(a.ticket, [again]), [again]),
    ]);

    const today = businessDay(Date.now(), "Europe/Paris", 240);
    const response = await t.app.request(
      `/api/v1/reports/dashboard?from=${today}&to=${today}&storeId=${store}`,
      { headers: { authorization: `Bearer ${t.adminToken}` } },
    );
    const dashboard = (await response.json()) as SalesDashboard;
    const sold = a.order.totalCents + b.order.totalCents;
    const credited = -a.order.totalCents;
    expect(dashboard.totals).toMatchObject({
      orders: 2,
      salesCents: sold,
      creditNotes: 1,
      creditNotesCents: credited,
      revenueCents: sold + credited,
    });
    const vatSold = a.ticket.content.vat[0].vatCents + b.ticket.content.vat[0].vatCents;
    expect(dashboard.totals.vatCents).toBe(vatSold - a.ticket.content.vat[0].vatCents);
    for (const rows of [dashboard.byDay, dashboard.byStore, dashboard.byProduct]) {
      expect(rows.map((r) => [r.creditNotesCents, r.revenueCents])).toEqual([
        [credited, sold + credited],
      ]);
    }
    expect(dashboard.refunds).toEqual({
      creditNotes: 1,
      creditNotesCents: credited,
      refundedByMethod: [{ key: "cash", refunds: 1, amountCents: credited }],
    });
  });
});
