/**
 * A store's settings as a manager edits them (opening hours, closed days,
 * delivery zone and fee, minimum order, legal identity, coordinates), the
 * public store details, and the delivery quote's answers. The server checks
 * every setting here before anything is written; the PWA reuses the checks.
 */
import { z } from "zod";

import {
  MINUTES_PER_DAY,
  WEEKDAYS,
  clockMinutes,
  rangeSpan,
  type OpenState,
  type TimeRange,
  type WeeklyHours,
} from "./opening-hours.js";

// Legal identity

/** Luhn checksum over a string of digits (SIREN and SIRET use it). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * La Poste's establishments share one SIREN; their SIRETs use a digit sum (a
 * multiple of 5) instead of Luhn, except the head office's, which passes Luhn.
 */
const LA_POSTE_SIREN = "356000000";

/** A SIRET: 14 digits (spaces allowed when typed), Luhn-valid. */
export function isValidSiret(value: string): boolean {
  const digits = value.replace(/\s+/g, "");
  if (!/^\d{14}$/.test(digits)) return false;
  if (passesLuhn(digits)) return true;
  return (
    digits.startsWith(LA_POSTE_SIREN) &&
    [...digits].reduce((sum, d) => sum + Number(d), 0) % 5 === 0
  );
}

/** The two-digit key of a French VAT number: (12 + 3 * (SIREN mod 97)) mod 97. */
export function frenchVatKey(siren: string): string {
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, "0");
}

/** A French VAT number: FR, the key, then the 9-digit SIREN. */
export function isValidFrenchVat(value: string): boolean {
  const match = /^FR(\d{2})(\d{9})$/.exec(normalizeVat(value));
  return match !== null && passesLuhn(match[2]) && frenchVatKey(match[2]) === match[1];
}

export function normalizeVat(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

// Field schemas

/** Control characters and bidi overrides have no place in a printed ticket. */
const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !UNPRINTABLE.test(text), "must not contain control characters");

const clock = z
  .string()
  .max(5, "must be a time HH:MM")
  .refine((time) => clockMinutes(time) !== null, "must be a time HH:MM between 00:00 and 23:59");

const timeRange = z
  .object({ opens: clock, closes: clock })
  .strict()
  .refine((range) => range.opens !== range.closes, "opens and closes must differ");

/** At most four ranges a day: lunch, evening, and room for a split service. */
export const MAX_RANGES_PER_DAY = 4;

const dayRanges = z
  .array(timeRange)
  .max(MAX_RANGES_PER_DAY, `must have at most ${MAX_RANGES_PER_DAY} ranges a day`);

const weeklyHours = z
  .object(
    Object.fromEntries(WEEKDAYS.map((day) => [day, dayRanges])) as {
      [day in (typeof WEEKDAYS)[number]]: typeof dayRanges;
    },
  )
  .strict()
  .superRefine((weekly, ctx) => {
    const clash = findOverlap(weekly);
    if (clash) {
      ctx.addIssue({
        code: "custom",
        path: [clash.day, clash.index],
        message: `overlaps ${clash.other} (ranges of the week must not overlap)`,
      });
    }
  });

const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, "must be a real calendar date");

/** A year of holidays and works is plenty. */
export const MAX_CLOSED_DAYS = 366;

const closedDays = z
  .array(calendarDay)
  .max(MAX_CLOSED_DAYS, `must have at most ${MAX_CLOSED_DAYS} days`)
  .refine((days) => new Set(days).size === days.length, "must not repeat a date")
  .transform((days) => [...days].sort());

const cents = (max: number) =>
  z.number().int("must be whole cents").min(0, "must not be negative").max(max);

/**
 * The delivery zone is two numbers, not a polygon: a travel time when the
 * Google server key is set (what the customer feels), a straight-line radius
 * otherwise (what the server can compute alone). A manager can read both.
 */
const delivery = z
  .object({
    /** Longest drive from the store, in minutes (Routes API travel time). */
    maxMinutes: z.number().int().min(1).max(120),
    /** Longest straight-line distance from the store, in metres (no Google key). */
    radiusMeters: z.number().int().min(100).max(50_000),
    feeCents: cents(10_000),
    minimumOrderCents: cents(100_000),
  })
  .strict();

