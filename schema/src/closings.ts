/**
 * Closings (Z reports): the request that closes a store's day, month or
 * year, and what a closing and an X report (figures so far, nothing closed)
 * say. A closing is chained to the store's previous closing like tickets are.
 */
import { z } from "zod";

export const CLOSING_PERIODS = ["day", "month", "year"] as const;
export type ClosingPeriod = (typeof CLOSING_PERIODS)[number];

const PERIOD_KEY: Record<ClosingPeriod, RegExp> = {
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  year: /^\d{4}$/,
};

const FIRST_PERIOD_KEY = "2000";

/** Is `key` a real day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY)? */
export function isPeriodKey(period: ClosingPeriod, key: string): boolean {
  if (!PERIOD_KEY[period].test(key)) return false;
  // No sale of this software predates 2000: an earlier key is a typo, not a period.
  if (key < FIRST_PERIOD_KEY) return false;
  if (period !== "day") return true;
  return new Date(`${key}T00:00:00Z`).toISOString().startsWith(key);
}

export const closingRequestSchema = z
  .object({
    storeId: z.string().trim().min(1).max(32),
    period: z.enum(CLOSING_PERIODS),
    key: z.string().trim(),
    /** Closes one register (a device id, or `server:<storeId>`) instead of the whole store. */
    registerId: z.string().trim().min(1).max(64).optional(),
    /** Who closes (a manager's name or login), kept in the closing. */
    closedBy: z.string().trim().min(1).max(120).default("admin"),
  })
  .refine((r) => isPeriodKey(r.period, r.key), {
    message: "must be YYYY-MM-DD for a day, YYYY-MM for a month, YYYY for a year, from 2000",
    path: ["key"],
  });
export type ClosingRequest = z.infer<typeof closingRequestSchema>;

/** The figures of a period: tickets that are not training, credit notes counted negative. */
export interface ClosingTotals {
  tickets: number;
  creditNotes: number;
  totalCents: number;
  /** Keyed by rate label ("5.5", "10", "20"). */
  byVatRate: Record<string, { totalCents: number; vatCents: number }>;
  byPaymentMethod: Record<string, { amountCents: number }>;
}

export interface RegisterSeal {
  registerId: string;
  headSeq: number;
  headHash: string;
}

/** What a closing's hash covers. */
export interface ClosingContent {
  storeId: string;
  scope: "store" | "register";
  registerId: string | null;
  period: ClosingPeriod;
  key: string;
  seq: number;
  totals: ClosingTotals;
  /** Perpetual total since the store's first sale, never reset. */
  grandTotalCents: number;
  closedAtMs: number;
  closedBy: string;
  /** Each register's head when the period was closed: the tickets it covers. */
  registers: RegisterSeal[];
}

export interface Closing extends ClosingContent {
  id: string;
  previousHash: string;
  hash: string;
  /** Where the signed archive of the period was written, when archives are on. */
  archivePath: string | null;
  /** What the closing let pass (a revoked device's unsynced tickets); not in the hash. */
  warnings?: string[];
}

export interface UnsyncedRegister {
  registerId: string;
  reportedHeadSeq: number;
  storedSeq: number;
  /** The device's name, when the register is a paired device (to find it, or revoke it). */
  deviceName?: string | null;
}

export interface XReport {
  storeId: string;
  /** The register reported on, or null for the whole store. */
  registerId: string | null;
  day: string;
  closed: boolean;
  totals: ClosingTotals;
  grandTotalCents: number;
  unsyncedRegisters: UnsyncedRegister[];
  generatedAtMs: number;
}
