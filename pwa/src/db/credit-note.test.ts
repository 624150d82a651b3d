import "fake-indexeddb/auto";

import { verifyChain } from "@ocpizza/schema";
import { describe, expect, it } from "vitest";

import {
  openPairedDb,
  pizzaLine,
  TEST_DEVICE_ID,
  TEST_MANAGER,
  TEST_SHIFT_ID,
} from "../testing/fixtures.js";
import { issueCreditNote } from "./credit-note.js";
import { readJournal } from "./journal.js";
import { recordSale, type SaleInput } from "./sale.js";

const NOW = Date.UTC(2025, 0, 15, 19, 30);

/** A credit note in cash, approved by the manager's PIN. */
const approved = (reason: string) => ({
  reason,
  refundMethod: "cash" as const,
  approvedByStaffId: TEST_MANAGER.id,
});

const beer = {
  productId: "beer",
  size: "U",
  name: "Bière 25 cl",
  categoryId: "drinks",
  quantity: 3,
  unitPriceCents: 450,
  vatRateBp: 2000 as const,
  options: [],
};

function sale(overrides: Partial<SaleInput> = {}): SaleInput {
  return {
    channel: "counter",
    serviceMode: "eat_in",
    lines: [pizzaLine(2), beer],
    payments: [{ method: "cash", amountCents: 3850, tenderedCents: 4000 }],
    status: "completed",
    menuVersion: 1,
    ...overrides,
  };
}

describe("credit notes", () => {
  it("mirrors the ticket with negative quantities, amounts and VAT, and points to it", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, sale(), NOW);

    const credit = await issueCreditNote(db, order.id, approved("Pizza brûlée"), NOW + 60_000);

    const [original] = await readJournal(db);
    expect(credit.content).toMatchObject({
      kind: "credit_note",
      seq: 2,
      orderId: order.id,
      corrects: { registerId: TEST_DEVICE_ID, seq: 1 },
      totalCents: -3850,
      payments: [{ method: "cash", amountCents: -3850 }],
    });
    expect(credit.content.lines.map((l) => [l.quantity, l.unitPriceCents, l.totalCents])).toEqual([
      [-2, 1250, -2500],
      [-3, 450, -1350],
    ]);
    expect(credit.content.vat).toEqual(
      original.content.vat.map((v) => ({
        rateBp: v.rateBp,
        totalCents: -v.totalCents,
        vatCents: -v.vatCents,
      })),
    );
    expect(verifyChain(await readJournal(db))).toEqual([]);
  });

  it("queues order.credit_note with the refund as a positive amount and its reason", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, sale(), NOW);

    const credit = await issueCreditNote(db, order.id, {
      reason: " Erreur de saisie ",
      refundMethod: "card",
      approvedByStaffId: TEST_MANAGER.id,
    });

    const entry = (await db.outbox.orderBy("seq").toArray())[1];
    expect(entry.mutation).toMatchObject({
      kind: "order.credit_note",
      orderId: order.id,
      reason: "Erreur de saisie",
      refunds: [{ method: "card", amountCents: 3850 }],
      ticket: { hash: credit.hash },
    });
  });

  it("gives cash back out of the open drawer", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, sale(), NOW);

    await issueCreditNote(db, order.id, approved("Client parti"));

    const refunds = await db.drawer.where("shiftId").equals(TEST_SHIFT_ID).toArray();
    expect(refunds.map((r) => [r.source, r.method, r.amountCents])).toEqual([
      ["payment", "cash", 3850],
      ["refund", "cash", -3850],
    ]);
  });

  it("refunds nothing for a ticket handed over unpaid", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, sale({ payments: [] }), NOW);

    const credit = await issueCreditNote(db, order.id, approved("Offert"));

    expect(credit.content.payments).toEqual([]);
    expect(credit.content.totalCents).toBe(-3850);
  });

  it("refuses a second credit note and an order that is not a ticket here", async () => {
    const db = await openPairedDb();
    const ticket = await recordSale(db, sale(), NOW);
    const unpaid = await recordSale(db, sale({ payments: [], status: "accepted" }), NOW);
    await issueCreditNote(db, ticket.id, approved("Erreur"));

    await expect(issueCreditNote(db, ticket.id, approved("Encore"))).rejects.toMatchObject({
      code: "already_credited",
    });
    await expect(issueCreditNote(db, unpaid.id, approved("Erreur"))).rejects.toMatchObject({
      code: "ticket_not_here",
    });
    expect(await db.journal.count()).toBe(2);
    expect(await db.outbox.count()).toBe(3);
  });

  it("keeps a training ticket's credit note in training", async () => {
    const db = await openPairedDb();
    await db.meta.update("device", { trainingMode: true });
    const order = await recordSale(db, sale(), NOW);

    const credit = await issueCreditNote(db, order.id, approved("Test"));

    expect(credit.content.training).toBe(true);
    expect(await db.drawer.count()).toBe(0);
  });
});
