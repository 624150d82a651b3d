/**
 * The figures behind closings and X reports: a day's totals folded from its
 * journal entries (training tickets, second sale tickets of an order and
 * credit notes that do not count left out; a ticket that came after its day
 * was closed counted on the store's next open day instead), totals added up from lower
 * closings, and which registers still hold tickets the server has not got.
 */
import { and, between, eq, inArray, or, sql } from "drizzle-orm";

import {
  rateLabel,
  UNCOUNTED_TICKET_KINDS,
  type ClosingTotals,
  type RegisterSeal,
  type TicketContent,
  type UnsyncedRegister,
} from "@ocpizza/schema";
import { devices, journalAnomalies, journalEntries, registers } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { HttpError } from "../http/errors.js";

export function emptyTotals(): ClosingTotals {
  return { tickets: 0, creditNotes: 0, totalCents: 0, byVatRate: {}, byPaymentMethod: {} };
}

/** A journal entry with what decides whether it counts in the figures. */
export interface CountableEntry {
  registerId: string;
  seq: number;
  kind: string;
  training: boolean;
  /** For a credit note, the training flag of the ticket it corrects (null: not held). */
  correctedTraining: boolean | null;
}

/**
 * Does a ticket count in the figures? Not when an anomaly left it out (a
 * second sale ticket of an order, the ticket of a rejected mutation, a second
 * or orphan credit note); a sale counts unless it is training; a credit note
 * counts when the ticket it corrects is held and is not training, whatever the
 * credit note's own training flag says.
 */
export function countsInFigures(entry: CountableEntry, uncounted: ReadonlySet<string>): boolean {
  if (uncounted.has(`${entry.registerId}#${entry.seq}`)) return false;
  if (entry.kind === "credit_note") return entry.correctedTraining === false;
  return !entry.training;
}

/** "registerId#seq" of the store's tickets an anomaly keeps out of the figures. */
export async function uncountedTickets(db: Database, storeId: string): Promise<Set<string>> {
  const rows = await db
    .select({ registerId: journalAnomalies.registerId, seq: journalAnomalies.seq })
    .from(journalAnomalies)
    .where(
      and(
        eq(journalAnomalies.storeId, storeId),
        inArray(journalAnomalies.kind, [...UNCOUNTED_TICKET_KINDS]),
      ),
    );
  return new Set(rows.map((row) => `${row.registerId}#${row.seq}`));
}

/**
 * Journal entries of a store (or one register) counted over business days
 * from..to, with what counts. A ticket that arrived once its day was closed
 * (an `after_closing` anomaly) belongs to the day the anomaly names instead.
 */
export async function countableEntries(
  db: Database,
  scope: { storeId: string; registerId: string | null },
  from: string,
  to: string,
) {
  const moved = await movedTickets(db, scope.storeId);
  const movedIn = [...moved].filter(([, day]) => day >= from && day <= to).map(([key]) => key);
  const inRange = between(journalEntries.businessDay, from, to);
  const rows = await db
    .select({
      registerId: journalEntries.registerId,
      seq: journalEntries.seq,
      kind: journalEntries.kind,
      training: journalEntries.training,
      businessDay: journalEntries.businessDay,
      previousHash: journalEntries.previousHash,
      hash: journalEntries.hash,
      content: journalEntries.content,
      // Spelled out: drizzle leaves a selected column unqualified, and the
      // subquery would read it as its own.
      correctedTraining: sql<number | null>`(SELECT c.training FROM journal_entries c
        WHERE c.register_id = journal_entries.corrects_register_id
        AND c.seq = journal_entries.corrects_seq AND c.store_id = journal_entries.store_id)`,
    })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.storeId, scope.storeId),
        scope.registerId === null ? undefined : eq(journalEntries.registerId, scope.registerId),
        movedIn.length === 0
          ? inRange
          : or(
              inRange,
              sql`CONCAT(${journalEntries.registerId}, '#', ${journalEntries.seq}) IN (${sql.join(
                movedIn.map((key) => sql`${key}`),
                sql`, `,
              )})`,
            ),
      ),
    )
    .orderBy(journalEntries.registerId, journalEntries.seq);
  const uncounted = await uncountedTickets(db, scope.storeId);
  return rows
    .filter((row) => {
      const day = moved.get(`${row.registerId}#${row.seq}`) ?? row.businessDay;
      return day >= from && day <= to;
    })
    .map((row) => {
      const entry = {
        ...row,
        training: Boolean(row.training),
        correctedTraining:
          row.correctedTraining === null ? null : Boolean(Number(row.correctedTraining)),
        content: JSON.parse(row.content) as TicketContent,
      };
      return { ...entry, counted: countsInFigures(entry, uncounted) };
    });
}

/**
 * "registerId#seq" -> the day it counts on, for the store's tickets that came after their closing.
 */
export async function movedTickets(db: Database, storeId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({
      registerId: journalAnomalies.registerId,
      seq: journalAnomalies.seq,
      day: sql<string>`JSON_UNQUOTE(JSON_EXTRACT(${journalAnomalies.entry}, '$.countsOnDay'))`,
    })
    .from(journalAnomalies)
    .where(and(eq(journalAnomalies.storeId, storeId), eq(journalAnomalies.kind, "after_closing")));
  return new Map(rows.map((row) => [`${row.registerId}#${row.seq}`, row.day]));
}

