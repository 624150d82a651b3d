/**
 * Tests of which tickets count in the figures (X report, closings): one sale
 * ticket per order, one credit note per ticket and only of a ticket the
 * server holds, a credit note counted as its ticket's training flag says,
 * and a finished sale without its ticket reported. Nothing is refused: each
 * extra ticket is stored and raises an anomaly and an alert.
 */
import type { RowDataPacket } from "mysql2/promise";
import { describe, expect, it } from "vitest";

import type { JournalEntry, MenuSnapshot, Order, Payment } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  createMutation,
  pairDevice,
  statusMutation,
} from "../testing/fixtures.js";
import { useSyncWorld } from "../testing/sync-world.js";
import type { TestDatabase } from "../testing/test-database.js";
import { alertKinds, anomalies, DeviceRegister, journalRows } from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;
const { push } = useSyncWorld((world) => ({ t, menu } = world));

const STORE = "montmartre";

async function till(storeId = STORE) {
  const device = await pairDevice(t, storeId);
  return { device, register: new DeviceRegister(device.deviceId, storeId) };
}

/** Today's figures of the store so far. */
async function figures(storeId = STORE) {
  const response = await t.app.request(`/api/v1/admin/x-report?storeId=${storeId}`, {
    headers: { authorization: `Bearer ${t.adminToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { totals: Record<string, number> }).totals;
}

async function counted<T>(action: () => Promise<T>, storeId = STORE) {
  const before = await figures(storeId);
  await action();
  const after = await figures(storeId);
  return {
    tickets: after.tickets - before.tickets,
    creditNotes: after.creditNotes - before.creditNotes,
    totalCents: after.totalCents - before.totalCents,
  };
}

function paidOrder(training = false): { order: Order; payment: Payment } {
  const order = { ...buildOrder(menu, [{ productId: "hawaiian", size: "M" }]), training };
  return { order, payment: cashPayment(order.totalCents) };
}

function creditNote(seq: number, orderId: string, ticket: JournalEntry, refund: Payment[]) {
  const reason = "erreur de caisse";
  return {
    seq,
    atMs: Date.now(),
    kind: "order.credit_note",
    orderId,
    ticket,
    refunds: refund,
    reason,
  };
}

function paidCreate(seq: number, register: DeviceRegister, sale = paidOrder()) {
  const ticket = register.sale(sale.order, [sale.payment]);
  const mutation = createMutation(seq, sale.order, {
    payments: [sale.payment],
    status: "completed",
  });
  return { ...sale, ticket, mutation: { ...mutation, ticket } };
}

describe("a second sale ticket of an order", () => {
  it("pushed again under a new seq with a new ticket is stored, reported and counted once", async () => {
    const { device, register } = await till();
    const first = paidCreate(1, register);

    const delta = await counted(async () => {
      await push(device, [first.mutation]);
      const again = register.sale(first.order, [first.payment]);
      await push(device, [{ ...first.mutation, seq: 2, ticket: again }]);
    });

    expect(delta).toEqual({ tickets: 1, creditNotes: 0, totalCents: first.order.totalCents });
    expect((await journalRows(t.pool, device.deviceId)).map((r) => r.seq)).toEqual([1, 2]);
    expect(await anomalies(t.pool, device.deviceId)).toEqual([
      expect.objectContaining({ seq: 2, kind: "duplicate_sale" }),
    ]);
    expect(await alertKinds(t.pool, STORE)).toContain("journal_duplicate_sale");
  });

  it("from another device of the store, with its own ticket, is counted once", async () => {
    const a = await till();
    const b = await till();
    const sale = paidCreate(1, a.register);

    const delta = await counted(async () => {
      await push(a.device, [sale.mutation]);
      const own = b.register.sale(sale.order, [sale.payment]);
      await push(b.device, [{ ...sale.mutation, ticket: own }]);
    });

    expect(delta.tickets).toBe(1);
    expect(delta.totalCents).toBe(sale.order.totalCents);
    expect(await journalRows(t.pool, b.device.deviceId)).toHaveLength(1);
    expect(await anomalies(t.pool, b.device.deviceId)).toEqual([
      expect.objectContaining({ seq: 1, kind: "duplicate_sale" }),
    ]);
  });

  it("carried by a rejected order.status completed is stored, reported and not counted", async () => {
    const { device, register } = await till();
    const sale = paidCreate(1, register);

    const delta = await counted(async () => {
      await push(device, [sale.mutation]);
      const body = await push(device, [
        { ...statusMutation(2, sale.order.id, "completed"), ticket: register.sale(sale.order, []) },
      ]);
      expect(body.results[0].outcome).toBe("rejected");
    });

    expect(delta.tickets).toBe(1);
    expect(await journalRows(t.pool, device.deviceId)).toHaveLength(2);
    expect((await anomalies(t.pool, device.deviceId)).map((a) => a.kind)).toContain(
      "duplicate_sale",
    );
  });
});

describe("the sale ticket of a rejected mutation", () => {
  it("is stored, reported as uncounted_sale and left out of the figures", async () => {
    const { device, register } = await till();
    const never = paidOrder();

    const delta = await counted(async () => {
      const body = await push(device, [
        {
          ...statusMutation(1, never.order.id, "completed"),
          ticket: register.sale(never.order, []),
        },
      ]);
      expect(body.results[0].outcome).toBe("rejected");
    });

    expect(delta).toEqual({ tickets: 0, creditNotes: 0, totalCents: 0 });
    expect(await journalRows(t.pool, device.deviceId)).toHaveLength(1);
    expect((await anomalies(t.pool, device.deviceId)).map((a) => a.kind)).toContain(
      "uncounted_sale",
    );
    expect(await alertKinds(t.pool, STORE)).toContain("journal_uncounted_sale");
  });
});

describe("a ticket of the wrong kind", () => {
  it("a credit note finishing a sale, or a sale in a credit note, is kept but not counted", async () => {
    const { device, register } = await till();
    const sale = paidCreate(1, register);
    await push(device, [sale.mutation]);
    const other = paidOrder();
    const refund = cashPayment(sale.order.totalCents);

    const delta = await counted(async () => {
      const note = register.creditNote(sale.ticket, []);
      await push(device, [
        {
          ...createMutation(2, other.order, { payments: [other.payment], status: "completed" }),
          ticket: note,
        },
      ]);
      const asSale = register.sale(sale.order, [{ ...refund, amountCents: -refund.amountCents }]);
      await push(device, [creditNote(3, sale.order.id, asSale, [refund])]);
    });

    expect(delta).toEqual({ tickets: 0, creditNotes: 0, totalCents: 0 });
    const kinds = (await anomalies(t.pool, device.deviceId)).map((a) => `${a.kind}#${a.seq}`);
    expect(kinds).toEqual(expect.arrayContaining(["uncounted_sale#2", "uncounted_sale#3"]));
  });
});

