/**
 * Credit notes in the sales report: a credit note corrects a sale on the
 * business day it is issued, so it lowers that day's revenue, its VAT rates
 * and its categories. Read from the journal, where every credit note is a
 * ticket; training credit notes are left out like training sales.
 */
import { and, between, eq } from "drizzle-orm";

import type { TicketContent } from "@ocpizza/schema";
import { journalEntries, products } from "@ocpizza/schema/db";

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
}

export async function creditNoteFigures(
  db: Database,
  range: ReportRange,
): Promise<CreditNoteFigures> {
  const rows = await db
    .select({
      businessDay: journalEntries.businessDay,
      totalCents: journalEntries.totalCents,
      content: journalEntries.content,
    })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.kind, "credit_note"),
        eq(journalEntries.training, false),
        between(journalEntries.businessDay, range.from, range.to),
        range.storeId === null ? undefined : eq(journalEntries.storeId, range.storeId),
      ),
    );
  const figures: CreditNoteFigures = {
    count: rows.length,
    totalCents: 0,
    byDay: new Map(),
    byRate: new Map(),
    byCategory: new Map(),
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
    figures.byDay.set(row.businessDay, (figures.byDay.get(row.businessDay) ?? 0) + row.totalCents);
    for (const vat of content.vat) {
      const sumSoFar = figures.byRate.get(vat.rateBp) ?? { totalCents: 0, vatCents: 0 };
      figures.byRate.set(vat.rateBp, {
        totalCents: sumSoFar.totalCents + vat.totalCents,
        vatCents: sumSoFar.vatCents + vat.vatCents,
      });
    }
    for (const line of content.lines) {
      const category = categoryOf.get(line.productId) ?? "unknown";
      figures.byCategory.set(category, (figures.byCategory.get(category) ?? 0) + line.totalCents);
    }
  }
  return figures;
}