/**
 * The totals of the tickets of business days from..to (inclusive) of a store
 * or one register (404 when the store has no such register).
 */
export async function journalTotals(
  db: Database,
  scope: { storeId: string; registerId: string | null },
  from: string,
  to: string,
): Promise<ClosingTotals> {
  if (scope.registerId !== null) await requireRegister(db, scope);
  const totals = emptyTotals();
  for (const entry of await countableEntries(db, scope, from, to)) {
    if (entry.counted) addTicket(totals, entry.content);
  }
  return totals;
}

/** 404 unless the register belongs to the store. */
export async function requireRegister(
  db: Database,
  scope: { storeId: string; registerId: string | null },
): Promise<void> {
  const [row] = await db
    .select({ id: registers.id })
    .from(registers)
    .where(and(eq(registers.id, scope.registerId!), eq(registers.storeId, scope.storeId)));
  if (!row) {
    throw new HttpError(
      404,
      "not_found",
      `Register "${scope.registerId}" has no ticket in store ${scope.storeId}: use a device ` +
        `id of that store, or server:${scope.storeId}.`,
    );
  }
}

/** Adds a ticket that counts (see countsInFigures: the caller decides, training included). */
export function addTicket(totals: ClosingTotals, ticket: TicketContent): void {
  if (ticket.kind === "credit_note") totals.creditNotes += 1;
  else totals.tickets += 1;
  totals.totalCents += ticket.totalCents;
  for (const vat of ticket.vat) {
    const row = (totals.byVatRate[rateLabel(vat.rateBp)] ??= { totalCents: 0, vatCents: 0 });
    row.totalCents += vat.totalCents;
    row.vatCents += vat.vatCents;
  }
  for (const payment of ticket.payments) {
    const row = (totals.byPaymentMethod[payment.method] ??= { amountCents: 0 });
    row.amountCents += payment.amountCents;
  }
}

/** Adds closings' totals together (a month from its days, a year from its months). */
export function sumTotals(parts: readonly ClosingTotals[]): ClosingTotals {
  const totals = emptyTotals();
  for (const part of parts) {
    totals.tickets += part.tickets;
    totals.creditNotes += part.creditNotes;
    totals.totalCents += part.totalCents;
    for (const [rate, v] of Object.entries(part.byVatRate)) {
      const row = (totals.byVatRate[rate] ??= { totalCents: 0, vatCents: 0 });
      row.totalCents += v.totalCents;
      row.vatCents += v.vatCents;
    }
    for (const [method, p] of Object.entries(part.byPaymentMethod)) {
      (totals.byPaymentMethod[method] ??= { amountCents: 0 }).amountCents += p.amountCents;
    }
  }
  return totals;
}

/**
 * Registers whose device reported tickets beyond the last one the server
 * holds, each named with its device. A revoked device's register is left out
 * (it will never sync again: it cannot hold a closing back); see revokedUnsynced.
 */
export async function unsyncedRegisters(
  db: Database,
  storeId: string,
): Promise<UnsyncedRegister[]> {
  return (await behindRegisters(db, storeId))
    .filter((r) => !r.revoked)
    .map(({ revoked: _r, ...r }) => r);
}

/** Registers of revoked devices still behind the server: a closing lists them as warnings. */
export async function revokedUnsynced(db: Database, storeId: string): Promise<UnsyncedRegister[]> {
  return (await behindRegisters(db, storeId))
    .filter((r) => r.revoked)
    .map(({ revoked: _r, ...r }) => r);
}

async function behindRegisters(db: Database, storeId: string) {
  const rows = await db
    .select({
      registerId: registers.id,
      deviceId: registers.deviceId,
      reportedHeadSeq: registers.reportedHeadSeq,
      storedSeq: sql<number>`(SELECT COALESCE(MAX(j.seq), 0) FROM journal_entries j
        WHERE j.register_id = ${registers.id})`,
    })
    .from(registers)
    .where(eq(registers.storeId, storeId));
  const behind = rows
    .map((row) => ({ ...row, storedSeq: Number(row.storedSeq) }))
    .filter((row) => row.reportedHeadSeq > row.storedSeq);
  if (behind.length === 0) return [];
  const paired = await db
    .select({ id: devices.id, name: devices.name, revokedAt: devices.revokedAt })
    .from(devices)
    .where(eq(devices.storeId, storeId));
  const byId = new Map(paired.map((d) => [d.id, d]));
  return behind
    .map(({ deviceId, ...row }) => {
      const device = deviceId === null ? undefined : byId.get(deviceId);
      return { ...row, deviceName: device?.name ?? null, revoked: Boolean(device?.revokedAt) };
    })
    .sort((a, b) => a.registerId.localeCompare(b.registerId));
}

/** Every register's head: sealed into a closing, it names the tickets the closing covers. */
export async function registerSeals(db: Database, storeId: string): Promise<RegisterSeal[]> {
  const rows = await db
    .select({ registerId: registers.id, headSeq: registers.headSeq, headHash: registers.headHash })
    .from(registers)
    .where(eq(registers.storeId, storeId));
  return rows.sort((a, b) => a.registerId.localeCompare(b.registerId));
}
