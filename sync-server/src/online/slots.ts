/**
 * The kitchen's quarter hours: every quarter hour within a day's opening
 * ranges (a range past midnight belongs to the day it starts on, as in
 * opening-hours.ts), how many pizzas each still takes, and the slot an order
 * gets. Pure functions: the pizzas already promised are read by the caller.
 */
import {
  MINUTES_PER_DAY,
  SLOT_MINUTES,
  addDays,
  clockText,
  localParts,
  rangeSpan,
  weekdayOf,
  zonedTimeToEpochMs,
  type OpeningHours,
} from "@ocpizza/schema";

/** How far "as soon as possible" may push an order when the kitchen is busy: 2 hours. */
export const ASAP_HORIZON_MS = 2 * 3_600_000;

export interface Quarter {
  startMs: number;
  /** Local "HH:MM" of the start. */
  time: string;
}

/** The quarter hours of the ranges that start on a local date (none on a closed day). */
export function quartersOfDay(day: string, hours: OpeningHours, timeZone: string): Quarter[] {
  if (hours.closedDays.includes(day)) return [];
  const quarters: Quarter[] = [];
  for (const range of hours.weekly[weekdayOf(day)]) {
    const { start, end } = rangeSpan(range);
    // The last quarter starts a quarter before closing: the kitchen is done by then.
    for (let minute = start; minute + SLOT_MINUTES <= end; minute += SLOT_MINUTES) {
      const date = minute >= MINUTES_PER_DAY ? addDays(day, 1) : day;
      const time = clockText(minute);
      quarters.push({ startMs: zonedTimeToEpochMs(date, time, timeZone), time });
    }
  }
  return quarters.sort((a, b) => a.startMs - b.startMs);
}

/** The store's local date of an instant. */
export function localDate(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Quarters from `fromMs` on, over the local dates from yesterday (late ranges) to `days` on. */
export function quartersFrom(
  fromMs: number,
  days: number,
  hours: OpeningHours,
  timeZone: string,
): Quarter[] {
  const today = localDate(fromMs, timeZone);
  const quarters: Quarter[] = [];
  for (let offset = -1; offset <= days; offset++) {
    quarters.push(...quartersOfDay(addDays(today, offset), hours, timeZone));
  }
  return quarters.filter((q) => q.startMs >= fromMs).sort((a, b) => a.startMs - b.startMs);
}

/**
 * The first quarter from `earliestMs` that still takes `pizzas`, within
 * ASAP_HORIZON_MS: "as soon as possible" is not tomorrow.
 */
export function firstFreeQuarter(
  earliestMs: number,
  pizzas: number,
  capacity: number,
  taken: ReadonlyMap<number, number>,
  hours: OpeningHours,
  timeZone: string,
): Quarter | null {
  const horizon = earliestMs + ASAP_HORIZON_MS;
  for (const quarter of quartersFrom(earliestMs, 1, hours, timeZone)) {
    if (quarter.startMs > horizon) break;
    if (capacity - (taken.get(quarter.startMs) ?? 0) >= pizzas) return quarter;
  }
  return null;
}
