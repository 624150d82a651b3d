/**
 * Month sums beside the day sums of sales_summary: a period is read as its
 * whole calendar months (one row per month and key) plus the days before and
 * after them, so a year of ten stores reads thousands of rows, not hundreds
 * of thousands. Month rows are keyed by the month's first day and a dimension
 * of their own, so they never collide with the first day's rows.
 */
import { addDays } from "@ocpizza/schema";

export const DAY_DIMENSIONS = [
  "order",
  "hour",
  "product",
  "size",
  "category",
  "vat",
  "payment",
] as const;
export type DayDimension = (typeof DAY_DIMENSIONS)[number];

/** The month dimension of each day dimension (the column holds eight characters). */
export const MONTH_OF: Record<DayDimension, string> = {
  order: "m_order",
  hour: "m_hour",
  product: "m_prod",
  size: "m_size",
  category: "m_cat",
  vat: "m_vat",
  payment: "m_pay",
};

const DAY_OF = new Map(Object.entries(MONTH_OF).map(([day, month]) => [month, day]));

/** The day dimension a row's dimension stands for (a month row's or its own). */
export function dayDimension(dimension: string): string {
  return DAY_OF.get(dimension) ?? dimension;
}

export interface SplitRange {
  /** Day ranges read from day rows (before and after the whole months). */
  days: { from: string; to: string }[];
  /** First days of the first and last whole months, or null when none fits. */
  months: { from: string; to: string } | null;
}

/** Splits from..to (inclusive business days) into whole months and the days around them. */
export function splitRange(from: string, to: string): SplitRange {
  const firstMonth = from.endsWith("-01") ? from : addDays(monthStart(from), 32).slice(0, 8) + "01";
  const afterTo = addDays(to, 1);
  const lastMonthEnd = afterTo.endsWith("-01") ? to : addDays(monthStart(to), -1);
  if (firstMonth > lastMonthEnd) return { days: [{ from, to }], months: null };

  const days: SplitRange["days"] = [];
  if (from < firstMonth) days.push({ from, to: addDays(firstMonth, -1) });
  if (lastMonthEnd < to) days.push({ from: addDays(lastMonthEnd, 1), to });
  return { days, months: { from: firstMonth, to: monthStart(lastMonthEnd) } };
}

/** "2025-03-01" for any day of March 2025. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
