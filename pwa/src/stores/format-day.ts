/** "mardi 8 décembre" / "Tuesday 8 December" for a "YYYY-MM-DD" local date. */
import type { Locale } from "../i18n/format.js";

const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

export function formatDay(day: string, locale: Locale): string {
  // The date is already local to the store: format it as a UTC midnight, never shifted.
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}