const legal = z
  .object({
    companyName: printable(120),
    address: printable(255),
    siret: z
      .string()
      .max(20)
      .transform((value) => value.replace(/\s+/g, ""))
      .refine(isValidSiret, "must be 14 digits with a valid check digit (Luhn)"),
    vatNumber: z
      .string()
      .max(20)
      .transform(normalizeVat)
      .refine(isValidFrenchVat, "must be FR, a 2-digit key and the 9-digit SIREN, key checked"),
  })
  .strict()
  .superRefine((identity, ctx) => {
    if (identity.vatNumber.slice(4) !== identity.siret.slice(0, 9)) {
      ctx.addIssue({
        code: "custom",
        path: ["vatNumber"],
        message: "must carry the same SIREN as the SIRET (its first 9 digits)",
      });
    }
  });

const coordinates = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .strict();

export const storeSettingsSchema = z
  .object({
    openingHours: weeklyHours,
    closedDays,
    delivery,
    legal,
    coordinates,
  })
  .strict();

export type StoreSettings = z.output<typeof storeSettingsSchema>;
export type StoreSettingsInput = z.input<typeof storeSettingsSchema>;

/** Where two ranges of the week overlap, counting ranges past midnight. */
function findOverlap(weekly: WeeklyHours): { day: string; index: number; other: string } | null {
  const WEEK = 7 * MINUTES_PER_DAY;
  // Only well-formed ranges are compared; the others already have their own issue.
  const spans = WEEKDAYS.flatMap((day, dayIndex) =>
    (weekly[day] ?? []).slice(0, MAX_RANGES_PER_DAY).flatMap((range: TimeRange, index) => {
      if (!isWellFormed(range)) return [];
      const { start, end } = rangeSpan(range);
      const offset = dayIndex * MINUTES_PER_DAY;
      const label = `${day} ${range.opens}-${range.closes}`;
      return [{ day, index, label, start: offset + start, end: offset + end }];
    }),
  );
  for (let i = 0; i < spans.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [spans[i], spans[j]];
      // Sunday night runs into Monday: compare each pair also one week apart.
      const overlaps = [-WEEK, 0, WEEK].some(
        (shift) => a.start < b.end + shift && b.start + shift < a.end,
      );
      if (overlaps) return { day: a.day, index: a.index, other: b.label };
    }
  }
  return null;
}

function isWellFormed(range: TimeRange): boolean {
  return (
    clockMinutes(range.opens) !== null &&
    clockMinutes(range.closes) !== null &&
    range.opens !== range.closes
  );
}

// What the server answers

/** A store as the public store finder shows it. */
export interface StoreDetails {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  phone: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  openingHours: WeeklyHours;
  closedDays: string[];
  delivery: StoreSettings["delivery"];
  /** Empty strings until a manager has filled the legal identity in. */
  legal: { companyName: string; address: string; siret: string; vatNumber: string };
  /** Minutes after local midnight when the business day ends (240 = 04:00). */
  closingMinutes: number;
  openNow: OpenState;
}

/** The store and price of a delivery to an address. */
export interface DeliveryQuote {
  store: { id: string; name: string; address: string; postcode: string; city: string };
  deliveryFeeCents: number;
  minimumOrderCents: number;
  /** Drive time from the store, when measured by the Routes API. */
  etaMinutes?: number;
  distanceMeters: number;
  method: "travel_time" | "straight_line";
  /** The address as Google understood it. */
  formattedAddress: string;
}

/** Why no delivery can be quoted: answered as 422 with pickup stores. */
export const QUOTE_REFUSAL_CODES = [
  "address_not_found",
  "out_of_zone",
  "store_closed",
  "geocoding_unavailable",
] as const;
export type QuoteRefusalCode = (typeof QUOTE_REFUSAL_CODES)[number];

export interface PickupStore {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  openNow: boolean;
  /** Straight-line distance from the address, when it is known. */
  distanceMeters?: number;
}

export interface QuoteRefusalBody {
  error: {
    code: QuoteRefusalCode;
    message: string;
    /** Translated by the PWA: "quote.<code>". */
    messageKey: `quote.${QuoteRefusalCode}`;
    pickupStores: PickupStore[];
    /** store_closed: when the store that delivers here opens next (local date and time). */
    nextOpening?: { storeId: string; day: string; opens: string };
  };
}

/** The public settings of the Maps features (GET /api/v1/config). */
export interface MapsConfig {
  /** Browser key for the Maps JavaScript API; null: the page shows no map. */
  browserKey: string | null;
  /** The server can geocode delivery addresses (GOOGLE_SERVER_KEY set). */
  geocoding: boolean;
}
