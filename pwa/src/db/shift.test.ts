import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { openPairedDb, pizzaLine, TEST_MANAGER } from "../testing/fixtures.js";
import { issueCreditNote } from "./credit-note.js";
import { payOrder } from "./order-commands.js";
import { recordSale, type SaleInput } from "./sale.js";
import { closeShift, currentDrawer, moveCash, openShift } from "./shift.js";

const NOW = Date.UTC(2025, 0, 15, 9, 0);

function sale(overrides: Partial<SaleInput> = {}): SaleInput {
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

describe("the cash drawer", () => {
  it("refuses a sale or a payment while the drawer is closed, and writes nothing", async () => {
    const db = await openPairedDb({ drawerOpen: false });

    await expect(recordSale(db, sale(), NOW)).rejects.toMatchObject({ code: "no_open_shift" });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.journal.count()).toBe(0);
  });

  it("queues shift.open, shift.cash and shift.close through the outbox, in seq order", async () => {
    const db = await openPairedDb({ drawerOpen: false });

    const shift = await openShift(db, 15_000, NOW);
    await recordSale(db, sale(), NOW + 1);
    await moveCash(db, "out", 5_000, " Banque ", NOW + 2, TEST_MANAGER.id);
    await closeShift(db, { cashCents: 12_400, mealVoucherCents: 0, chequeCents: 0 }, NOW + 3);

    const entries = await db.outbox.orderBy("seq").toArray();
    expect(entries.map((e) => [e.seq, e.kind])).toEqual([
      [1, "shift.open"],
      [2, "order.create"],
      [3, "shift.cash"],
      [4, "shift.close"],
    ]);
    expect(entries[0].mutation).toMatchObject({ shiftId: shift.id, floatCents: 15_000 });
    expect(entries[2].mutation).toMatchObject({
      direction: "out",
      amountCents: 5_000,
      reason: "Banque",
    });
    expect(entries[3].mutation).toMatchObject({
      counted: { cashCents: 12_400 },
      // 150 € + 30 € received - 5 € change - 50 € taken to the bank.
      expected: { cashCents: 12_500, mealVoucherCents: 0, chequeCents: 0 },
    });
    expect((await db.meta.get("device"))?.openShiftId).toBeNull();
    expect(await db.shifts.get(shift.id)).toMatchObject({ closedAtMs: NOW + 3 });
  });

  it("refuses to open a second shift before the first is closed", async () => {
    const db = await openPairedDb({ drawerOpen: false });
    await openShift(db, 10_000, NOW);

    await expect(openShift(db, 10_000, NOW + 1)).rejects.toMatchObject({
      code: "shift_already_open",
    });
    expect(await db.outbox.count()).toBe(1);
  });

  it("counts payments taken later and cash refunds, but not training sales", async () => {
    const db = await openPairedDb({ drawerOpen: false });
    await openShift(db, 10_000, NOW);
    const unpaid = await recordSale(db, sale({ payments: [], status: "accepted" }), NOW + 1);
    await payOrder(db, unpaid.id, [
      { method: "meal_voucher", amountCents: 2500, tenderedCents: 2600 },
    ]);
    const paid = await recordSale(db, sale(), NOW + 2);
    await issueCreditNote(db, paid.id, {
      reason: "Erreur",
      refundMethod: "cash",
      approvedByStaffId: TEST_MANAGER.id,
    });
    await db.meta.update("device", { trainingMode: true });
    await recordSale(db, sale(), NOW + 3);

    const drawer = await currentDrawer(db);

    expect(drawer?.expected).toMatchObject({
      cashCents: 10_000 + 3_000 - 500 - 2_500,
      mealVoucherCents: 2_600,
      chequeCents: 0,
    });
  });
});
