/**
 * The menu page's calls to the server (routes/menu-admin.ts), and the pure
 * helpers that turn what a manager types into what those calls send.
 */
import {
  parseEuros,
  zonedTimeToEpochMs,
  type MenuSnapshot,
  type Promotion,
  type PromotionInput,
} from "@ocpizza/schema";

import { request } from "../api.js";

export interface AdminMenu {
  menu: MenuSnapshot & { promotions: Promotion[] };
  inactiveProducts: { id: string; nameFr: string; nameEn: string }[];
  scheduledPrices: { productId: string; size: string; priceCents: number; effectiveAt: string }[];
}

export interface NewProduct {
  id: string;
  categoryId: string;
  nameFr: string;
  nameEn: string;
  vat: { eat_in: number; takeaway: number; delivery: number };
  sizes: { size: string; priceCents: number }[];
}

const encode = encodeURIComponent;

export const menuApi = {
  read: () => request<AdminMenu>("GET", "/api/v1/admin/menu"),
  createProduct: (product: NewProduct) =>
    request<unknown>("POST", "/api/v1/admin/menu/products", product),
  setActive: (productId: string, active: boolean) =>
    request<unknown>("PATCH", `/api/v1/admin/menu/products/${encode(productId)}`, { active }),
  setPrices: (productId: string, prices: { size: string; priceCents: number }[], at?: string) =>
    request<unknown>("PUT", `/api/v1/admin/menu/products/${encode(productId)}/prices`, {
      prices,
      ...(at && { effectiveAt: at }),
    }),
  setAllergens: (productId: string, allergens: string[]) =>
    request<unknown>("PUT", `/api/v1/admin/menu/products/${encode(productId)}/allergens`, {
      allergens,
    }),
  setAvailability: (productId: string, storeId: string, available: boolean) =>
    request<unknown>(
      "PUT",
      `/api/v1/admin/menu/products/${encode(productId)}/availability/${encode(storeId)}`,
      { available },
    ),
  createPromotion: (input: PromotionInput) =>
    request<unknown>("POST", "/api/v1/admin/menu/promotions", input),
  savePromotion: (id: string, input: PromotionInput) =>
    request<unknown>("PUT", `/api/v1/admin/menu/promotions/${encode(id)}`, input),
};

/** "12,50" per size into cents; the first size that does not read names itself. */
export function readPrices(
  typed: Record<string, string>,
): { ok: true; prices: { size: string; priceCents: number }[] } | { ok: false; size: string } {
  const prices = [];
  for (const [size, text] of Object.entries(typed)) {
    try {
      const priceCents = parseEuros(text);
      if (priceCents < 0) return { ok: false, size };
      prices.push({ size, priceCents });
    } catch {
      return { ok: false, size };
    }
  }
  return { ok: true, prices };
}

/** A datetime-local value ("2026-12-10T00:00"), read as Paris time, as an ISO instant. */
export function effectiveAtOf(local: string, timeZone = "Europe/Paris"): string | undefined {
  if (local === "") return undefined;
  const [date, time] = local.split("T");
  return new Date(zonedTimeToEpochMs(date, time ?? "00:00", timeZone)).toISOString();
}
