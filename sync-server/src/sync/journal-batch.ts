/**
 * The journal bookkeeping of one push: which ticket numbers are already
 * stored, the tickets and anomalies queued for writing, and the flush that
 * writes them, moves the register's head and finds finished sales that came
 * without a ticket. The per-ticket checks on arrival live in ticket-arrival.ts.
 * A sale counts once: a second sale ticket of an order, or the ticket of a
 * rejected mutation, is stored but left out of the figures (an anomaly of an
 * `UNCOUNTED_TICKET_KINDS` kind names it). A finished sale without a ticket
 * from a device that keeps a journal is an anomaly too (`missing_ticket`).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { PoolConnection } from "mysql2/promise";

import {
  isTicket,
  type JournalAnomalyKind,
  type JournalEntry,
  type Mutation,
  type PushRequest,
} from "@ocpizza/schema";
import { journalAnomalies, journalEntries, orders, registers } from "@ocpizza/schema/db";

import { bulkInsert } from "../db/bulk-insert.js";
import type { Database } from "../db/connection.js";
import {
  lockRegister,
  saveHead,
  walkStoredEntries,
  type RegisterHead,
} from "../journal/registers.js";
import type { ApplyContext } from "./apply-context.js";

type EntryRow = typeof journalEntries.$inferInsert;
type AnomalyRow = typeof journalAnomalies.$inferInsert;

export interface JournalBatch {
  /** The device's register, locked at its first ticket. */
  register: RegisterHead | null;
  /** Hash of every ticket number known to be stored (looked up, or stored by this push). */
  stored: Map<number, string>;
  rows: EntryRow[];
  anomalies: AnomalyRow[];
  /** Business days of this push's tickets already closed (true) or still open (false). */
  closedDays: Map<string, boolean>;
  /** Orders given a counted sale ticket by this push. */
  countedSales: Set<string>;
  /** Tickets ("registerId#seq") given a counted credit note by this push. */
  countedCredits: Set<string>;
  /** Orders a mutation of this push may have finished without carrying a ticket. */
  ticketless: Set<string>;
}

/** Looks up, in one query, the ticket numbers this batch uses and the ones just before them. */
export async function prepareJournal(
  db: Database,
  registerId: string,
  batch: readonly Mutation[],
): Promise<JournalBatch> {
  const seqs = new Set<number>();
  const ticketless = new Set<string>();
  for (const mutation of batch) {
    const ticket = "ticket" in mutation ? mutation.ticket : undefined;
    if (ticket) seqs.add(ticket.content.seq).add(ticket.content.seq - 1);
    else if (mutation.kind === "order.create") ticketless.add(mutation.order.id);
    else if (mutation.kind === "order.pay" || mutation.kind === "order.status") {
      ticketless.add(mutation.orderId);
    }
  }
  const rows =
    seqs.size === 0
      ? []
      : await db
          .select({ seq: journalEntries.seq, hash: journalEntries.hash })
          .from(journalEntries)
          .where(
            and(eq(journalEntries.registerId, registerId), inArray(journalEntries.seq, [...seqs])),
          );
  return {
    register: null,
    stored: new Map(rows.map((row) => [row.seq, row.hash])),
    rows: [],
    anomalies: [],
    closedDays: new Map(),
    countedSales: new Set(),
    countedCredits: new Set(),
    ticketless,
  };
}

/** An anomaly about a ticket this push stores (or, with seq 0, about no ticket). */
export function ticketAnomaly(
  ctx: ApplyContext,
  kind: JournalAnomalyKind,
  seq: number,
  message: string,
  entry: unknown,
): void {
  addAnomaly(ctx, kind, seq, message, entry);
}

/**
 * Writes the queued tickets and anomalies, moves the head over tickets that
 * were waiting behind a hole, and stores the head the device reported.
 */
