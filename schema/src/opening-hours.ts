/**
 * Is a store open at an instant? Opening hours are wall-clock ranges per
 * weekday in the store's time zone (Europe/Paris for every store today). A
 * range may run past midnight (18:00-01:00): it belongs to the day it starts
 * on, so a closed day closes the ranges that start on it, not the end of the
 * previous evening. Validation of the ranges lives in store-settings.ts.
 */
import { addDays, localParts, zonedTimeToEpochMs } from "./business-day.js";

/** ISO order, Monday first. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" wall-clock times; `closes` at or before `opens` means the next day. */
export interface TimeRange {
  opens: string;
  closes: string;
}

export type WeeklyHours = Record<Weekday, TimeRange[]>;

export interface OpeningHours {
  weekly: WeeklyHours;
  /** "YYYY-MM-DD" local dates with no opening at all (holidays, works). */
  closedDays: readonly string[];
}

export const MINUTES_PER_DAY = 24 * 60;

/** Minutes after midnight of an "HH:MM" time, or null when it is not one ("25:00"). */
export function clockMinutes(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** "HH:MM" of minutes after midnight (wraps past 24:00). */
export function clockText(minutes: number): string {
  const inDay = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const hh = String(Math.floor(inDay / 60)).padStart(2, "0");
  return `${hh}:${String(inDay % 60).padStart(2, "0")}`;
}

/** A range as minutes from the midnight of its own day; `end` is past 1440 after midnight. */
export function rangeSpan(range: TimeRange): { start: number; end: number } {
  const start = clockMinutes(range.opens);
  const close = clockMinutes(range.closes);
  if (start === null || close === null) {
    throw new RangeError(`"${range.opens}-${range.closes}" is not a range of HH:MM times`);
  }
  return { start, end: close <= start ? close + MINUTES_PER_DAY : close };
}

/** The weekday of a "YYYY-MM-DD" date. */
export function weekdayOf(day: string): Weekday {
  const sundayFirst = new Date(`${day}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7];
}

export interface OpenState {
  open: boolean;
  /** While open: the local "HH:MM" the current range closes at. */
  closesAt?: string;
  /** While closed: the next opening within two weeks, as a local date and time. */
  nextOpening?: { day: string; opens: string } | null;
}

/**
 * Open or closed at an instant, read on the wall clock: on the spring DST
 * night a range to 03:00 loses the skipped hour, in autumn 02:00-03:00 is
 * open twice. Both match what the door sign says.
 */
export function openStateAt(epochMs: number, hours: OpeningHours, timeZone: string): OpenState {
  const { today, minute } = wallClock(epochMs, timeZone);
  const closed = new Set(hours.closedDays);

  // Today's ranges, then yesterday's ranges that run past midnight.
  for (const offset of [0, -1]) {
    const day = addDays(today, offset);
    if (closed.has(day)) continue;
    const sinceDayStart = minute - offset * MINUTES_PER_DAY;
    for (const range of hours.weekly[weekdayOf(day)]) {
      const { start, end } = rangeSpan(range);
      if (start <= sinceDayStart && sinceDayStart < end) {
        return { open: true, closesAt: range.closes };
      }
    }
  }
  return { open: false, nextOpening: nextOpening(today, minute, hours, closed) };
}

export function isOpenAt(epochMs: number, hours: OpeningHours, timeZone: string): boolean {
  return openStateAt(epochMs, hours, timeZone).open;
}

/** The instant a local opening starts (for "opens in 20 minutes"). */
export function openingEpochMs(opening: { day: string; opens: string }, timeZone: string): number {
  return zonedTimeToEpochMs(opening.day, opening.opens, timeZone);
}

const LOOKAHEAD_DAYS = 14;

function nextOpening(
  today: string,
  minute: number,
  hours: OpeningHours,
  closed: ReadonlySet<string>,
): { day: string; opens: string } | null {
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const day = addDays(today, offset);
    if (closed.has(day)) continue;
    const starts = hours.weekly[weekdayOf(day)]
      .map((range) => rangeSpan(range).start)
      .filter((start) => offset > 0 || start > minute)
      .sort((a, b) => a - b);
    if (starts.length > 0) return { day, opens: clockText(starts[0]) };
  }
  return null;
}

function wallClock(epochMs: number, timeZone: string): { today: string; minute: number } {
  const p = localParts(epochMs, timeZone);
  const today = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  return { today, minute: p.hour * 60 + p.minute };
}
