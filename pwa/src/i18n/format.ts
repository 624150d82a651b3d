/**
 * Formatting for people: money from cents, times in the store's time zone.
 * fr-FR for French, en-GB for English; euros in both.
 */
export type Locale = "fr" | "en";

const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };
const moneyFormats = new Map<Locale, Intl.NumberFormat>();

export function formatMoney(cents: number, locale: Locale): string {
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency: "EUR" });
    moneyFormats.set(locale, format);
  }
  return format.format(cents / 100);
}

export function formatTime(epochMs: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
  }).format(epochMs);
}

export function formatDateTime(epochMs: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    dateStyle: "short",
    timeStyle: "short",
  }).format(epochMs);
}

/** "10" for 1000 basis points, "5,5" (fr) or "5.5" (en) for 550. */
export function formatRate(rateBp: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 2 }).format(
    rateBp / 100,
  );
}

/**
 * An amount as a price field shows it for editing: "13,25" (fr), "13.25" (en).
 * No grouping and no symbol, so parseEuros reads it back as typed.
 */
export function formatEurosInput(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(cents / 100);
}

/** A share of a whole with one decimal: "12,5 %" (fr), "12.5 %" (en); `share` runs 0 to 1. */
export function formatShare(share: number, locale: Locale): string {
  const percent = new Intl.NumberFormat(INTL_LOCALE[locale], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share * 100);
  return `${percent} %`;
}

/** Fills "{name}" marks in a message. */
export function fill(message: string, values: Record<string, string | number> = {}): string {
  return message.replace(/\{(\w+)\}/g, (mark, name: string) =>
    name in values ? String(values[name]) : mark,
  );
}

/** "20 €" for a round amount (quick-cash buttons), "12,50 €" otherwise. */
export function formatMoneyShort(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: "currency",
    currency: "EUR",
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}
