/**
 * order.credit_note and the shift.* mutations. A credit note is journaled
 * and its refunds stored as negative payments; the order it corrects stays
 * exactly as it was. A credit note counts in the figures once per ticket, only
 * for a ticket that counts, and as that ticket's training flag says. Shifts
 * and cash movements are stored once by id.
 */
import { and, eq, sql } from "drizzle-orm";

import {
  businessDay,
  UNCOUNTED_TICKET_KINDS,
  type JournalEntry,
  type Mutation,
  type SaleFlag,
} from "@ocpizza/schema";
import { cashMovements, journalEntries, orders, payments, shifts } from "@ocpizza/schema/db";

import { compareCreditNote, type CorrectedTicket } from "../journal/ticket-checks.js";
import {
  flaggedOrApplied,
  madeByFindings,
  placePayments,
  rejected,
  type ApplyContext,
  type ApplyResult,
} from "./apply-context.js";
import { ticketAnomaly } from "./journal-batch.js";
import type { MadeBy } from "./staff-checks.js";
import { recordTicket } from "./ticket-arrival.js";
import { joinFlags, splitFlags } from "./order-rows.js";

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
    .select({ id: orders.id, flags: orders.flags })
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
  const by = {
    staffId: mutation.staffId,
    approvedByStaffId: mutation.approvedByStaffId,
    needsApproval: true,
  };
  if (await recordTicket(ctx, mutation.ticket, findings, by)) {
    await countCreditNote(ctx, mutation.ticket, corrected, refundedCents);
  }
  if (!order) {
    return rejected(
      "unknown_order",
      `order ${mutation.orderId} is not known in store ${ctx.store.id}: the credit note is ` +
        `journaled, its refunds are not recorded`,
      mutation.orderId,
    );
  }

  const dayOf = (epochMs: number) =>
    businessDay(epochMs, ctx.store.timeZone, ctx.store.closingMinutes);
  // A refund id another order already uses is money paid out all the same:
  // stored under a server id.
  const placed = await placePayments(ctx, order.id, dayOf, mutation.refunds, -1, by);
  const refunds = placed.rows.map((row) => ({
    ...row,
    amountCents: -row.amountCents,
    tenderedCents: null,
    changeCents: 0,
  }));
  if (refunds.length > 0) await ctx.db.insert(payments).values(refunds);
  const flags = splitFlags(order.flags) as SaleFlag[];
  const refundFindings: string[] = [];
  const flag = (name: SaleFlag, finding: string) => {
    if (!flags.includes(name)) flags.push(name);
    refundFindings.push(`refund: ${finding}`);
  };
  placed.clashes.forEach((clash) => flag("payment_id_clash", clash));
  placed.amountMismatches.forEach((m) => flag("payment_amount_mismatch", m));
  madeByFindings(ctx, by).forEach((m) => {
    if (!flags.includes("unknown_staff")) flags.push("unknown_staff");
    refundFindings.push(`credit note: ${m}`);
  });
  if (refundFindings.length === 0) return { outcome: "applied" };
  await ctx.db
    .update(orders)
    .set({ flags: joinFlags(flags), updatedAt: ctx.now, version: ctx.version })
    .where(eq(orders.id, order.id));
  return flaggedOrApplied(ctx, order.id, flags, refundFindings);
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
    openedByStaffId: mutation.staffId ?? null,
  });
  return shiftOutcome(ctx, `shift ${mutation.shiftId} opened`, { staffId: mutation.staffId });
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
    staffId: mutation.staffId ?? null,
    approvedByStaffId: mutation.approvedByStaffId ?? null,
  });
  return shiftOutcome(ctx, `cash movement ${mutation.movementId}`, {
    staffId: mutation.staffId,
    approvedByStaffId: mutation.approvedByStaffId,
    needsApproval: true,
  });
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
      closedByStaffId: mutation.staffId ?? null,
    })
    .where(eq(shifts.id, mutation.shiftId));
  return shiftOutcome(ctx, `shift ${mutation.shiftId} closed`, { staffId: mutation.staffId });
}

/** Applied, or flagged unknown_staff (with an alert) when it names someone not of this store. */
function shiftOutcome(ctx: ApplyContext, what: string, by: MadeBy): ApplyResult {
  const findings = madeByFindings(ctx, by);
  if (findings.length === 0) return { outcome: "applied" };
  const message = `${what} recorded with unknown_staff: ${findings.join("; ")}`;
  ctx.alerts.push({ kind: "staff_unknown", message, orderId: null });
  return { outcome: "flagged", flags: ["unknown_staff"], message };
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
    `shift ${shiftId} is not known in store ${ctx.store.id}: open it (shift.open) before ` +
      `recording cash or closing it`,
    null,
  );
}

/**
 * Whether a stored credit note counts: not when the ticket it corrects is
 * unknown or itself not counted (`orphan_credit`), nor when that ticket
 * already has a counted credit note (`double_credit`), nor when it credits
 * more than that ticket or refunds more than it credits (`refund_exceeds`:
 * a later, correct credit note of the ticket counts). A training flag that
 * differs from the ticket's is a `training_credit` anomaly; the figures then
 * follow the ticket (a refund of a real sale is never hidden as training).
 */
