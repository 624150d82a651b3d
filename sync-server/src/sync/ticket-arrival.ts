/**
 * The checks a ticket meets on arrival: its number, hash and link against the
 * device's register, its content against the stored order, and its business
 * day against the closings. What fails becomes an anomaly, never a refusal;
 * the batch bookkeeping and its writing live in journal-batch.ts.
 */
import { and, eq, sql } from "drizzle-orm";

import {
  businessDay,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  UNCOUNTED_TICKET_KINDS,
  type JournalAnomalyKind,
  type JournalEntry,
} from "@ocpizza/schema";
import { closings, journalEntries } from "@ocpizza/schema/db";

import { compareSale } from "../journal/ticket-checks.js";
import type { ApplyContext, ApplyResult } from "./apply-context.js";
import { lockDeviceRegister, ticketAnomaly } from "./journal-batch.js";
import type { MadeBy } from "./staff-checks.js";
import { storedOrder } from "./stored-order.js";

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
  by: MadeBy = {},
): Promise<void> {
  const order = await storedOrder(ctx, orderId);
  const ticketOrder = entry.content.orderId;
  const counted =
    ctx.journal.countedSales.has(ticketOrder) || (await hasCountedSale(ctx, ticketOrder));
  const stored = await recordTicket(ctx, entry, compareSale(entry.content, order), by);
  if (!stored) return;
  const where = `ticket ${entry.content.seq} of register ${ctx.deviceId}`;
  if (entry.content.kind !== "sale") {
    // A credit note can only count through order.credit_note, once per ticket it corrects.
    ticketAnomaly(
      ctx,
      "uncounted_sale",
      entry.content.seq,
      `${where}: a "${entry.content.kind}" ticket finalizes a sale; it is kept but not counted`,
      entry,
    );
  } else if (counted) {
    ticketAnomaly(
      ctx,
      "duplicate_sale",
      entry.content.seq,
      `${where}: order ${ticketOrder} already has a sale ticket; this one is kept but not counted`,
      entry,
    );
  } else if (result?.outcome === "rejected") {
    ticketAnomaly(
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

const uncountedKinds = sql.join(
  UNCOUNTED_TICKET_KINDS.map((kind) => sql`${kind}`),
  sql`, `,
);

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
        sql`NOT EXISTS (SELECT 1 FROM journal_anomalies a
          WHERE a.register_id = ${journalEntries.registerId} AND a.seq = ${journalEntries.seq}
          AND a.kind IN (${uncountedKinds}))`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Checks one ticket against the register and queues it (and its anomalies)
 * for writing. Returns false when it is not stored (its number is taken).
 * `by` is who issued it on the counter (and who approved a credit note).
 */
export async function recordTicket(
  ctx: ApplyContext,
  entry: JournalEntry,
  mismatches: readonly string[],
  by: MadeBy = {},
): Promise<boolean> {
  const journal = ctx.journal;
  const register = (journal.register ??= await lockDeviceRegister(ctx));
  const { content } = entry;
  const seq = content.seq;
  const where = `ticket ${seq} of register ${register.id}`;
  const problem = (kind: JournalAnomalyKind, message: string) =>
    ticketAnomaly(ctx, kind, seq, `${where}: ${message}`, entry);

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
    ticketAnomaly(
      ctx,
      "after_closing",
      seq,
      `${where}: a ticket of ${day}, a day already closed: ` +
        `it counts in the closing of ${countsOnDay}`,
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
    staffId: by.staffId ?? null,
    approvedByStaffId: by.approvedByStaffId ?? null,
  });
  if (seq === register.headSeq + 1) {
    journal.register = { ...register, headSeq: seq, headHash: entry.hash };
  }
  return true;
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
