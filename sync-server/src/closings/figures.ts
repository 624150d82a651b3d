/**
 * The figures behind closings and X reports: a day's totals folded from its
 * journal entries (training tickets left out), totals added up from lower
 * closings, and which registers still hold tickets the server has not got.
 */
import { and, between, eq, sql } from "drizzle-orm";

import {
  rateLabel,
  type ClosingTotals,
  type RegisterSeal,
  type TicketContent,
  type UnsyncedRegister,
} from "@ocpizza/schema";
import { journalEntries, registers } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export function emptyTotals(): ClosingTotals {
  return { tickets: 0, creditNotes: 0, totalCents: 0, byVatRate: {}, byPaymentMethod: {} };
}

/** The totals of the tickets of business days from..to (inclusive) of a store or one register. */
export async function journalTotals(
  db: Database,
  scope: { storeId: string; registerId: string | null },
  from: string,
  to: string,
): Promise<ClosingTotals> {
  const rows = await db
    .select({ content: journalEntries.content })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.storeId, scope.storeId),
        scope.registerId === null ? undefined : eq(journalEntries.registerId, scope.registerId),
        between(journalEntries.businessDay, from, to),
        eq(journalEntries.training, false),
      ),
    );
  const totals = emptyTotals();
  for (const row of rows) addTicket(totals, JSON.parse(row.content) as TicketContent);
  return totals;
}

export function addTicket(totals: ClosingTotals, ticket: TicketContent): void {
  if (ticket.training) return;
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

/** Registers whose device reported tickets beyond the last one the server holds. */
export async function unsyncedRegisters(
  db: Database,
  storeId: string,
): Promise<UnsyncedRegister[]> {
  const rows = await db
    .select({
      registerId: registers.id,
      reportedHeadSeq: registers.reportedHeadSeq,
      storedSeq: sql<number>`(SELECT COALESCE(MAX(j.seq), 0) FROM journal_entries j WHERE j.register_id = ${registers.id})`,
    })
    .from(registers)
    .where(eq(registers.storeId, storeId));
  return rows
    .map((row) => ({ ...row, storedSeq: Number(row.storedSeq) }))
    .filter((row) => row.reportedHeadSeq > row.storedSeq)
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
