/**
 * The manager's sales dashboard: totals for a period and the one before it,
 * and every breakdown (store, day, local hour, product, size, category,
 * channel, service mode, payment method, VAT rate, refunds), for the stores
 * asked. Only synced rows: the freshness part says what may still be missing.
 * Counting rules are the sales report's (docs/fiscal.md, docs/reports.md).
 */
import { addDays, rateLabel } from "@ocpizza/schema";
import type { SalesDashboard, SalesRow, SalesTotals } from "@ocpizza/schema";
import { categories, products, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { creditNoteFigures, type CreditNoteFigures } from "./credit-notes.js";
import { salesFreshness } from "./freshness.js";
import type { DayRange } from "./sales-queries.js";
import { readDaySums, readPeriodSums } from "./summary-reads.js";
import { DAY_DIMENSIONS } from "./summary-periods.js";

export async function salesDashboard(
  db: Database,
  range: DayRange,
  nowMs: number,
): Promise<SalesDashboard> {
  const names = await readNames(db);
  const credits = await creditNoteFigures(db, { ...range, storeId: null });
  const orderRows = (await readDaySums(db, range)).map(asSales);
  const other = await readPeriodSums(db, range, DAY_DIMENSIONS);
  const of = (dimension: string) => other.filter((row) => row.dimension === dimension).map(asSales);
  const vat = mergeVat(vatRows(other), credits);
  const previous = previousRange(range);

  return {
    from: range.from,
    to: range.to,
    storeIds: [...range.storeIds],
    totals: totalsOf(orderRows, credits, vat),
    previous: { from: previous.from, to: previous.to, totals: await totalsOnly(db, previous) },
    byStore: label(
      fold(orderRows, (r) => r.storeId, credits.byStore),
      (key) => names.stores.get(key)?.name,
    ),
    byDay: sortByKey(fold(orderRows, (r) => r.day, credits.byDay)),
    byHour: sortByKey(fold(of("hour"), (r) => r.key1, new Map())),
    byProduct: label(
      fold(of("product"), (r) => r.key1, credits.byProduct),
      (key) => names.products.get(key)?.fr,
      (key) => names.products.get(key)?.en,
    ),
    bySize: sortByKey(fold(of("size"), (r) => r.key1, credits.bySize)),
    byCategory: label(
      fold(of("category"), (r) => r.key1, credits.byCategory),
      (key) => names.categories.get(key)?.fr,
      (key) => names.categories.get(key)?.en,
    ),
    byChannel: fold(of("order"), (r) => r.key1, new Map()),
    byServiceMode: fold(of("order"), (r) => r.key2, new Map()),
    byPaymentMethod: fold(of("payment"), (r) => r.key1, new Map()).map((row) => ({
      key: row.key,
      payments: row.orders,
      amountCents: row.salesCents,
    })),
    vatByRate: vat,
    refunds: {
      creditNotes: credits.count,
      creditNotesCents: credits.totalCents,
      refundedByMethod: [...credits.refundsByMethod].map(([key, r]) => ({ key, ...r })),
    },
    freshness: await salesFreshness(db, range.storeIds),
    generatedAtMs: nowMs,
  };
}

/** A summed row read as sales: amountCents is what was sold. */
function asSales<T extends { amountCents: number }>(row: T): T & { salesCents: number } {
  return { ...row, salesCents: row.amountCents };
}

/** The same number of days, ending the day before `from`. */
export function previousRange(range: DayRange): DayRange {
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
  return { ...range, from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

async function totalsOnly(db: Database, range: DayRange): Promise<SalesTotals> {
  const credits = await creditNoteFigures(db, { ...range, storeId: null });
  const rows = await readPeriodSums(db, range, ["order", "vat"]);
  const orderRows = rows.filter((row) => row.dimension === "order").map(asSales);
  return totalsOf(orderRows, credits, mergeVat(vatRows(rows), credits));
}

type PeriodRow = { dimension: string; key1: string; amountCents: number; vatCents: number };

/** The VAT rows of a period's sums, as (rate, tax-included total, VAT). */
function vatRows(rows: readonly PeriodRow[]) {
  return rows
    .filter((row) => row.dimension === "vat")
    .map((row) => ({
      rateBp: Number(row.key1),
      revenueCents: row.amountCents,
      vatCents: row.vatCents,
    }));
}

type Summable = { orders: number; items: number; salesCents: number; lines?: number };

function totalsOf(
  rows: readonly Summable[],
  credits: CreditNoteFigures,
  vat: readonly { vatCents: number }[],
): SalesTotals {
  const sumOf = (pick: (row: Summable) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const orders = sumOf((r) => r.orders);
  const salesCents = sumOf((r) => r.salesCents);
  const revenueCents = salesCents + credits.totalCents;
  const vatCents = vat.reduce((s, r) => s + r.vatCents, 0);
  return {
    orders,
    lines: sumOf((r) => r.lines ?? 0),
    items: sumOf((r) => r.items),
    salesCents,
    creditNotes: credits.count,
    creditNotesCents: credits.totalCents,
    revenueCents,
    vatCents,
    revenueExVatCents: revenueCents - vatCents,
    averageTicketCents: orders === 0 ? 0 : Math.round(salesCents / orders),
  };
}

/**
 * Groups rows by a key and adds the credit notes told apart by that key. For
 * line rows, `orders` counts the orders holding the product (or size, or
 * category): an order of two products counts once in each.
 */
function fold<T extends Summable>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  credits: Map<string, number>,
): SalesRow[] {
  const byKey = new Map<string, SalesRow>();
  const rowFor = (key: string) => {
    let row = byKey.get(key);
    if (!row) {
      row = emptyRow(key);
      byKey.set(key, row);
    }
    return row;
  };
  for (const source of rows) {
    const row = rowFor(keyOf(source));
    row.orders += source.orders;
    row.items += source.items;
    row.salesCents += source.salesCents;
    row.revenueCents += source.salesCents;
  }
  for (const [key, cents] of credits) {
    const row = rowFor(key);
    row.creditNotesCents += cents;
    row.revenueCents += cents;
  }
  return [...byKey.values()].sort((a, b) => b.revenueCents - a.revenueCents);
}

function emptyRow(key: string): SalesRow {
  return {
    key,
    label: key,
    labelEn: key,
    orders: 0,
    items: 0,
    salesCents: 0,
    creditNotesCents: 0,
    revenueCents: 0,
  };
}

function sortByKey(rows: SalesRow[]): SalesRow[] {
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function label(
  rows: SalesRow[],
  french: (key: string) => string | undefined,
  english: (key: string) => string | undefined = french,
): SalesRow[] {
  // A product since removed from the menu keeps its id as its name.
  for (const row of rows) {
    row.label = french(row.key) ?? row.key;
    row.labelEn = english(row.key) ?? row.key;
  }
  return rows;
}

/** Per rate: the orders' VAT plus the credit notes' (negative). */
function mergeVat(
  rows: readonly { rateBp: number; revenueCents: number; vatCents: number }[],
  credits: CreditNoteFigures,
): SalesDashboard["vatByRate"] {
  const byRate = new Map<number, { rateBp: number; revenueCents: number; vatCents: number }>();
  // A rate can come twice (its month rows and its day rows): add up.
  for (const r of rows) {
    const row = byRate.get(r.rateBp) ?? { rateBp: r.rateBp, revenueCents: 0, vatCents: 0 };
    row.revenueCents += r.revenueCents;
    row.vatCents += r.vatCents;
    byRate.set(r.rateBp, row);
  }
  for (const [rateBp, credit] of credits.byRate) {
    const row = byRate.get(rateBp) ?? { rateBp, revenueCents: 0, vatCents: 0 };
    row.revenueCents += credit.totalCents;
    row.vatCents += credit.vatCents;
    byRate.set(rateBp, row);
  }
  return [...byRate.values()]
    .sort((a, b) => a.rateBp - b.rateBp)
    .map((r) => ({
      key: rateLabel(r.rateBp),
      rateBp: r.rateBp,
      revenueCents: r.revenueCents,
      vatCents: r.vatCents,
      revenueExVatCents: r.revenueCents - r.vatCents,
    }));
}

async function readNames(db: Database) {
  const storeRows = await db.select({ id: stores.id, name: stores.name }).from(stores);
  const productRows = await db
    .select({ id: products.id, fr: products.nameFr, en: products.nameEn })
    .from(products);
  const categoryRows = await db
    .select({ id: categories.id, fr: categories.nameFr, en: categories.nameEn })
    .from(categories);
  return {
    stores: new Map(storeRows.map((s) => [s.id, s])),
    products: new Map(productRows.map((p) => [p.id, p])),
    categories: new Map(categoryRows.map((c) => [c.id, c])),
  };
}
