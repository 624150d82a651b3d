import "fake-indexeddb/auto";

import { GENESIS_HASH, verifyChain } from "@ocpizza/schema";
import { describe, expect, it } from "vitest";

import { purgeExpired } from "../sync/retention.js";
import {
  openPairedDb,
  pizzaLine,
  TEST_CLERK,
  TEST_DEVICE_ID,
  TEST_STORE,
} from "../testing/fixtures.js";
import { CounterDb } from "./database.js";
import { fiscalNumber, readJournal } from "./journal.js";
import { changeOrderStatus, payOrder } from "./order-commands.js";
import { recordSale, type SaleInput } from "./sale.js";

const NOW = Date.UTC(2025, 0, 15, 19, 30);
const cola = {
  productId: "cola",
  size: "U",
  name: "Cola 33 cl",
  categoryId: "drinks",
  quantity: 1,
  unitPriceCents: 300,
  vatRateBp: 550 as const,
  options: [],
};

function sale(overrides: Partial<SaleInput> = {}): SaleInput {
  return {
    channel: "counter",
    serviceMode: "takeaway",
    lines: [pizzaLine(2), cola],
    payments: [{ method: "cash", amountCents: 2800, tenderedCents: 3000 }],
    status: "accepted",
    menuVersion: 1,
    ...overrides,
  };
}

const phoneOrder = sale({
  channel: "phone",
  customer: { name: "Léa Martin", phone: "06 12 34 56 78" },
  payments: [],
});

