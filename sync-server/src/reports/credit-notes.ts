/**
 * Credit notes in the sales report: a credit note corrects a sale on the
 * business day it is issued, so it lowers that day's revenue, its VAT rates
 * and its categories. Read from the journal, where every credit note is a
 * ticket, and counted by the same rule as the X report and the closings
 * (`countsInFigures`): a second, orphan or excessive credit note is left out,
 * and a credit note is training when the ticket it corrects is.
 */
import { and, between, eq, inArray, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";

import { UNCOUNTED_TICKET_KINDS, type TicketContent } from "@ocpizza/schema";
import { journalAnomalies, journalEntries, products } from "@ocpizza/schema/db";

import { countsInFigures } from "../closings/figures.js";
import type { Database } from "../db/connection.js";
import type { ReportRange } from "./sales-report.js";

export interface CreditNoteFigures {
  count: number;
  totalCents: number;
  byDay: Map<string, number>;
  /** rate (bp) -> { total, vat } in cents, negative. */
  byRate: Map<number, { totalCents: number; vatCents: number }>;
  /** category id -> total in cents, negative. */
  byCategory: Map<string, number>;
  /** store id, product id, size -> total in cents, negative. */
  byStore: Map<string, number>;
  byProduct: Map<string, number>;
  bySize: Map<string, number>;
  /** Money paid back by method (negative), as the counted credit notes' tickets say. */
  refundsByMethod: Map<string, { refunds: number; amountCents: number }>;
}

export async function creditNoteFigures(
  db: Database,
  range: ReportRange,
): Promise<CreditNoteFigures> {
  const all = await db
    .select({
      registerId: journalEntries.registerId,
      storeId: journalEntries.storeId,
      seq: journalEntries.seq,
      kind: journalEntries.kind,
      training: journalEntries.training,
      businessDay: journalEntries.businessDay,
      totalCents: journalEntries.totalCents,
      content: journalEntries.content,
      // Spelled out as in figures.ts: the training flag of the corrected ticket (same store).
      correctedTraining: sql<number | null>`(SELECT c.training FROM journal_entries c
        WHERE c.register_id = journal_entries.corrects_register_id
        AND c.seq = journal_entries.corrects_seq AND c.store_id = journal_entries.store_id)`,
    })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.kind, "credit_note"),
        between(journalEntries.businessDay, range.from, range.to),
        storeCondition(journalEntries.storeId, range),
      ),
    );
  const uncounted = all.length === 0 ? new Set<string>() : await uncountedIn(db, range);
  const rows = all.filter((row) =>
    countsInFigures(
      {
        registerId: row.registerId,
        seq: row.seq,
        kind: row.kind,
        training: Boolean(row.training),
        correctedTraining:
          row.correctedTraining === null ? null : Boolean(Number(row.correctedTraining)),
      },
      uncounted,
    ),
  );
  const figures: CreditNoteFigures = {
    count: rows.length,
    totalCents: 0,
    byDay: new Map(),
    byRate: new Map(),
    byCategory: new Map(),
    byStore: new Map(),
    byProduct: new Map(),
    bySize: new Map(),
    refundsByMethod: new Map(),
  };
  if (rows.length === 0) return figures;

  const categoryOf = new Map(
    (await db.select({ id: products.id, categoryId: products.categoryId }).from(products)).map(
      (p) => [p.id, p.categoryId],
    ),
  );
  for (const row of rows) {
    const content = JSON.parse(row.content) as TicketContent;
    figures.totalCents += row.totalCents;
    addTo(figures.byDay, row.businessDay, row.totalCents);
    addTo(figures.byStore, row.storeId, row.totalCents);
    for (const vat of content.vat) {
      const sumSoFar = figures.byRate.get(vat.rateBp) ?? { totalCents: 0, vatCents: 0 };
      figures.byRate.set(vat.rateBp, {
        totalCents: sumSoFar.totalCents + vat.totalCents,
        vatCents: sumSoFar.vatCents + vat.vatCents,
      });
    }
    for (const line of content.lines) {
      addTo(figures.byCategory, categoryOf.get(line.productId) ?? "unknown", line.totalCents);
      addTo(figures.byProduct, line.productId, line.totalCents);
      addTo(figures.bySize, line.size, line.totalCents);
    }
    for (const payment of content.payments) {
      const sumSoFar = figures.refundsByMethod.get(payment.method) ?? {
        refunds: 0,
        amountCents: 0,
      };
      figures.refundsByMethod.set(payment.method, {
        refunds: sumSoFar.refunds + 1,
        amountCents: sumSoFar.amountCents + payment.amountCents,
      });
    }
  }
  return figures;
}

function addTo(map: Map<string, number>, key: string, cents: number): void {
  map.set(key, (map.get(key) ?? 0) + cents);
}

/** The store part of a WHERE: a list of stores, one store, or every store (undefined). */
export function storeCondition(
  column: MySqlColumn,
  range: Pick<ReportRange, "storeId" | "storeIds">,
): SQL | undefined {
  if (range.storeIds) return inArray(column, range.storeIds.length ? [...range.storeIds] : [""]);
  return range.storeId === null ? undefined : eq(column, range.storeId);
}

/** "registerId#seq" of the tickets an anomaly keeps out of the figures (these stores). */
async function uncountedIn(db: Database, range: ReportRange): Promise<Set<string>> {
  const rows = await db
    .select({ registerId: journalAnomalies.registerId, seq: journalAnomalies.seq })
    .from(journalAnomalies)
    .where(
      and(
        storeCondition(journalAnomalies.storeId, range),
        inArray(journalAnomalies.kind, [...UNCOUNTED_TICKET_KINDS]),
      ),
    );
  return new Set(rows.map((row) => `${row.registerId}#${row.seq}`));
}