async function countCreditNote(
  ctx: ApplyContext,
  entry: JournalEntry,
  corrected: FoundTicket | null,
  refundedCents: number,
): Promise<void> {
  const { content } = entry;
  const where = `credit note ${content.seq} of register ${ctx.deviceId}`;
  const corrects = content.corrects;
  if (content.kind !== "credit_note") {
    // A sale ticket counts only through the mutation that finishes its order.
    ticketAnomaly(
      ctx,
      "uncounted_sale",
      content.seq,
      `${where}: a "${content.kind}" ticket in a credit note; kept but not counted`,
      entry,
    );
    return;
  }
  if (!corrects || !corrected || !corrected.counted) {
    const why = !corrects
      ? "it names no ticket"
      : !corrected
        ? `ticket ${corrects.seq} of register ${corrects.registerId} is not held by the server`
        : `ticket ${corrects.seq} of register ${corrects.registerId} is itself not counted`;
    ticketAnomaly(
      ctx,
      "orphan_credit",
      content.seq,
      `${where}: ${why}; kept but not counted`,
      entry,
    );
    return;
  }
  const key = `${corrects.registerId}#${corrects.seq}`;
  if (ctx.journal.countedCredits.has(key) || (await hasCountedCredit(ctx, corrects))) {
    ticketAnomaly(
      ctx,
      "double_credit",
      content.seq,
      `${where}: ticket ${corrects.seq} of register ${corrects.registerId} already has a ` +
        `credit note; this one is kept but not counted`,
      entry,
    );
    return;
  }
  const credited = -content.totalCents;
  const ticketRefunded = -content.payments.reduce((sum, p) => sum + p.amountCents, 0);
  const refunded = Math.max(refundedCents, ticketRefunded);
  if (credited > corrected.totalCents || refunded > credited) {
    // Never more than the sale: such a credit note cannot push a day below zero.
    ticketAnomaly(
      ctx,
      "refund_exceeds",
      content.seq,
      `${where}: it credits ${credited} cents and refunds ${refunded} cents of a ` +
        `${corrected.totalCents} cents ticket; kept, its refunds recorded, but not counted`,
      entry,
    );
    return;
  }
  ctx.journal.countedCredits.add(key);
  if (corrected.training !== content.training) {
    ticketAnomaly(
      ctx,
      "training_credit",
      content.seq,
      `${where}: training ${content.training}, the ticket it corrects ${corrected.training}; ` +
        `it counts as the ticket says`,
      entry,
    );
  }
}

const uncountedKinds = sql.join(
  UNCOUNTED_TICKET_KINDS.map((kind) => sql`${kind}`),
  sql`, `,
);

const entryRegisterColumn = sql.raw("journal_entries.register_id");
const entrySeqColumn = sql.raw("journal_entries.seq");

/** Is (register, seq) named by an anomaly that keeps it out of the figures? */
function uncountedSql(registerId: unknown, seq: unknown) {
  return sql`EXISTS (SELECT 1 FROM journal_anomalies a
    WHERE a.register_id = ${registerId} AND a.seq = ${seq} AND a.kind IN (${uncountedKinds}))`;
}

async function hasCountedCredit(
  ctx: ApplyContext,
  corrects: { registerId: string; seq: number },
): Promise<boolean> {
  const [row] = await ctx.db
    .select({ seq: journalEntries.seq })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.storeId, ctx.store.id),
        eq(journalEntries.kind, "credit_note"),
        eq(journalEntries.correctsRegisterId, corrects.registerId),
        eq(journalEntries.correctsSeq, corrects.seq),
        sql`NOT ${uncountedSql(journalEntries.registerId, journalEntries.seq)}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

type FoundTicket = CorrectedTicket & { training: boolean; counted: boolean };

/** The ticket a credit note corrects: stored earlier, or queued by this same push. */
async function findCorrected(
  ctx: ApplyContext,
  corrects: { registerId: string; seq: number } | null,
): Promise<FoundTicket | null> {
  if (!corrects) return null;
  const queued = ctx.journal.rows.find(
    (row) => row.registerId === corrects.registerId && row.seq === corrects.seq,
  );
  if (queued) {
    const uncounted = ctx.journal.anomalies.some(
      (a) =>
        a.registerId === queued.registerId &&
        a.seq === queued.seq &&
        UNCOUNTED_TICKET_KINDS.includes(a.kind as never),
    );
    return {
      orderId: queued.orderId,
      totalCents: queued.totalCents,
      training: queued.training ?? false,
      counted: !uncounted,
    };
  }
  const [row] = await ctx.db
    .select({
      orderId: journalEntries.orderId,
      totalCents: journalEntries.totalCents,
      training: journalEntries.training,
      // Spelled out: drizzle leaves a selected column unqualified, and the
      // subquery would read it as its own.
      uncounted: sql<number>`${uncountedSql(entryRegisterColumn, entrySeqColumn)}`,
    })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.registerId, corrects.registerId),
        eq(journalEntries.seq, corrects.seq),
        eq(journalEntries.storeId, ctx.store.id),
      ),
    );
  if (!row) return null;
  return { ...row, counted: !Number(row.uncounted) };
}
