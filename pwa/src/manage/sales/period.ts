/**
 * The periods of the period picker as business days ("YYYY-MM-DD"), from the
 * business day of "now" in the store's time zone and closing hour: at 01:00
 * on a Tuesday, "today" is still Monday's business day.
 */
import { addDays, businessDay } from "@ocpizza/schema";

export type PeriodPreset = "today" | "yesterday" | "week" | "lastMonth" | "custom";
export const PRESETS: readonly PeriodPreset[] = [
  "today",
  "yesterday",
  "week",
  "lastMonth",
  "custom",
];

export interface Period {
  from: string;
  to: string;
}

export function presetPeriod(
  preset: Exclude<PeriodPreset, "custom">,
  nowMs: number,
  clock: { timeZone: string; closingMinutes: number },
): Period {
  const today = businessDay(nowMs, clock.timeZone, clock.closingMinutes);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday": {
      const yesterday = addDays(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case "week": {
      // Weeks start on Monday, as in France (getUTCDay: Sunday is 0).
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return { from: addDays(today, -weekday), to: today };
    }
    case "lastMonth": {
      const firstOfThisMonth = `${today.slice(0, 7)}-01`;
      const lastOfPrevious = addDays(firstOfThisMonth, -1);
      return { from: `${lastOfPrevious.slice(0, 7)}-01`, to: lastOfPrevious };
    }
  }
}

/** A custom period the server will accept, or null (a blank or reversed range). */
export function customPeriod(from: string, to: string): Period | null {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(from) || !day.test(to) || from > to) return null;
  return { from, to };
}

/** The change from `previous` to `current` as a fraction (0.12 = +12 %); null without a base. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
