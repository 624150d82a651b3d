/**
 * An online order paid by card: the entry point the online ordering flow
 * calls with the Web Payments SDK's token. Each attempt is recorded before
 * Square is called (as UNKNOWN), with an idempotency key made of the order
 * and the attempt number; a lost answer is sent again with the same key and
 * body (Square answers it once), then looked up in Square's payment list,
 * and never becomes a second charge.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";

import { newId, type CardFailureKey } from "@ocpizza/schema";
import { cardPayments } from "@ocpizza/schema/db";

import { classifyDbError } from "../db/errors.js";
import { applySquarePayment, ourPaymentStatus } from "./records.js";
import type { SquareDeps } from "./square-deps.js";
import { failureKeyOf, type SquareFailure } from "./square/failures.js";
import { locationIdOf } from "./square/settings.js";
import {
  chargeKey,
  chargeNote,
  createCardPayment,
  listPayments,
  paymentFromJson,
  type SquarePaymentView,
} from "./square/square-api.js";

/**
 * How long a lost answer may stay unseen in Square's list before the attempt
 * counts as not charged (default 10 min).
 */
export const UNKNOWN_SETTLE_MS = 10 * 60_000;

export type ChargeResult =
  | {
      outcome: "paid";
      cardPaymentId: string;
      squarePaymentId: string;
      amountCents: number;
      cardBrand: string | null;
      cardLast4: string | null;
    }
  /** The card was refused; the order stays unpaid and the customer may try again. */
  | { outcome: "declined"; key: CardFailureKey; code: string; attempt: number }
  /** The request could not be made (no location for the store, Square refused it). */
  | { outcome: "refused"; key: CardFailureKey; code: string }
  /** Not known yet whether Square charged: show "checking", never charge again. */
  | { outcome: "unknown"; key: "card_payment_unknown"; cardPaymentId: string };

export interface ChargeInput {
  orderId: string;
  storeId: string;
  amountCents: number;
  sourceId: string;
  verificationToken?: string;
}

export async function chargeOrder(deps: SquareDeps, input: ChargeInput): Promise<ChargeResult> {
  const locationId = locationIdOf(deps.settings, input.storeId);
  if (!locationId) return { outcome: "refused", key: "square_not_configured", code: "NO_LOCATION" };
  if (!Number.isInteger(input.amountCents) || input.amountCents < 1) {
    return { outcome: "refused", key: "card_request_invalid", code: "INVALID_AMOUNT" };
  }
  const requestHash = hashOf(input);

  // What earlier attempts of this order tell us: paid already, still unknown, or a next try.
  const last = await lastAttempt(deps, input.orderId);
  if (last && (last.status === "COMPLETED" || last.status === "APPROVED")) return paid(last);
  let attempt = last ? last.attempt + 1 : 1;
  if (last?.status === "UNKNOWN") {
    const resolved = await resolveUnknownCharge(deps, last.id);
    if (resolved.outcome !== "unknown" && resolved.outcome !== "declined") return resolved;
    if (resolved.outcome === "unknown") {
      // The same request may be sent again with the same key; another one must wait.
      if (last.requestHash !== requestHash) return resolved;
      attempt = last.attempt;
    }
  }

  const id =
    attempt === last?.attempt ? last.id : await recordAttempt(deps, input, attempt, requestHash);
  if (id === null) {
    return { outcome: "unknown", key: "card_payment_unknown", cardPaymentId: last?.id ?? "" };
  }
  const request = { ...input, locationId, attempt };
  let result = await createCardPayment(deps.client, request);
  if (!result.ok && result.failure.kind === "unknown") {
    // Same key, same body: Square returns the first answer if it acted, or acts once now.
    result = await createCardPayment(deps.client, request);
  }
  if (result.ok) {
    await recordPayment(deps, id, result.value);
    return (await chargeOf(deps, id))!;
  }
  return recordFailure(deps, id, attempt, result.failure);
}

/**
 * Looks a lost answer up in Square's payment list (by the order and attempt
 * the charge carries) and records what it finds; after UNKNOWN_SETTLE_MS
 * without a trace the attempt counts as not charged.
 */
export async function resolveUnknownCharge(
  deps: SquareDeps,
  cardPaymentId: string,
): Promise<ChargeResult> {
  const [row] = await deps.db.select().from(cardPayments).where(eq(cardPayments.id, cardPaymentId));
  if (!row || row.status !== "UNKNOWN") return (await chargeOf(deps, cardPaymentId))!;
  const locationId = locationIdOf(deps.settings, row.storeId);
  if (!locationId) return unknown(row.id);

  const createdMs = row.createdAt.getTime();
  const listed = await listPayments(deps.client, {
    locationId,
    beginTime: new Date(createdMs - 60_000).toISOString(),
    endTime: new Date(deps.now() + 60_000).toISOString(),
  });
  if (!listed.ok) return unknown(row.id);
  const note = chargeNote(row.orderId, row.attempt);
  const found = listed.value.find((p) => p.referenceId === row.orderId && p.note === note);
  if (found) {
    await applySquarePayment(deps.db, found, row.storeId, new Date(deps.now()));
    return (await chargeOf(deps, row.id))!;
  }
  if (deps.now() - createdMs < UNKNOWN_SETTLE_MS) return unknown(row.id);
  await deps.db
    .update(cardPayments)
    .set({ status: "FAILED", failureCode: "NOT_AT_SQUARE", updatedAt: new Date(deps.now()) })
    .where(eq(cardPayments.id, row.id));
  return {
    outcome: "declined",
    key: "card_payment_unknown",
    code: "NOT_AT_SQUARE",
    attempt: row.attempt,
  };
}