export async function flushJournal(
  ctx: ApplyContext,
  connection: PoolConnection,
  report: PushRequest["journal"],
): Promise<void> {
  const journal = ctx.journal;
  await bulkInsert(connection, journalEntries, journal.rows);
  const inserted = new Set(journal.rows.map((row) => row.seq));

  if (journal.register) {
    const { head, walked } = await walkStoredEntries(ctx.db, journal.register);
    let previous = journal.register.headHash;
    for (const entry of walked) {
      if (!inserted.has(entry.seq) && entry.previousHash !== previous) {
        addAnomaly(
          ctx,
          "broken_link",
          entry.seq,
          `ticket ${entry.seq} of register ${head.id}: it does not follow ticket ${entry.seq - 1}`,
          entry,
        );
      }
      previous = entry.hash;
    }
    await saveHead(ctx.db, head, ctx.now);
  }
  // A device that keeps a journal (it reports its head, or its register already
  // holds tickets) issues a ticket with every finished sale, whatever this push carries.
  if (report || (await keepsJournal(ctx))) await findMissingTickets(ctx);

  if (report) {
    if (report.registerId !== ctx.deviceId) {
      ctx.alerts.push({
        kind: "journal_mismatch",
        message:
          `device ${ctx.deviceId} reported the head of register ${report.registerId}: a device ` +
          `reports its own register`,
        orderId: null,
      });
    } else {
      journal.register ??= await lockDeviceRegister(ctx);
      await ctx.db
        .update(registers)
        .set({
          reportedHeadSeq: report.headSeq,
          reportedHeadHash: report.headHash,
          reportedAt: ctx.now,
        })
        .where(eq(registers.id, ctx.deviceId));
    }
  }
  await bulkInsert(connection, journalAnomalies, journal.anomalies);
  Object.assign(journal, { rows: [], anomalies: [] });
}

function addAnomaly(
  ctx: ApplyContext,
  kind: JournalAnomalyKind,
  seq: number,
  message: string,
  entry: unknown,
): void {
  const orderId =
    typeof entry === "object" && entry !== null && "content" in entry
      ? (entry as JournalEntry).content.orderId
      : typeof entry === "object" && entry !== null && "orderId" in entry
        ? String((entry as { orderId: unknown }).orderId)
        : null;
  ctx.journal.anomalies.push({
    storeId: ctx.store.id,
    registerId: ctx.deviceId,
    seq,
    kind,
    message: message.slice(0, 500),
    entry: JSON.stringify(entry),
    createdAt: ctx.now,
  });
  ctx.alerts.push({ kind: `journal_${kind}`, message, orderId });
}

/**
 * Orders this push finished (written at this push's version, paid in full
 * or handed over) by a mutation carrying no ticket, and with no sale ticket
 * in the journal: each is a `missing_ticket` anomaly.
 */
async function findMissingTickets(ctx: ApplyContext): Promise<void> {
  const ids = [...ctx.journal.ticketless];
  if (ids.length === 0) return;
  const finished = (
    await ctx.db
      .select({
        id: orders.id,
        status: orders.status,
        totalCents: orders.totalCents,
        paidCents: orders.paidCents,
      })
      .from(orders)
      .where(
        and(
          inArray(orders.id, ids),
          eq(orders.storeId, ctx.store.id),
          eq(orders.version, ctx.version),
        ),
      )
  ).filter((order) => isTicket({ ...order, status: order.status as never }));
  if (finished.length === 0) return;
  const ticketed = new Set(
    (
      await ctx.db
        .selectDistinct({ orderId: journalEntries.orderId })
        .from(journalEntries)
        .where(
          and(
            inArray(
              journalEntries.orderId,
              finished.map((order) => order.id),
            ),
            eq(journalEntries.kind, "sale"),
          ),
        )
    ).map((row) => row.orderId),
  );
  for (const order of finished) {
    if (ticketed.has(order.id)) continue;
    addAnomaly(
      ctx,
      "missing_ticket",
      0,
      `order ${order.id} of device ${ctx.deviceId} is finished (paid in full or handed over) ` +
        `but no ticket came with it`,
      { orderId: order.id },
    );
  }
}

/** Does the device's register hold tickets (stored earlier, or by this push)? */
async function keepsJournal(ctx: ApplyContext): Promise<boolean> {
  if (ctx.journal.register || ctx.journal.stored.size > 0) return true;
  if (ctx.journal.ticketless.size === 0) return false;
  const [row] = await ctx.db
    .select({ seq: journalEntries.seq })
    .from(journalEntries)
    .where(eq(journalEntries.registerId, ctx.deviceId))
    .limit(1);
  return row !== undefined;
}

/** Locks the device's own register (created on its first ticket). */
export function lockDeviceRegister(ctx: ApplyContext): Promise<RegisterHead> {
  return lockRegister(
    ctx.db,
    { id: ctx.deviceId, storeId: ctx.store.id, kind: "device", deviceId: ctx.deviceId },
    ctx.now,
  );
}
