/**
 * Business days and local times. A sale's business day is its local date in
 * the store's time zone, moved back one day when it happens before the
 * store's closing hour. Server, device and reports all use this one function.
 */

/** Offset of a time zone from UTC at an instant, in minutes (Paris winter: 60). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  // Offsets change on quarter hours at most: cache one reading per quarter hour.
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
  const key = `${timeZone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const at = bucket * QUARTER_HOUR_MS;
    const parts = formatParts(at, timeZone);
    const asUtc = Date.UTC(
      parts.year,
      parts.month - 1,
      parts.day,
      parts.hour,
      parts.minute,
      parts.second,
    );
    offset = Math.round((asUtc - at) / 60_000);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time at an instant in a time zone. */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  const wall = new Date(epochMs + zoneOffsetMinutes(epochMs, timeZone) * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

function formatParts(epochMs: number, timeZone: string): LocalParts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const values: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year,
    month: values.month,
    day: values.day,
    hour: values.hour,
    minute: values.minute,
    second: values.second,
  };
}

/**
 * The instant of a wall-clock time in a time zone ("2015-01-01", "11:38:36").
 * In the autumn overlap the earlier instant wins; a time inside the spring
 * gap is read with the offset in force just before it.
 */
export function zonedTimeToEpochMs(date: string, time: string, timeZone: string): number {
  const [year, month, day] = date.split(/[-/]/).map(Number);
  const [hour, minute, second = 0] = time.split(":").map(Number);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(wallAsUtc)) throw new RangeError(`"${date} ${time}" is not a date and time`);

  // Try the offsets in force half a day before and after: one of them is right.
  const offsetBefore = zoneOffsetMinutes(wallAsUtc - 43_200_000, timeZone);
  const offsetAfter = zoneOffsetMinutes(wallAsUtc + 43_200_000, timeZone);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((epochMs) => epochMs + zoneOffsetMinutes(epochMs, timeZone) * 60_000 === wallAsUtc);
  return candidates.length > 0 ? Math.min(...candidates) : wallAsUtc - offsetBefore * 60_000;
}

/** "YYYY-MM-DD" business day of an instant for a store. */
export function businessDay(epochMs: number, timeZone: string, closingMinutes: number): string {
  const p = localParts(epochMs, timeZone);
  const minutesIntoDay = p.hour * 60 + p.minute;
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  if (minutesIntoDay < closingMinutes) date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Adds days to a "YYYY-MM-DD" date. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