describe("the register's journal", () => {
  it("chains a sale paid in full at creation and attaches the ticket to order.create", async () => {
    const db = await openPairedDb();

    const order = await recordSale(db, sale(), NOW);

    const [row] = await readJournal(db);
    expect(row).toMatchObject({
      seq: 1,
      orderId: order.id,
      kind: "sale",
      previousHash: GENESIS_HASH,
    });
    expect(row.businessDay).toBe("2025-01-15");
    expect(row.content).toEqual({
      registerId: TEST_DEVICE_ID,
      storeId: TEST_STORE.id,
      seq: 1,
      kind: "sale",
      orderId: order.id,
      corrects: null,
      issuedAtMs: NOW,
      training: false,
      lines: [
        {
          name: "Pepperoni",
          productId: "pepperoni",
          size: "M",
          quantity: 2,
          unitPriceCents: 1250,
          totalCents: 2500,
          vatRateBp: 1000,
        },
        {
          name: "Cola 33 cl",
          productId: "cola",
          size: "U",
          quantity: 1,
          unitPriceCents: 300,
          totalCents: 300,
          vatRateBp: 550,
        },
      ],
      totalCents: 2800,
      // Each rate's VAT from that rate's total:
      // 2500 * 10/110 = 227.27 -> 227; 300 * 5.5/105.5 -> 16.
      vat: [
        { rateBp: 550, totalCents: 300, vatCents: 16 },
        { rateBp: 1000, totalCents: 2500, vatCents: 227 },
      ],
      payments: [{ method: "cash", amountCents: 2800 }],
      // Who served, chained with the ticket (printed "Servi par").
      servedBy: TEST_CLERK.name,
    });
    const [entry] = await db.outbox.toArray();
    expect(entry.mutation).toMatchObject({ kind: "order.create", ticket: { hash: row.hash } });
    expect((await db.meta.get("device"))?.journalHead).toEqual({ seq: 1, hash: row.hash });
    expect(verifyChain(await readJournal(db))).toEqual([]);
  });

  it("issues no ticket for an unpaid order, then one with the payment that settles it", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, phoneOrder, NOW);
    expect(await db.journal.count()).toBe(0);

    await payOrder(db, order.id, [{ method: "card", amountCents: 1000 }], {}, NOW + 1);
    expect(await db.journal.count()).toBe(0);
    await payOrder(db, order.id, [{ method: "cheque", amountCents: 1800 }], {}, NOW + 2);

    const [row] = await readJournal(db);
    expect(row.content.payments).toEqual([
      { method: "card", amountCents: 1000 },
      { method: "cheque", amountCents: 1800 },
    ]);
    const kinds = (await db.outbox.orderBy("seq").toArray()).map((e) => [
      e.kind,
      "ticket" in e.mutation && e.mutation.ticket !== undefined,
    ]);
    expect(kinds).toEqual([
      ["order.create", false],
      ["order.pay", false],
      ["order.pay", true],
    ]);
  });

  it("keeps the customer's name, phone and address out of the ticket", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, phoneOrder, NOW);

    await payOrder(db, order.id, [{ method: "cash", amountCents: 2800 }], {}, NOW + 1);

    const text = JSON.stringify(await readJournal(db));
    expect(text).not.toContain("Léa");
    expect(text).not.toContain("06 12 34 56 78");
  });

  it("journals an order handed over before it is paid, on its order.status", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, phoneOrder, NOW);

    await changeOrderStatus(db, order.id, "completed", undefined, NOW + 1);
    await payOrder(db, order.id, [{ method: "cash", amountCents: 2800 }], {}, NOW + 2);

    const rows = await readJournal(db);
    expect(rows).toHaveLength(1);
    expect(rows[0].content.payments).toEqual([]);
    const status = (await db.outbox.orderBy("seq").toArray())[1];
    expect(status.mutation).toMatchObject({ kind: "order.status", ticket: { hash: rows[0].hash } });
  });

  it("makes one ticket when a payment settles the order and hands it over at once", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, phoneOrder, NOW);

    await payOrder(db, order.id, [{ method: "cash", amountCents: 2800 }], { handedOver: true });

    expect(await db.journal.count()).toBe(1);
  });

  it("never forks the chain when two tabs sell at the same time", async () => {
    const db = await openPairedDb();
    const otherTab = new CounterDb(db.name);

    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        recordSale(i % 2 === 0 ? db : otherTab, sale(), NOW + i),
      ),
    );

    const rows = await readJournal(db);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(verifyChain(rows)).toEqual([]);
    expect((await db.meta.get("device"))?.journalHead?.hash).toBe(rows[9].hash);
    otherTab.close();
  });

  it("writes no ticket and keeps the head when the sale is refused", async () => {
    const db = await openPairedDb();
    await recordSale(db, sale(), NOW);
    const bad = sale({ channel: "phone", customer: { name: "Léa" } });

    await expect(recordSale(db, bad, NOW + 1)).rejects.toMatchObject({ code: "invalid_order" });

    expect(await db.journal.count()).toBe(1);
    expect((await db.meta.get("device"))?.journalHead?.seq).toBe(1);
  });

  it("keeps every ticket when the outbox's confirmed entries are purged", async () => {
    const db = await openPairedDb();
    await recordSale(db, sale(), NOW);
    await recordSale(db, sale(), NOW + 1);
    await db.outbox.toCollection().modify({ state: "confirmed", confirmedAtMs: NOW });

    const purged = await purgeExpired(db, NOW + 30 * 86_400_000, 7);

    expect(purged.entries).toBe(2);
    expect(await db.journal.count()).toBe(2);
    expect(verifyChain(await readJournal(db))).toEqual([]);
  });

  it("flags a training sale on the order and the ticket, and keeps it out of the drawer", async () => {
    const db = await openPairedDb();
    await db.meta.update("device", { trainingMode: true });

    const order = await recordSale(db, sale(), NOW);

    expect(order.training).toBe(true);
    const [row] = await readJournal(db);
    expect(row.content.training).toBe(true);
    const [entry] = await db.outbox.toArray();
    expect(entry.mutation).toMatchObject({ order: { training: true } });
    expect(await db.drawer.count()).toBe(0);
  });

  it("numbers tickets by the register's short id and the seq", () => {
    expect(fiscalNumber({ registerId: TEST_DEVICE_ID, seq: 123 })).toBe("6A7B-000123");
  });
});
