/**
 * Promotions for a period and who may give how much discount by hand. The
 * arithmetic that turns them into cents per line is in pricing.ts, so the
 * counter, the online shop and the server all compute the same amounts.
 */
import { z } from "zod";

import type { StaffRole } from "./accounts.js";

/**
 * percent_off: every unit of the chosen categories loses percentBp.
 * second_item: units are paired from the dearest down; the cheaper of each
 * pair loses percentBp ("2nd pizza -50 %").
 */
export const PROMOTION_KINDS = ["percent_off", "second_item"] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && isRealDate(day), {
    message: "must be a real calendar date",
  });
const code = z
  .string()
  .min(1)
  .max(48)
  .regex(/^[a-z0-9_-]+$/i, "must be a code of letters, digits, _ or -");
const name = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^<>{}\u0000-\u001f]*$/, "must be plain text without <, >, { or }");

/** What a manager sends to create or replace a promotion. */
export const promotionInputSchema = z
  .object({
    nameFr: name,
    nameEn: name,
    kind: z.enum(PROMOTION_KINDS),
    percentBp: z.number().int().min(1).max(10_000),
    /** Categories whose products take part; empty: every category. */
    categoryIds: z.array(code).max(20).default([]),
    /** First and last business day, both included. */
    startsOn: isoDate,
    endsOn: isoDate,
    /** ISO weekdays (1 Monday ... 7 Sunday); empty: every day. */
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    active: z.boolean().default(true),
  })
  .refine((p) => p.endsOn >= p.startsOn, {
    message: "endsOn cannot be before startsOn",
    path: ["endsOn"],
  });
export type PromotionInput = z.infer<typeof promotionInputSchema>;

export type Promotion = PromotionInput & { id: string };

/** Is the promotion on for a sale of this business day ("YYYY-MM-DD")? */
export function promotionInForce(promotion: Promotion, day: string): boolean {
  if (!promotion.active || day < promotion.startsOn || day > promotion.endsOn) return false;
  return promotion.weekdays.length === 0 || promotion.weekdays.includes(isoWeekday(day));
}

/** 1 Monday ... 7 Sunday, for a "YYYY-MM-DD" date. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/**
 * The largest discount each role may give by hand without a manager's PIN, in
 * basis points of what the line or order costs (1000 = 10 %). Managers have no limit.
 */
export type DiscountLimits = Record<StaffRole, number>;

export const DEFAULT_DISCOUNT_LIMITS: DiscountLimits = {
  manager: 10_000,
  counter: 1_000,
  pizzaiolo: 0,
  driver: 0,
};

export const discountLimitsSchema = z.object({
  counter: z.number().int().min(0).max(10_000),
  pizzaiolo: z.number().int().min(0).max(10_000),
  driver: z.number().int().min(0).max(10_000),
});

function isRealDate(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}