describe("a credit note", () => {
  it("a second one of the same ticket is stored, reported and not counted", async () => {
    const { device, register } = await till();
    const sale = paidCreate(1, register);
    await push(device, [sale.mutation]);
    const refund = cashPayment(sale.order.totalCents);

    const delta = await counted(async () => {
      await push(device, [
        creditNote(2, sale.order.id, register.creditNote(sale.ticket, [refund]), [refund]),
      ]);
      const again = cashPayment(sale.order.totalCents);
      await push(device, [
        creditNote(3, sale.order.id, register.creditNote(sale.ticket, [again]), [again]),
      ]);
    });

    expect(delta).toEqual({ tickets: 0, creditNotes: 1, totalCents: -sale.order.totalCents });
    expect(await anomalies(t.pool, device.deviceId)).toEqual([
      expect.objectContaining({ seq: 3, kind: "double_credit" }),
    ]);
    expect(await alertKinds(t.pool, STORE)).toContain("journal_double_credit");
  });

  it("of a ticket that does not exist is stored, reported and not counted", async () => {
    const { device, register } = await till();
    const sale = paidCreate(1, register);
    await push(device, [sale.mutation]);
    const ghost = { ...sale.ticket, content: { ...sale.ticket.content, seq: 99 } };

    const delta = await counted(async () => {
      await push(device, [creditNote(2, sale.order.id, register.creditNote(ghost, []), [])]);
    });

    expect(delta).toEqual({ tickets: 0, creditNotes: 0, totalCents: 0 });
    expect((await anomalies(t.pool, device.deviceId)).map((a) => a.kind)).toEqual([
      "mismatch",
      "orphan_credit",
    ]);
  });

  it("in training mode of a real sale still counts: a refund is never hidden by training", async () => {
    const { device, register } = await till();
    const sale = paidCreate(1, register);
    await push(device, [sale.mutation]);
    const refund = cashPayment(sale.order.totalCents);
    const note = register.creditNote(
      { ...sale.ticket, content: { ...sale.ticket.content, training: true } },
      [refund],
    );

    const delta = await counted(() => push(device, [creditNote(2, sale.order.id, note, [refund])]));

    expect(delta).toEqual({ tickets: 0, creditNotes: 1, totalCents: -sale.order.totalCents });
    expect((await anomalies(t.pool, device.deviceId)).map((a) => a.kind)).toContain(
      "training_credit",
    );
  });

  it("of a training sale does not count, even when not marked training", async () => {
    const { device, register } = await till();
    const sale = paidCreate(1, register, paidOrder(true));
    await push(device, [sale.mutation]);
    const refund = cashPayment(sale.order.totalCents);
    const note = register.creditNote(
      { ...sale.ticket, content: { ...sale.ticket.content, training: false } },
      [refund],
    );

    const delta = await counted(() => push(device, [creditNote(2, sale.order.id, note, [refund])]));

    expect(delta).toEqual({ tickets: 0, creditNotes: 0, totalCents: 0 });
    expect((await anomalies(t.pool, device.deviceId)).map((a) => a.kind)).toContain(
      "training_credit",
    );
  });
});

