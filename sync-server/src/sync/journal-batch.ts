/**
 * The tickets of one push, checked against the device's register and stored
 * in the push's transaction. A ticket is stored whenever its number is free
 * and the head moves over every unbroken run; whatever does not fit (a gap,
 * a reused number, a broken link, altered content, a ticket that does not
 * match the stored order) becomes an anomaly and an alert, never a refusal.
 * A sale counts once: a second sale ticket of an order, or the ticket of a
 * rejected mutation, is stored but left out of the figures (an anomaly of an
 * `UNCOUNTED_TICKET_KINDS` kind names it). A finished sale without a ticket
 * from a device that keeps a journal is an anomaly too (`missing_ticket`).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { PoolConnection } from "mysql2/promise";

import {
  businessDay,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  isTicket,
  UNCOUNTED_TICKET_KINDS,
  type JournalAnomalyKind,
  type JournalEntry,
  type Mutation,
  type PushRequest,
} from "@ocpizza/schema";
import { closings, journalAnomalies, journalEntries, orders, registers } from "@ocpizza/schema/db";

import { bulkInsert } from "../db/bulk-insert.js";
import type { Database } from "../db/connection.js";
import {
  lockRegister,
  saveHead,
  walkStoredEntries,
  type RegisterHead,
} from "../journal/registers.js";
import { compareSale } from "../journal/ticket-checks.js";
import type { ApplyContext, ApplyResult } from "./apply-context.js";
import { storedOrder } from "./stored-order.js";

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

/**
 * Journals the ticket that finalized a sale, after comparing it with the
 * order as stored. `result` is the outcome of the mutation that carried it:
 * the ticket of a rejected mutation, or a second sale ticket of an order, is
 * stored (its number is the device's) but counted in no figure.
 */
export async function journalSale(
  ctx: ApplyContext,
  orderId: string,
  entry: JournalEntry,
  result?: ApplyResult,
): Promise<void> {
  const order = await storedOrder(ctx, orderId);
  const ticketOrder = entry.content.orderId;
  const counted =
    ctx.journal.countedSales.has(ticketOrder) || (await hasCountedSale(ctx, ticketOrder));
  const stored = await recordTicket(ctx, entry, compareSale(entry.content, order));
  if (!stored) return;
  const where = `ticket ${entry.content.seq} of register ${ctx.deviceId}`;
  if (entry.content.kind !== "sale") {
    // A credit note can only count through order.credit_note, once per ticket it corrects.
    addAnomaly(
      ctx,
      "uncounted_sale",
      entry.content.seq,
      `${where}: a "${entry.content.kind}" ticket finalizes a sale; it is kept but not counted`,
      entry,
    );
  } else if (counted) {
    addAnomaly(
      ctx,
      "duplicate_sale",
      entry.content.seq,
      `${where}: order ${ticketOrder} already has a sale ticket; this one is kept but not counted`,
      entry,
    );
  } else if (result?.outcome === "rejected") {
    addAnomaly(
      ctx,
      "uncounted_sale",
      entry.content.seq,
      `${where}: its mutation was rejected (${result.code}); the ticket is kept but not counted`,
      entry,
    );
  } else {
    ctx.journal.countedSales.add(ticketOrder);
  }
}

/** Does the order already have a sale ticket that counts (stored by an earlier push)? */
async function hasCountedSale(ctx: ApplyContext, orderId: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ seq: journalEntries.seq })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.orderId, orderId),
        eq(journalEntries.storeId, ctx.store.id),
        eq(journalEntries.kind, "sale"),
        sql`NOT EXISTS (SELECT 1 FROM journal_anomalies a WHERE a.register_id = ${journalEntries.registerId} AND a.seq = ${journalEntries.seq} AND a.kind IN (${sql.join(
          UNCOUNTED_TICKET_KINDS.map((kind) => sql`${kind}`),
          sql`, `,
        )}))`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Checks one ticket against the register and queues it (and its anomalies)
 * for writing. Returns false when it is not stored (its number is taken).
 */
