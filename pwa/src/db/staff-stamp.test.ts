import "fake-indexeddb/auto";

import { verifyChain } from "@ocpizza/schema";
import { describe, expect, it } from "vitest";

import { openPairedDb, pizzaLine, TEST_CLERK, TEST_MANAGER } from "../testing/fixtures.js";
import { issueCreditNote } from "./credit-note.js";
import { readJournal } from "./journal.js";
import { changeOrderStatus, payOrder } from "./order-commands.js";
import { recordSale, type SaleInput } from "./sale.js";
import { moveCash } from "./shift.js";

const NOW = Date.UTC(2025, 0, 15, 19, 30);

function sale(overrides: Partial<SaleInput> = {}): SaleInput {
  return {
    channel: "counter",
    serviceMode: "takeaway",
    lines: [pizzaLine()],
    payments: [{ method: "cash", amountCents: 1250 }],
    status: "completed",
    menuVersion: 1,
    ...overrides,
  };
}

async function mutations(db: Awaited<ReturnType<typeof openPairedDb>>) {
  return (await db.outbox.orderBy("seq").toArray()).map((entry) => entry.mutation);
}

describe("taking an order", () => {
  it("needs someone signed in, and writes nothing otherwise", async () => {
    const db = await openPairedDb({ signedIn: false });

    await expect(recordSale(db, sale(), NOW)).rejects.toMatchObject({ code: "not_signed_in" });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.orders.count()).toBe(0);
  });

  it("records who took it on the order, the mutation, the drawer and the ticket", async () => {
    const db = await openPairedDb();

    const order = await recordSale(db, sale(), NOW);

    expect(order).toMatchObject({
      takenByStaffId: TEST_CLERK.id,
      takenByStaffName: TEST_CLERK.name,
    });
    expect((await mutations(db))[0]).toMatchObject({
      kind: "order.create",
      staffId: TEST_CLERK.id,
    });
    expect(await db.drawer.toArray()).toMatchObject([{ staffId: TEST_CLERK.id }]);
    const journal = await readJournal(db);
    expect(journal[0]).toMatchObject({ staffId: TEST_CLERK.id });
    expect(journal[0].content.servedBy).toBe(TEST_CLERK.name);
    expect(verifyChain(journal)).toEqual([]);
  });
});

describe("payments and status changes", () => {
  it("carry the signed-in staff member", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, sale({ payments: [], status: "accepted" }), NOW);

    await payOrder(db, order.id, [{ method: "card", amountCents: 1250 }], {}, NOW + 1);
    await changeOrderStatus(db, order.id, "completed", undefined, NOW + 2);

    const [, pay, status] = await mutations(db);
    expect(pay).toMatchObject({ kind: "order.pay", staffId: TEST_CLERK.id });
    expect(status).toMatchObject({ kind: "order.status", staffId: TEST_CLERK.id });
    expect((await db.orders.get(order.id))?.statusByStaffId).toBe(TEST_CLERK.id);
  });
});

describe("a sensitive action", () => {
  it("a void after payment needs a manager, whose id goes on the mutation", async () => {
    const db = await openPairedDb();
    const order = await recordSale(
      db,
      sale({ payments: [{ method: "cash", amountCents: 500 }], status: "accepted" }),
      NOW,
    );

    await expect(
      changeOrderStatus(db, order.id, "cancelled", "erreur", NOW + 1),
    ).rejects.toMatchObject({ code: "manager_required" });
    await expect(
      changeOrderStatus(db, order.id, "cancelled", "erreur", NOW + 1, TEST_CLERK.id),
    ).rejects.toMatchObject({ code: "manager_required" });
    await changeOrderStatus(db, order.id, "cancelled", "erreur", NOW + 2, TEST_MANAGER.id);

    const entries = await mutations(db);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      kind: "order.status",
      status: "cancelled",
      staffId: TEST_CLERK.id,
      approvedByStaffId: TEST_MANAGER.id,
    });
  });

  it("an unpaid order is cancelled without a manager", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, sale({ payments: [], status: "accepted" }), NOW);

    await changeOrderStatus(db, order.id, "cancelled", undefined, NOW + 1);

    expect((await mutations(db))[1]).not.toHaveProperty("approvedByStaffId");
  });

  it("a credit note and cash out of the drawer need a manager", async () => {
    const db = await openPairedDb();
    const order = await recordSale(db, sale(), NOW);

    await expect(
      issueCreditNote(db, order.id, { reason: "Erreur", refundMethod: "cash" }, NOW + 1),
    ).rejects.toMatchObject({ code: "manager_required" });
    await expect(moveCash(db, "out", 1000, "Banque", NOW + 1)).rejects.toMatchObject({
      code: "manager_required",
    });
    await issueCreditNote(
      db,
      order.id,
      { reason: "Erreur", refundMethod: "cash", approvedByStaffId: TEST_MANAGER.id },
      NOW + 2,
    );
    await moveCash(db, "out", 1000, "Banque", NOW + 3, TEST_MANAGER.id);

    const [, credit, cash] = await mutations(db);
    expect(credit).toMatchObject({ kind: "order.credit_note", approvedByStaffId: TEST_MANAGER.id });
    expect(cash).toMatchObject({ kind: "shift.cash", approvedByStaffId: TEST_MANAGER.id });
    expect((await readJournal(db))[1]).toMatchObject({ approvedByStaffId: TEST_MANAGER.id });
  });
});