describe("a finished sale without a ticket", () => {
  it("from a device that keeps a journal is a missing_ticket anomaly and alert", async () => {
    const { device, register } = await till("vincennes");
    const sale = paidOrder();

    await push(
      device,
      [createMutation(1, sale.order, { payments: [sale.payment], status: "completed" })],
      { journal: register.report() },
    );

    expect(await anomalies(t.pool, device.deviceId)).toEqual([
      expect.objectContaining({ seq: 0, kind: "missing_ticket" }),
    ]);
    expect((await anomalies(t.pool, device.deviceId))[0].message).toContain(sale.order.id);
    expect(await alertKinds(t.pool, "vincennes")).toContain("journal_missing_ticket");
  });

  it("from a device whose register holds tickets is missing_ticket even without journal in the push", async () => {
    const { device, register } = await till("vincennes");
    const first = paidCreate(1, register);
    await push(device, [first.mutation]);
    const sale = paidOrder();

    await push(device, [
      createMutation(2, sale.order, { payments: [sale.payment], status: "completed" }),
    ]);

    expect(await anomalies(t.pool, device.deviceId)).toEqual([
      expect.objectContaining({ seq: 0, kind: "missing_ticket" }),
    ]);
    expect((await anomalies(t.pool, device.deviceId))[0].message).toContain(sale.order.id);
  });

  it("is no anomaly for an order still open, nor in a push without journal (an import)", async () => {
    const { device, register } = await till("vincennes");
    const open = paidOrder();
    const imported = paidOrder();

    await push(device, [createMutation(1, open.order)], { journal: register.report() });
    await push(device, [
      createMutation(2, imported.order, { payments: [imported.payment], status: "completed" }),
    ]);

    expect(await anomalies(t.pool, device.deviceId)).toEqual([]);
  });
});

describe("journal_anomalies in MySQL", () => {
  it.each(["UPDATE journal_anomalies SET kind = 'gap'", "DELETE FROM journal_anomalies"])(
    "refuses %s: it is append-only",
    async (statement) => {
      const [rows] = await t.pool.query<RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM journal_anomalies",
      );
      expect(Number(rows[0].n)).toBeGreaterThan(0);

      await expect(t.pool.query(statement)).rejects.toThrow(/append-only/);
    },
  );
});
