/**
 * The sales report: orders that were not cancelled, refused or training, over business
 * days from..to inclusive, for one store or all. Figures come from the order
 * rows (totals kept there), order_vat, order_lines and payments, each
 * grouped in SQL; months and categories are folded here. Revenue is net of
 * the credit notes issued over the same days (see credit-notes.ts).
 */
import { and, between, count, countDistinct, eq, gt, isNull, notInArray, sum } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import { rateLabel, type SalesBreakdown, type SalesReport } from "@ocpizza/schema";
import { categories, devices, orderLines, orders, orderVat, payments } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { creditNoteFigures } from "./credit-notes.js";

export interface ReportRange {
  from: string;
  to: string;
  storeId: string | null;
  /** When given, these stores (and storeId is ignored). */
  storeIds?: readonly string[];
}

/** An online order still `pending` is not a sale until a counter accepts it. */
const NOT_SALES = ["pending", "cancelled", "refused"];

export async function salesReport(
  db: Database,
  range: ReportRange,
  nowMs: number,
): Promise<SalesReport> {
  const sales = and(
    between(orders.businessDay, range.from, range.to),
    notInArray(orders.status, NOT_SALES),
    // Training sales are kept out of every figure.
    eq(orders.training, false),
    range.storeId === null ? undefined : eq(orders.storeId, range.storeId),
  ) as SQL;
  const n = (value: unknown) => Number(value ?? 0);

  const dayRows = await db
    .select({
      day: orders.businessDay,
      orders: count(),
      lines: sum(orders.lineCount),
      items: sum(orders.itemCount),
      revenueCents: sum(orders.totalCents),
    })
    .from(orders)
    .where(sales)
    .groupBy(orders.businessDay)
    .orderBy(orders.businessDay);

  const vatRows = await db
    .select({
      rateBp: orderVat.rateBp,
      orders: count(),
      revenueCents: sum(orderVat.totalCents),
      vatCents: sum(orderVat.vatCents),
    })
    .from(orderVat)
    .innerJoin(orders, eq(orders.id, orderVat.orderId))
    .where(sales)
    .groupBy(orderVat.rateBp);

  const categoryRows = await db
    .select({
      categoryId: orderLines.categoryId,
      orders: countDistinct(orderLines.orderId),
      lines: count(),
      items: sum(orderLines.quantity),
      revenueCents: sum(orderLines.totalCents),
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(sales)
    .groupBy(orderLines.categoryId);

  const paymentRows = await db
    .select({ method: payments.method, payments: count(), amountCents: sum(payments.amountCents) })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(sales)
    .groupBy(payments.method);

  const categoryNames = new Map(
    (await db.select({ id: categories.id, nameEn: categories.nameEn }).from(categories)).map(
      (c) => [c.id, c.nameEn],
    ),
  );
  const unsynced = await db
    .select({
      deviceId: devices.id,
      name: devices.name,
      pending: devices.reportedPending,
      oldestPendingAt: devices.reportedOldestPendingAt,
    })
    .from(devices)
    .where(
      and(
        gt(devices.reportedPending, 0),
        isNull(devices.revokedAt),
        range.storeId === null ? undefined : eq(devices.storeId, range.storeId),
      ),
    );

  const credits = await creditNoteFigures(db, range);
  for (const [day, totalCents] of credits.byDay) {
    if (!dayRows.some((row) => row.day === day)) {
      dayRows.push({ day, orders: 0, lines: "0", items: "0", revenueCents: "0" });
    }
  }
  dayRows.sort((a, b) => a.day.localeCompare(b.day));

  const byDay: Record<string, SalesBreakdown> = {};
  const byMonth: Record<string, SalesBreakdown> = {};
  const total = emptyBreakdown();
  for (const row of dayRows) {
    const figures = {
      orders: n(row.orders),
      lines: n(row.lines),
      items: n(row.items),
      revenueCents: n(row.revenueCents) + (credits.byDay.get(row.day) ?? 0),
    };
    byDay[row.day] = figures;
    addInto((byMonth[row.day.slice(0, 7)] ??= emptyBreakdown()), figures);
    addInto(total, figures);
  }

  const byCategory: Record<string, SalesBreakdown> = {};
  for (const row of categoryRows) {
    const name = categoryNames.get(row.categoryId) ?? row.categoryId;
    addInto((byCategory[name] ??= emptyBreakdown()), {
      orders: n(row.orders),
      lines: n(row.lines),
      items: n(row.items),
      revenueCents: n(row.revenueCents),
    });
  }
  for (const [categoryId, totalCents] of credits.byCategory) {
    const name = categoryNames.get(categoryId) ?? categoryId;
    (byCategory[name] ??= emptyBreakdown()).revenueCents += totalCents;
  }
  for (const [rateBp, credit] of credits.byRate) {
    const row = vatRows.find((r) => r.rateBp === rateBp);
    if (row) {
      row.revenueCents = String(n(row.revenueCents) + credit.totalCents);
      row.vatCents = String(n(row.vatCents) + credit.vatCents);
    } else {
      vatRows.push({
        rateBp,
        orders: 0,
        revenueCents: String(credit.totalCents),
        vatCents: String(credit.vatCents),
      });
    }
  }

  return {
    from: range.from,
    to: range.to,
    storeId: range.storeId,
    ...total,
    creditNotes: { count: credits.count, totalCents: credits.totalCents },
    vatByRate: Object.fromEntries(
      vatRows
        .sort((a, b) => a.rateBp - b.rateBp)
        .map((row) => {
          const revenueCents = n(row.revenueCents);
          const vatCents = n(row.vatCents);
          return [
            rateLabel(row.rateBp),
            { orders: n(row.orders), revenueCents, vatCents, netCents: revenueCents - vatCents },
          ];
        }),
    ),
    byMonth,
    byDay,
    byCategory,
    byPaymentMethod: Object.fromEntries(
      paymentRows.map((row) => [
        row.method,
        { payments: n(row.payments), amountCents: n(row.amountCents) },
      ]),
    ),
    unsyncedDevices: unsynced.map((d) => ({
      deviceId: d.deviceId,
      name: d.name,
      pending: d.pending,
      oldestPendingAtMs: d.oldestPendingAt?.getTime() ?? null,
    })),
    generatedAtMs: nowMs,
  };
}

function emptyBreakdown(): SalesBreakdown {
  return { orders: 0, lines: 0, items: 0, revenueCents: 0 };
}

function addInto(target: SalesBreakdown, figures: SalesBreakdown): void {
  target.orders += figures.orders;
  target.lines += figures.lines;
  target.items += figures.items;
  target.revenueCents += figures.revenueCents;
}
