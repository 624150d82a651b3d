/**
 * Square's webhook notifications: the signature check (base64 HMAC-SHA256,
 * keyed by the subscription's signature key, over the notification URL as
 * registered followed by the raw body, compared in constant time), the shape
 * of an event, and its effect on our records, applied once per event id.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

import { squareWebhookEvents } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { classifyDbError } from "../db/errors.js";
import {
  applySquarePayment,
  applySquareRefund,
  applyTerminalCheckout,
  type RecordOutcome,
} from "./records.js";
import { storeOfLocation, type SquareSettings } from "./square/settings.js";
import { checkoutFromJson, paymentFromJson, refundFromJson } from "./square/square-api.js";

export function isValidSignature(
  signatureKey: string,
  notificationUrl: string,
  rawBody: Buffer,
  signature: string,
): boolean {
  const expected = createHmac("sha256", signatureKey)
    .update(notificationUrl)
    .update(rawBody)
    .digest();
  const given = Buffer.from(signature, "base64");
  // Compared over equal lengths only; a wrong length is a wrong signature.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const money = z.object({ amount: z.union([z.number().int(), z.string()]), currency: z.string() });
const paymentObject = z.object({
  id: z.string().min(1).max(64),
  status: z.string().min(1).max(16),
  amount_money: money,
  location_id: z.string().max(64).optional(),
});
const refundObject = z.object({
  id: z.string().min(1).max(64),
  status: z.string().min(1).max(16),
  amount_money: money,
  payment_id: z.string().max(64).optional(),
});
const checkoutObject = z.object({
  id: z.string().min(1).max(64),
  status: z.string().min(1).max(20),
  amount_money: money,
});

export const eventSchema = z.object({
  event_id: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  data: z.object({
    type: z.string().max(64).optional(),
    id: z.string().max(128).optional(),
    object: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type SquareEvent = z.infer<typeof eventSchema>;

/** What each handled event type needs in data.object; others are acknowledged only. */
const HANDLED: Record<string, { key: string; schema: z.ZodType }> = {
  "payment.created": { key: "payment", schema: paymentObject },
  "payment.updated": { key: "payment", schema: paymentObject },
  "refund.created": { key: "refund", schema: refundObject },
  "refund.updated": { key: "refund", schema: refundObject },
  "terminal.checkout.created": { key: "checkout", schema: checkoutObject },
  "terminal.checkout.updated": { key: "checkout", schema: checkoutObject },
};

/** Why a handled event's object is unusable, or null when it is fine (or not handled). */
export function eventProblem(event: SquareEvent): string | null {
  const handled = HANDLED[event.type];
  if (!handled) return null;
  const parsed = handled.schema.safeParse(event.data.object?.[handled.key]);
  if (parsed.success) return null;
  return `data.object.${handled.key} is missing or lacks id, status or amount_money`;
}

export type EventOutcome = "duplicate" | "unhandled" | RecordOutcome;

/**
 * Applies one verified event inside the caller's transaction. The event id
 * is written first: a repeated id stops here, with no second effect.
 */
export async function applyEvent(
  db: Database,
  settings: SquareSettings,
  event: SquareEvent,
  now: Date,
): Promise<EventOutcome> {
  try {
    await db
      .insert(squareWebhookEvents)
      .values({ eventId: event.event_id, type: event.type, receivedAt: now });
  } catch (error) {
    if (classifyDbError(error) === "duplicate_key") return "duplicate";
    throw error;
  }
  const handled = HANDLED[event.type];
  if (!handled) return "unhandled";
  const object = event.data.object![handled.key];

  if (handled.key === "payment") {
    const view = paymentFromJson(object);
    const storeId = view.locationId ? storeOfLocation(settings, view.locationId) : null;
    return storeId ? applySquarePayment(db, view, storeId, now) : "ignored";
  }
  if (handled.key === "refund") return applySquareRefund(db, refundFromJson(object), now);
  return applyTerminalCheckout(db, checkoutFromJson(object), now);
}