export async function recordTicket(
  ctx: ApplyContext,
  entry: JournalEntry,
  mismatches: readonly string[],
): Promise<boolean> {
  const journal = ctx.journal;
  const register = (journal.register ??= await lockDeviceRegister(ctx));
  const { content } = entry;
  const seq = content.seq;
  const where = `ticket ${seq} of register ${register.id}`;
  const problem = (kind: JournalAnomalyKind, message: string) =>
    addAnomaly(ctx, kind, seq, `${where}: ${message}`, entry);

  const found = [...mismatches];
  if (content.registerId !== register.id) found.push(`it names register ${content.registerId}`);
  if (content.storeId !== ctx.store.id) found.push(`it names store ${content.storeId}`);

  const taken = journal.stored.get(seq);
  if (taken !== undefined) {
    // The same ticket again (a resend) is nothing; another ticket under its number is kept out.
    if (taken !== entry.hash)
      problem("duplicate", "its number is already used by another ticket; the first one is kept");
    return false;
  }

  if (chainHash(entry.previousHash, content) !== entry.hash) {
    problem("altered", "its content does not match its hash");
  }
  const before = seq === 1 ? GENESIS_HASH : journal.stored.get(seq - 1);
  if (before === undefined) {
    problem("gap", `ticket(s) ${register.headSeq + 1} to ${seq - 1} have not reached the server`);
  } else if (before !== entry.previousHash) {
    problem("broken_link", `it does not follow ticket ${seq - 1}`);
  }
  if (found.length > 0) problem("mismatch", found.join("; "));

  const day = businessDay(content.issuedAtMs, ctx.store.timeZone, ctx.store.closingMinutes);
  if (!content.training && (await isClosed(ctx, day))) {
    // Decided here, under the store's lock: no closing can pass between this and the commit.
    const countsOnDay = await nextOpenDay(ctx, day);
    addAnomaly(
      ctx,
      "after_closing",
      seq,
      `${where}: a ticket of ${day}, a day already closed: it counts in the closing of ${countsOnDay}`,
      { ...entry, countsOnDay },
    );
  }

  journal.stored.set(seq, entry.hash);
  journal.rows.push({
    registerId: register.id,
    seq,
    storeId: ctx.store.id,
    kind: content.kind,
    orderId: content.orderId,
    correctsRegisterId: content.corrects?.registerId ?? null,
    correctsSeq: content.corrects?.seq ?? null,
    businessDay: day,
    issuedAt: new Date(content.issuedAtMs),
    totalCents: content.totalCents,
    training: content.training,
    previousHash: entry.previousHash,
    hash: entry.hash,
    content: canonicalJson(content),
    receivedAt: ctx.now,
    version: ctx.version,
  });
  if (seq === register.headSeq + 1) {
    journal.register = { ...register, headSeq: seq, headHash: entry.hash };
  }
  return true;
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
        message: `device ${ctx.deviceId} reported the head of register ${report.registerId}: a device reports its own register`,
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
      `order ${order.id} of device ${ctx.deviceId} is finished (paid in full or handed over) but no ticket came with it`,
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

async function isClosed(ctx: ApplyContext, day: string): Promise<boolean> {
  const known = ctx.journal.closedDays.get(day);
  if (known !== undefined) return known;
  const [row] = await ctx.db
    .select({ seq: closings.seq })
    .from(closings)
    .where(
      and(
        eq(closings.storeId, ctx.store.id),
        eq(closings.scope, "store"),
        eq(closings.period, "day"),
        eq(closings.periodKey, day),
      ),
    )
    .limit(1);
  ctx.journal.closedDays.set(day, row !== undefined);
  return row !== undefined;
}

/**
 * Where a ticket of a closed day counts: the store's first day, from the day
 * after it and not before today, that has no closing yet.
 */
async function nextOpenDay(ctx: ApplyContext, day: string): Promise<string> {
  const today = businessDay(ctx.now.getTime(), ctx.store.timeZone, ctx.store.closingMinutes);
  let candidate = addDays(day, 1) > today ? addDays(day, 1) : today;
  const rows = await ctx.db
    .select({ key: closings.periodKey })
    .from(closings)
    .where(
      and(
        eq(closings.storeId, ctx.store.id),
        eq(closings.scope, "store"),
        eq(closings.period, "day"),
        sql`${closings.periodKey} >= ${candidate}`,
      ),
    );
  const closed = new Set(rows.map((row) => row.key));
  while (closed.has(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function lockDeviceRegister(ctx: ApplyContext): Promise<RegisterHead> {
  return lockRegister(
    ctx.db,
    { id: ctx.deviceId, storeId: ctx.store.id, kind: "device", deviceId: ctx.deviceId },
    ctx.now,
  );
}
