/**
 * order.credit_note and the shift.* mutations. A credit note is journaled
 * and its refunds stored as negative payments; the order it corrects stays
 * exactly as it was. Shifts and cash movements are stored once by id.
 */
import { and, eq } from "drizzle-orm";

import { businessDay, type Mutation } from "@ocpizza/schema";
import { cashMovements, journalEntries, orders, payments, shifts } from "@ocpizza/schema/db";

import { compareCreditNote, type CorrectedTicket } from "../journal/ticket-checks.js";
import { newPaymentRows, rejected, type ApplyContext, type ApplyResult } from "./apply-context.js";
import { recordTicket } from "./journal-batch.js";

type CreditNoteMutation = Extract<Mutation, { kind: "order.credit_note" }>;
type ShiftOpenMutation = Extract<Mutation, { kind: "shift.open" }>;
type ShiftCashMutation = Extract<Mutation, { kind: "shift.cash" }>;
type ShiftCloseMutation = Extract<Mutation, { kind: "shift.close" }>;

export async function applyCreditNote(
  ctx: ApplyContext,
  mutation: CreditNoteMutation,
): Promise<ApplyResult> {
  const refundedCents = mutation.refunds.reduce((sum, p) => sum + p.amountCents, 0);
  const corrected = await findCorrected(ctx, mutation.ticket.content.corrects);
  const [order] = await ctx.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.id, mutation.orderId), eq(orders.storeId, ctx.store.id)));

  // The device has already chained the credit note: it is journaled whatever happens next.
  const findings = compareCreditNote(
    mutation.ticket.content,
    mutation.orderId,
    corrected,
    refundedCents,
  );
  if (!order) findings.unshift(`order ${mutation.orderId} is not stored in this store`);
  await recordTicket(ctx, mutation.ticket, findings);
  if (!order) {
    return rejected(
      "unknown_order",
      `order ${mutation.orderId} is not known in store ${ctx.store.id}: the credit note is journaled, its refunds are not recorded`,
      mutation.orderId,
    );
  }

  const dayOf = (epochMs: number) =>
    businessDay(epochMs, ctx.store.timeZone, ctx.store.closingMinutes);
  const refunds = newPaymentRows(ctx, order.id, dayOf, mutation.refunds).map((row) => ({
    ...row,
    amountCents: -row.amountCents,
    tenderedCents: null,
    changeCents: 0,
  }));
  if (refunds.length > 0) await ctx.db.insert(payments).values(refunds);
  return { outcome: "applied" };
}

export async function applyShiftOpen(
  ctx: ApplyContext,
  mutation: ShiftOpenMutation,
): Promise<ApplyResult> {
  if (await findShift(ctx, mutation.shiftId, false)) {
    return { outcome: "duplicate", message: `shift ${mutation.shiftId} is already open` };
  }
  await ctx.db.insert(shifts).values({
    id: mutation.shiftId,
    storeId: ctx.store.id,
    deviceId: ctx.deviceId,
    openedAt: new Date(mutation.openedAtMs),
    floatCents: mutation.floatCents,
  });
  return { outcome: "applied" };
}

export async function applyShiftCash(
  ctx: ApplyContext,
  mutation: ShiftCashMutation,
): Promise<ApplyResult> {
  if (!(await findShift(ctx, mutation.shiftId, true))) return unknownShift(ctx, mutation.shiftId);
  const [seen] = await ctx.db
    .select({ id: cashMovements.id })
    .from(cashMovements)
    .where(eq(cashMovements.id, mutation.movementId));
  if (seen)
    return {
      outcome: "duplicate",
      message: `cash movement ${mutation.movementId} is already recorded`,
    };

  await ctx.db.insert(cashMovements).values({
    id: mutation.movementId,
    shiftId: mutation.shiftId,
    storeId: ctx.store.id,
    deviceId: ctx.deviceId,
    direction: mutation.direction,
    amountCents: mutation.amountCents,
    reason: mutation.reason,
    createdAt: new Date(mutation.atMs),
  });
  return { outcome: "applied" };
}

export async function applyShiftClose(
  ctx: ApplyContext,
  mutation: ShiftCloseMutation,
): Promise<ApplyResult> {
  const shift = await findShift(ctx, mutation.shiftId, true);
  if (!shift) return unknownShift(ctx, mutation.shiftId);
  if (shift.closedAt !== null) {
    return { outcome: "duplicate", message: `shift ${mutation.shiftId} is already closed` };
  }
  const { counted, expected } = mutation;
  await ctx.db
    .update(shifts)
    .set({
      closedAt: new Date(mutation.closedAtMs),
      countedCashCents: counted.cashCents,
      countedMealVoucherCents: counted.mealVoucherCents,
      countedChequeCents: counted.chequeCents,
      expectedCashCents: expected.cashCents,
      expectedMealVoucherCents: expected.mealVoucherCents,
      expectedChequeCents: expected.chequeCents,
      differenceCashCents: counted.cashCents - expected.cashCents,
      differenceMealVoucherCents: counted.mealVoucherCents - expected.mealVoucherCents,
      differenceChequeCents: counted.chequeCents - expected.chequeCents,
    })
    .where(eq(shifts.id, mutation.shiftId));
  return { outcome: "applied" };
}

async function findShift(ctx: ApplyContext, shiftId: string, sameStore: boolean) {
  const [row] = await ctx.db
    .select({ storeId: shifts.storeId, closedAt: shifts.closedAt })
    .from(shifts)
    .where(eq(shifts.id, shiftId));
  if (!row || (sameStore && row.storeId !== ctx.store.id)) return null;
  return row;
}

function unknownShift(ctx: ApplyContext, shiftId: string): ApplyResult {
  return rejected(
    "unknown_shift",
    `shift ${shiftId} is not known in store ${ctx.store.id}: open it (shift.open) before recording cash or closing it`,
    null,
  );
}

/** The ticket a credit note corrects: stored earlier, or queued by this same push. */
async function findCorrected(
  ctx: ApplyContext,
  corrects: { registerId: string; seq: number } | null,
): Promise<CorrectedTicket | null> {
  if (!corrects) return null;
  const queued = ctx.journal.rows.find(
    (row) => row.registerId === corrects.registerId && row.seq === corrects.seq,
  );
  if (queued) return { orderId: queued.orderId, totalCents: queued.totalCents };
  const [row] = await ctx.db
    .select({ orderId: journalEntries.orderId, totalCents: journalEntries.totalCents })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.registerId, corrects.registerId),
        eq(journalEntries.seq, corrects.seq),
        eq(journalEntries.storeId, ctx.store.id),
      ),
    );
  return row ?? null;
}
