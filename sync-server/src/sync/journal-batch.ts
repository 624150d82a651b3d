/**
 * The tickets of one push, checked against the device's register and stored
 * in the push's transaction. A ticket is stored whenever its number is free
 * and the head moves over every unbroken run; whatever does not fit (a gap,
 * a reused number, a broken link, altered content, a ticket that does not
 * match the stored order) becomes an anomaly and an alert, never a refusal.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { PoolConnection } from "mysql2/promise";

import {
  businessDay,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  type JournalAnomalyKind,
  type JournalEntry,
  type Mutation,
  type PushRequest,
} from "@ocpizza/schema";
import { closings, journalAnomalies, journalEntries, registers } from "@ocpizza/schema/db";

import { bulkInsert } from "../db/bulk-insert.js";
import type { Database } from "../db/connection.js";
import {
  lockRegister,
  saveHead,
  walkStoredEntries,
  type RegisterHead,
} from "../journal/registers.js";
import { compareSale } from "../journal/ticket-checks.js";
import type { ApplyContext } from "./apply-context.js";
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
}

/** Looks up, in one query, the ticket numbers this batch uses and the ones just before them. */
export async function prepareJournal(
  db: Database,
  registerId: string,
  batch: readonly Mutation[],
): Promise<JournalBatch> {
  const seqs = new Set<number>();
  for (const mutation of batch) {
    const ticket = "ticket" in mutation ? mutation.ticket : undefined;
    if (ticket) seqs.add(ticket.content.seq).add(ticket.content.seq - 1);
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
  };
}

/** Journals the ticket that finalized a sale, after comparing it with the order as stored. */
export async function journalSale(
  ctx: ApplyContext,
  orderId: string,
  entry: JournalEntry,
): Promise<void> {
  const order = await storedOrder(ctx, orderId);
  await recordTicket(ctx, entry, compareSale(entry.content, order));
}

/** Checks one ticket against the register and queues it (and its anomalies) for writing. */
export async function recordTicket(
  ctx: ApplyContext,
  entry: JournalEntry,
  mismatches: readonly string[],
): Promise<void> {
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
    return;
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
    ctx.alerts.push({
      kind: "journal_after_closing",
      message: `${where}: a ticket of ${day}, a day already closed: it is journaled but not in that closing`,
      orderId: content.orderId,
    });
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

function lockDeviceRegister(ctx: ApplyContext): Promise<RegisterHead> {
  return lockRegister(
    ctx.db,
    { id: ctx.deviceId, storeId: ctx.store.id, kind: "device", deviceId: ctx.deviceId },
    ctx.now,
  );
}
