import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { openPairedDb, pizzaLine } from "../testing/fixtures.js";
import { CommandError } from "./command-error.js";
import { initialMeta } from "./database.js";
import { changeOrderStatus, payOrder, updateOrder } from "./order-commands.js";
import { recordSale, type SaleInput } from "./sale.js";

const NOW = Date.UTC(2025, 0, 15, 19, 30);

function paidSale(overrides: Partial<SaleInput> = {}): SaleInput {
  return {
    channel: "counter",
    serviceMode: "takeaway",
    lines: [pizzaLine(2)],
    payments: [{ method: "cash", amountCents: 2500, tenderedCents: 3000 }],
    status: "completed",
    menuVersion: 1,
    ...overrides,
  };
}

describe("recording a sale", () => {
  it("writes the order and its outbox entry together, with seq 1 and call number 1", async () => {
    const db = await openPairedDb();

    const order = await recordSale(db, paidSale(), NOW);

    expect(await db.orders.get(order.id)).toMatchObject({
      totalCents: 2500,
      paidCents: 2500,
      status: "completed",
      callNumber: 1,
      businessDay: "2025-01-15",
      syncState: "pending",
    });
    expect(order.payments[0].changeCents).toBe(500);
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      seq: 1,
      kind: "order.create",
      orderId: order.id,
      state: "pending",
    });
    expect(entries[0].mutation).toMatchObject({ seq: 1, status: "completed" });
    expect((await db.meta.get("device"))?.nextSeq).toBe(2);
  });

  it("hands out contiguous seqs and call numbers to concurrent writes", async () => {
    const db = await openPairedDb();

    const orders = await Promise.all(
      Array.from({ length: 12 }, (_, i) => recordSale(db, paidSale(), NOW + i)),
    );

    const seqs = (await db.outbox.toArray()).map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const calls = orders.map((o) => o.callNumber).sort((a, b) => a - b);
    expect(calls).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("restarts call numbers at 1 on the next business day, not at midnight", async () => {
    const db = await openPairedDb();
    const beforeMidnight = Date.UTC(2025, 0, 15, 22, 50); // 23:50 in Paris
    const afterMidnight = Date.UTC(2025, 0, 16, 1, 0); // 02:00, still the 15th's business day
    const nextDay = Date.UTC(2025, 0, 16, 10, 0);

    const a = await recordSale(db, paidSale(), beforeMidnight);
    const b = await recordSale(db, paidSale(), afterMidnight);
    const c = await recordSale(db, paidSale(), nextDay);

    expect([a.callNumber, b.callNumber, c.callNumber]).toEqual([1, 2, 1]);
    expect([b.businessDay, c.businessDay]).toEqual(["2025-01-15", "2025-01-16"]);
  });

  it("leaves neither order nor outbox entry when the outbox write fails", async () => {
    const db = await openPairedDb();
    // An entry already holds seq 1 (as a corrupted meta would cause): the add fails.
    await recordSale(db, paidSale(), NOW);
    await db.meta.update("device", { nextSeq: 1 });

    await expect(recordSale(db, paidSale(), NOW + 1)).rejects.toThrow();

    expect(await db.orders.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.meta.get("device"))?.callNumbers.last).toBe(1);
  });

  it("refuses a phone order without the customer's phone and writes nothing", async () => {
    const db = await openPairedDb();

    const write = recordSale(db, paidSale({ channel: "phone", customer: { name: "Léa" } }), NOW);

    await expect(write).rejects.toMatchObject({ code: "invalid_order" });
    expect(await db.orders.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.meta.get("device"))?.nextSeq).toBe(1);
  });

  it("refuses to write before the counter is paired", async () => {
    const db = await openPairedDb();
    await db.meta.put(initialMeta());

    await expect(recordSale(db, paidSale(), NOW)).rejects.toBeInstanceOf(CommandError);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe("later commands on an order", () => {
  it("pays a phone order later and hands it over: two contiguous outbox entries", async () => {
    const db = await openPairedDb();
    const phone = paidSale({
      channel: "phone",
      customer: { name: "Léa", phone: "06 12 34 56 78" },
      payments: [],
      status: "accepted",
    });
    const order = await recordSale(db, phone, NOW);

    const paid = await payOrder(
      db,
      order.id,
      [{ method: "cheque", amountCents: 2500 }],
      { handedOver: true },
      NOW + 60_000,
    );

    expect(paid).toMatchObject({ paidCents: 2500, status: "completed" });
    const kinds = (await db.outbox.orderBy("seq").toArray()).map((e) => [e.seq, e.kind]);
    expect(kinds).toEqual([
      [1, "order.create"],
      [2, "order.pay"],
      [3, "order.status"],
    ]);
  });

  it("refuses to cancel a ticket and writes nothing", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, paidSale({ status: "accepted" }), NOW);

    await expect(changeOrderStatus(db, order.id, "cancelled")).rejects.toMatchObject({
      code: "order_is_ticket",
    });
    expect(await db.outbox.count()).toBe(1);
    expect((await db.orders.get(order.id))?.status).toBe("accepted");
  });

  it("updates the lines of an unpaid order and recomputes its total", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, paidSale({ payments: [], status: "accepted" }), NOW);

    const updated = await updateOrder(db, order.id, { lines: [pizzaLine(3)] }, NOW + 1000);

    expect(updated.totalCents).toBe(3750);
    const last = await db.outbox.get(2);
    expect(last?.mutation).toMatchObject({ kind: "order.update", totalCents: 3750 });
  });
});
