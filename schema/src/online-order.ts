/**
 * Online orders: what a customer's browser sends (zod, checked on both
 * sides) and what the server answers. The server prices every line itself;
 * the client's total is only compared. Statuses are the order state machine's,
 * shown to the customer under their own names (customerStatus).
 */
import { z } from "zod";

import type { OrderStatus } from "./order-state.js";

/** Lines per order and items per line: a family dinner fits, a typo of 1000 does not. */
export const MAX_ONLINE_LINES = 30;
export const MAX_ONLINE_QUANTITY = 20;
export const MAX_LINE_OPTIONS = 10;
/** Days ahead a customer can book a slot. */
export const SLOT_DAYS_AHEAD = 6;
export const SLOT_MINUTES = 15;

/** Control characters and bidi overrides: nothing a name or an address needs. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/u;

const text = (min: number, max: number) =>
  z
    .string()
    .transform((value) => value.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`)
        .refine((value) => !UNPRINTABLE.test(value), "must not contain control characters"),
    );

const code = z
  .string()
  .max(48, "must be at most 48 characters")
  .regex(/^[a-z0-9_-]+$/i, "must be a code of letters, digits, _ or -");

export const onlineLineOptionSchema = z
  .object({ kind: z.enum(["extra", "without"]), ingredientId: code })
  .strict();

export const onlineItemSchema = z
  .object({
    productId: code,
    size: code,
    quantity: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(MAX_ONLINE_QUANTITY, `must be at most ${MAX_ONLINE_QUANTITY}`),
    options: z.array(onlineLineOptionSchema).max(MAX_LINE_OPTIONS).default([]),
  })
  .strict();
export type OnlineItem = z.infer<typeof onlineItemSchema>;

/** "asap", or the start of a quarter hour from GET /api/v1/stores/:id/slots. */
export const onlineWhenSchema = z.union([
  z.literal("asap"),
  z
    .object({ slot: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }) })
    .strict(),
]);

export const onlineCustomerSchema = z
  .object({
    name: text(1, 120),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ().-]{6,24}$/, "must be a phone number (digits, spaces, + . - ( ))")
      .refine((value) => value.replace(/\D/g, "").length >= 6, "must hold at least 6 digits"),
    email: z
      .string()
      .trim()
      .max(254, "must be at most 254 characters")
      .pipe(z.email({ message: "must be an email address" })),
    language: z.enum(["fr", "en"]).default("fr"),
  })
  .strict();

export const onlineDeliverySchema = z
  .object({ address: text(5, 200), notes: text(0, 255).default("") })
  .strict();

export const onlineOrderRequestSchema = z
  .object({
    idempotencyKey: z.uuid({ message: "must be a UUID" }),
    storeId: code,
    fulfilment: z.enum(["pickup", "delivery"]),
    when: onlineWhenSchema,
    items: z.array(onlineItemSchema).min(1, "must hold at least one item").max(MAX_ONLINE_LINES),
    customer: onlineCustomerSchema,
    delivery: onlineDeliverySchema.optional(),
    paymentMethod: z.enum(["on_handover", "card_online"]).default("on_handover"),
    clientTotalCents: z.number().int().min(0).max(10_000_000),
  })
  .strict()
  .refine((o) => o.fulfilment !== "delivery" || o.delivery !== undefined, {
    message: "a delivery needs the address",
    path: ["delivery"],
  });
export type OnlineOrderRequest = z.input<typeof onlineOrderRequestSchema>;
export type OnlineOrderParsed = z.output<typeof onlineOrderRequestSchema>;

/** A change before preparation: new items, time or contact; the rest stays. */
export const onlineOrderChangeSchema = z
  .object({
    when: onlineWhenSchema.optional(),
    items: z.array(onlineItemSchema).min(1).max(MAX_ONLINE_LINES).optional(),
    customer: onlineCustomerSchema.partial().optional(),
    deliveryNotes: text(0, 255).optional(),
    clientTotalCents: z.number().int().min(0).max(10_000_000),
  })
  .strict();
export type OnlineOrderChange = z.input<typeof onlineOrderChangeSchema>;

export const onlineRefusalSchema = z
  .object({ reason: text(1, 255), staffId: z.uuid().optional() })
  .strict();
export const onlineAcceptSchema = z.object({ staffId: z.uuid().optional() }).strict();

// What the server answers

export const CUSTOMER_STATUSES = [
  "received",
  "accepted",
  "preparing",
  "ready",
  "out_for_delivery",
  "delivered",
  "picked_up",
  "cancelled",
  "refused",
] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** The counter's "pending" is the customer's "received"; "completed" says how it ended. */
export function customerStatus(status: OrderStatus, delivery: boolean): CustomerStatus {
  if (status === "pending") return "received";
  if (status === "completed") return delivery ? "delivered" : "picked_up";
  return status;
}

/** A customer may change or cancel until the kitchen starts. */
export function isChangeable(status: OrderStatus): boolean {
  return status === "pending" || status === "accepted";
}

export interface OnlineOrderLineView {
  productId: string;
  size: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  options: { kind: "extra" | "without"; ingredientId: string; priceCents: number }[];
}

export interface OnlineOrderView {
  id: string;
  storeId: string;
  storeName: string;
  status: CustomerStatus;
  /** Why the store refused it, or why it was cancelled. */
  statusReason: string | null;
  fulfilment: "pickup" | "delivery";
  asap: boolean;
  promisedAt: string;
  callNumber: number;
  lines: OnlineOrderLineView[];
  itemsCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  paymentMethod: "on_handover" | "card_online";
  /** Paid so far (a card paid online, or what the counter took on handover). */
  paidCents: number;
  customer: { name: string; phone: string; email: string; language: "fr" | "en" };
  delivery: { address: string; notes: string } | null;
  changeable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OnlineOrderCreated {
  order: OnlineOrderView;
  /** The order page's secret: whoever holds it may see, change and cancel the order. */
  token: string;
  /** The order page, as sent in the confirmation email. */
  orderUrl: string;
}

export interface SlotView {
  startsAt: string;
  /** Local "HH:MM" in the store's time zone. */
  time: string;
  remaining: number;
}

export interface SlotsAnswer {
  storeId: string;
  date: string;
  pizzasPerQuarter: number;
  slots: SlotView[];
}

/** Whether a store takes online orders now (GET /api/v1/stores/:storeId, `onlineOrdering`). */
export interface OnlineOrderingState {
  accepting: boolean;
  /** Why not: nobody at the counter (store_unattended). Closed hours are in openNow. */
  reason: "store_unattended" | null;
  pizzasPerQuarter: number;
  /** Card payment online: off until the Square layer offers it. */
  cardOnline: { available: boolean; reason: string | null };
}