/** Every attempt still UNKNOWN, looked up again (the reconciliation run calls this). */
export async function resolveUnknownCharges(deps: SquareDeps, storeId: string): Promise<number> {
  const rows = await deps.db
    .select({ id: cardPayments.id })
    .from(cardPayments)
    .where(and(eq(cardPayments.storeId, storeId), eq(cardPayments.status, "UNKNOWN")));
  let resolved = 0;
  for (const row of rows) {
    if ((await resolveUnknownCharge(deps, row.id)).outcome !== "unknown") resolved++;
  }
  return resolved;
}

/** The current state of one attempt, as a ChargeResult (null when the id is unknown). */
export async function chargeOf(
  deps: SquareDeps,
  cardPaymentId: string,
): Promise<ChargeResult | null> {
  const [row] = await deps.db.select().from(cardPayments).where(eq(cardPayments.id, cardPaymentId));
  if (!row) return null;
  if (row.status === "COMPLETED" || row.status === "APPROVED") return paid(row);
  if (row.status === "UNKNOWN") return unknown(row.id);
  const code = row.failureCode ?? row.status;
  return { outcome: "declined", key: failureKeyOf(code), code, attempt: row.attempt };
}

async function lastAttempt(deps: SquareDeps, orderId: string) {
  const [row] = await deps.db
    .select()
    .from(cardPayments)
    .where(and(eq(cardPayments.orderId, orderId), inArray(cardPayments.source, ["online"])))
    .orderBy(desc(cardPayments.attempt))
    .limit(1);
  return row ?? null;
}

/** The attempt's row, written before Square is called; null when a concurrent call holds it. */
async function recordAttempt(
  deps: SquareDeps,
  input: ChargeInput,
  attempt: number,
  requestHash: string,
): Promise<string | null> {
  const id = newId();
  const now = new Date(deps.now());
  try {
    await deps.db.insert(cardPayments).values({
      id,
      storeId: input.storeId,
      orderId: input.orderId,
      source: "online",
      status: "UNKNOWN",
      amountCents: input.amountCents,
      attempt,
      idempotencyKey: chargeKey(input.orderId, attempt),
      requestHash,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  } catch (error) {
    if (classifyDbError(error) === "duplicate_key") return null;
    throw error;
  }
}

async function recordPayment(
  deps: SquareDeps,
  id: string,
  payment: SquarePaymentView,
): Promise<void> {
  await deps.db
    .update(cardPayments)
    .set({
      status: ourPaymentStatus(payment.status),
      squarePaymentId: payment.id,
      squareLocationId: payment.locationId,
      amountCents: payment.amountCents,
      cardBrand: payment.cardBrand,
      cardLast4: payment.cardLast4,
      updatedAt: new Date(deps.now()),
    })
    .where(eq(cardPayments.id, id));
}

async function recordFailure(
  deps: SquareDeps,
  id: string,
  attempt: number,
  failure: SquareFailure,
): Promise<ChargeResult> {
  if (failure.kind === "unknown") {
    const looked = await resolveUnknownCharge(deps, id);
    return looked;
  }
  // A refused card comes with Square's FAILED payment: keep its id for reconciliation.
  const payment = failedPaymentOf(failure.body);
  await deps.db
    .update(cardPayments)
    .set({
      status: "FAILED",
      failureCode: failure.code.slice(0, 64),
      squarePaymentId: payment?.id ?? null,
      cardBrand: payment?.cardBrand ?? null,
      cardLast4: payment?.cardLast4 ?? null,
      updatedAt: new Date(deps.now()),
    })
    .where(eq(cardPayments.id, id));
  if (failure.kind === "declined") {
    return { outcome: "declined", key: failure.key, code: failure.code, attempt };
  }
  return { outcome: "refused", key: failure.key, code: failure.code };
}

function failedPaymentOf(body: unknown): SquarePaymentView | null {
  const raw = (body as { payment?: unknown } | null)?.payment;
  return raw && typeof raw === "object" ? paymentFromJson(raw) : null;
}

function paid(row: typeof cardPayments.$inferSelect): ChargeResult {
  return {
    outcome: "paid",
    cardPaymentId: row.id,
    squarePaymentId: row.squarePaymentId ?? "",
    amountCents: row.amountCents,
    cardBrand: row.cardBrand,
    cardLast4: row.cardLast4,
  };
}

function unknown(cardPaymentId: string): ChargeResult {
  return { outcome: "unknown", key: "card_payment_unknown", cardPaymentId };
}

/** What identifies "the same request": a resend with the same key must carry the same body. */
function hashOf(input: ChargeInput): string {
  const fields = [
    input.orderId,
    input.storeId,
    input.amountCents,
    input.sourceId,
    input.verificationToken ?? "",
  ];
  return createHash("sha256").update(fields.join("\n")).digest("hex");
}
