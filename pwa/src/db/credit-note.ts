/**
 * Correcting a ticket: a credit note that cancels the whole ticket (negative
 * lines and amounts, `corrects` the original) and the money given back, in
 * one transaction with its `order.credit_note` outbox entry. A ticket is never
 * edited; only tickets of this device's register can be credited here.
 */
import { newId, type PaymentMethod } from "@ocpizza/schema";

import { CommandError } from "./command-error.js";
import { readMeta, type CounterDb } from "./database.js";
import { appendTicket, creditNoteTicket } from "./journal.js";
import { loadOrder, writeTables } from "./order-commands.js";
import { appendMutation } from "./outbox.js";
import { requireOpenShift, takeIntoDrawer } from "./shift.js";
import { madeBy, requireManager } from "./staff-stamp.js";
import type { JournalRow } from "./types.js";

export interface CreditNoteInput {
  reason: string;
  /** How the money paid is given back; the whole amount paid is refunded. */
  refundMethod: PaymentMethod;
  /** The manager whose PIN approved the credit note (a refund after payment). */
  approvedByStaffId?: string;
}

export async function issueCreditNote(
  db: CounterDb,
  orderId: string,
  input: CreditNoteInput,
  nowMs: number = Date.now(),
): Promise<JournalRow> {
  return db.transaction("rw", writeTables(db), async () => {
    const order = await loadOrder(db, orderId);
    const approver = await requireManager(db, input.approvedByStaffId);
    const tickets = await db.journal.where("orderId").equals(orderId).toArray();
    const original = tickets.find((row) => row.kind === "sale");
    if (!original) {
      throw new CommandError(
        "ticket_not_here",
        `order ${orderId} has no ticket on this register: credit it where it was issued`,
      );
    }
    if (tickets.some((row) => row.kind === "credit_note")) {
      throw new CommandError("already_credited", `order ${orderId} already has a credit note`);
    }

    // What was paid is given back, never more than the ticket's total.
    const refundCents = Math.min(order.paidCents, original.content.totalCents);
    const refunds =
      refundCents > 0
        ? [
            {
              id: newId(),
              method: input.refundMethod,
              amountCents: refundCents,
              createdAtMs: nowMs,
            },
          ]
        : [];
    const shiftId =
      refunds.length > 0 && !original.content.training
        ? requireOpenShift(await readMeta(db))
        : null;

    const meta = await readMeta(db);
    const by = { ...madeBy(meta), approvedByStaffId: approver };
    const draft = creditNoteTicket(meta, original.content, refunds, nowMs);
    const ticket = await appendTicket(db, draft, by);
    await appendMutation(
      db,
      {
        kind: "order.credit_note",
        atMs: nowMs,
        ...by,
        orderId,
        ticket,
        refunds,
        reason: input.reason,
      },
      orderId,
    );
    await db.orders.put({ ...order, updatedAtMs: nowMs, syncState: "pending", rejection: null });
    if (shiftId) {
      const given = refunds.map((r) => ({ ...r, changeCents: 0 }));
      await takeIntoDrawer(db, shiftId, "refund", orderId, given, nowMs, by);
    }
    return (await db.journal.get(ticket.content.seq))!;
  });
}
