/**
 * What the managers' menu endpoints accept (routes/menu-admin.ts), checked
 * before anything is read or written. Codes are lowercase; names plain text.
 */
import { z } from "zod";

import { allergenSchema, MAX_AMOUNT_CENTS, vatRateSchema } from "@ocpizza/schema";

export const ID = /^[a-z0-9][a-z0-9_-]{0,47}$/;

export const priceChangeSchema = z.object({
  prices: z
    .array(
      z.object({
        size: z.string().regex(/^[A-Za-z0-9]{1,8}$/, "must be a size code (S, M, L, U...)"),
        priceCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS),
      }),
    )
    .min(1)
    .max(10)
    .refine((prices) => new Set(prices.map((p) => p.size)).size === prices.length, {
      message: "names a size twice",
    }),
  /** When the prices take effect, as an ISO instant; left out: now. */
  effectiveAt: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }).optional(),
});
export const allergensSchema = z.object({ allergens: z.array(allergenSchema).max(14) });
const productName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[^<>{}\u0000-\u001f]*$/, "must be plain text without <, >, { or }");
const code = z.string().regex(ID, "must be a code of lowercase letters, digits, _ or -");
const vatSchema = z.object({
  eat_in: vatRateSchema,
  takeaway: vatRateSchema,
  delivery: vatRateSchema,
});
export const newProductSchema = z.object({
  id: code,
  categoryId: code,
  nameFr: productName,
  nameEn: productName,
  vat: vatSchema,
  sizes: priceChangeSchema.shape.prices,
});
export const productChangeSchema = z
  .object({
    categoryId: code.optional(),
    nameFr: productName.optional(),
    nameEn: productName.optional(),
    vat: vatSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: "change at least one of categoryId, nameFr, nameEn, vat, active",
  });
export const availabilitySchema = z.object({ available: z.boolean() });
