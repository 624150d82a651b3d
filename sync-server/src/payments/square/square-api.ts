/**
 * The Square calls we make, one function each, through the official SDK:
 * card payments, refunds, Terminal checkouts and the payment list. Each
 * returns our plain views or a typed failure, and never retries by itself;
 * recording the outcome is the caller's job (card-payments.ts, refunds.ts,
 * terminal.ts). Amounts are integer euro cents.
 */
import { serialization, type Square, type SquareClient } from "square";

import { toSquareFailure, type SquareFailure } from "./failures.js";

export type SquareResult<T> = { ok: true; value: T } | { ok: false; failure: SquareFailure };

export const CURRENCY = "EUR";

/** What we keep of a Square payment. */
export interface SquarePaymentView {
  id: string;
  /** APPROVED | PENDING | COMPLETED | CANCELED | FAILED */
  status: string;
  amountCents: number;
  locationId: string | null;
  referenceId: string | null;
  note: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  refundedCents: number;
  createdAtMs: number;
}

export interface SquareRefundView {
  id: string;
  /** PENDING | COMPLETED | REJECTED | FAILED */
  status: string;
  paymentId: string | null;
  amountCents: number;
  locationId: string | null;
}

export interface TerminalCheckoutView {
  id: string;
  /** PENDING | IN_PROGRESS | CANCEL_REQUESTED | CANCELED | COMPLETED */
  status: string;
  deviceId: string;
  amountCents: number;
  referenceId: string | null;
  cancelReason: string | null;
  paymentIds: string[];
  deadlineDuration: string | null;
  createdAtMs: number;
}

/**
 * The idempotency key of an online charge: the order and the attempt, so a
 * resend after a lost answer is the same request (Square answers it once)
 * and only a deliberate new attempt can charge. At most 45 characters.
 */
export function chargeKey(orderId: string, attempt: number): string {
  return `${orderId}:${attempt}`;
}

/** The note a charge carries, so a lost answer can be found in the payment list. */
export function chargeNote(orderId: string, attempt: number): string {
  return `OC Pizza order ${orderId} attempt ${attempt}`;
}

export interface CreateCardPaymentInput {
  orderId: string;
  amountCents: number;
  /** The Web Payments SDK's one-time token (cnon:...). */
  sourceId: string;
  verificationToken?: string;
  locationId: string;
  /** 1 for the first try of the order; the caller decides when a new attempt starts. */
  attempt: number;
}

export async function createCardPayment(
  client: SquareClient,
  input: CreateCardPaymentInput,
): Promise<SquareResult<SquarePaymentView>> {
  return call(async () => {
    const response = await client.payments.create({
      idempotencyKey: chargeKey(input.orderId, input.attempt),
      sourceId: input.sourceId,
      ...(input.verificationToken ? { verificationToken: input.verificationToken } : {}),
      amountMoney: money(input.amountCents),
      locationId: input.locationId,
      referenceId: input.orderId,
      note: chargeNote(input.orderId, input.attempt),
      autocomplete: true,
    });
    return paymentView(response.payment!);
  });
}

export async function getPayment(
  client: SquareClient,
  paymentId: string,
): Promise<SquareResult<SquarePaymentView>> {
  return call(async () => paymentView((await client.payments.get({ paymentId })).payment!));
}

export interface RefundInput {
  paymentId: string;
  amountCents: number;
  reason: string;
  idempotencyKey: string;
}

/** A full or partial refund of a card payment. */
export async function refundPayment(
  client: SquareClient,
  input: RefundInput,
): Promise<SquareResult<SquareRefundView>> {
  return call(async () => {
    const response = await client.refunds.refundPayment({
      idempotencyKey: input.idempotencyKey,
      paymentId: input.paymentId,
      amountMoney: money(input.amountCents),
      reason: input.reason.slice(0, 192),
    });
    return refundView(response.refund!);
  });
}

export interface TerminalCheckoutInput {
  deviceId: string;
  amountCents: number;
  orderId: string;
  idempotencyKey: string;
  /** ISO 8601 duration the customer has to pay (default PT5M). */
  deadlineDuration?: string;
}

export async function createTerminalCheckout(
  client: SquareClient,
  input: TerminalCheckoutInput,
): Promise<SquareResult<TerminalCheckoutView>> {
  return call(async () => {
    const response = await client.terminal.checkouts.create({
      idempotencyKey: input.idempotencyKey,
      checkout: {
        amountMoney: money(input.amountCents),
        referenceId: input.orderId,
        note: `OC Pizza order ${input.orderId}`,
        deviceOptions: { deviceId: input.deviceId },
        deadlineDuration: input.deadlineDuration ?? "PT5M",
      },
    });
    return checkoutView(response.checkout!);
  });
}

export async function getTerminalCheckout(
  client: SquareClient,
  checkoutId: string,
): Promise<SquareResult<TerminalCheckoutView>> {
  return call(async () =>
    checkoutView((await client.terminal.checkouts.get({ checkoutId })).checkout!),
  );
}

export async function cancelTerminalCheckout(
  client: SquareClient,
  checkoutId: string,
): Promise<SquareResult<TerminalCheckoutView>> {
  return call(async () =>
    checkoutView((await client.terminal.checkouts.cancel({ checkoutId })).checkout!),
  );
}

export interface ListPaymentsInput {
  locationId: string;
  /** RFC 3339 instants, begin inclusive, end exclusive. */
  beginTime: string;
  endTime: string;
}

/** Every payment of a location in a time window, following Square's cursor to the end. */
export async function listPayments(
  client: SquareClient,
  input: ListPaymentsInput,
): Promise<SquareResult<SquarePaymentView[]>> {
  return call(async () => {
    const views: SquarePaymentView[] = [];
    let page = await client.payments.list({
      locationId: input.locationId,
      beginTime: input.beginTime,
      endTime: input.endTime,
      sortOrder: "ASC",
      limit: 100,
    });
    for (;;) {
      for (const payment of page.data) views.push(paymentView(payment));
      if (!page.hasNextPage()) break;
      page = await page.getNextPage();
    }
    return views;
  });
}

// Views

export function paymentView(p: Square.Payment): SquarePaymentView {
  return {
    id: p.id ?? "",
    status: p.status ?? "UNKNOWN",
    amountCents: cents(p.amountMoney),
    locationId: p.locationId ?? null,
    referenceId: p.referenceId ?? null,
    note: p.note ?? null,
    cardBrand: p.cardDetails?.card?.cardBrand ?? null,
    cardLast4: p.cardDetails?.card?.last4 ?? null,
    refundedCents: cents(p.refundedMoney),
    createdAtMs: p.createdAt ? Date.parse(p.createdAt) : 0,
  };
}

export function refundView(r: Square.PaymentRefund): SquareRefundView {
  return {
    id: r.id,
    status: r.status ?? "PENDING",
    paymentId: r.paymentId ?? null,
    amountCents: cents(r.amountMoney),
    locationId: r.locationId ?? null,
  };
}

export function checkoutView(c: Square.TerminalCheckout): TerminalCheckoutView {
  return {
    id: c.id ?? "",
    status: c.status ?? "PENDING",
    deviceId: c.deviceOptions?.deviceId ?? "",
    amountCents: cents(c.amountMoney),
    referenceId: c.referenceId ?? null,
    cancelReason: c.cancelReason ?? null,
    paymentIds: c.paymentIds ?? [],
    deadlineDuration: c.deadlineDuration ?? null,
    createdAtMs: c.createdAt ? Date.parse(c.createdAt) : 0,
  };
}

/** Square's raw JSON (snake_case, as in webhooks and error bodies) read as the SDK's types. */
const LENIENT = {
  unrecognizedObjectKeys: "passthrough",
  allowUnrecognizedUnionMembers: true,
  allowUnrecognizedEnumValues: true,
  skipValidation: true,
} as const;

export function paymentFromJson(raw: unknown): SquarePaymentView {
  return paymentView(serialization.Payment.parseOrThrow(raw, LENIENT));
}

export function refundFromJson(raw: unknown): SquareRefundView {
  return refundView(serialization.PaymentRefund.parseOrThrow(raw, LENIENT));
}

export function checkoutFromJson(raw: unknown): TerminalCheckoutView {
  return checkoutView(serialization.TerminalCheckout.parseOrThrow(raw, LENIENT));
}

// Helpers

function money(amountCents: number): Square.Money {
  return { amount: BigInt(amountCents), currency: CURRENCY };
}

function cents(m: Square.Money | undefined): number {
  return m?.amount === undefined || m.amount === null ? 0 : Number(m.amount);
}

async function call<T>(work: () => Promise<T>): Promise<SquareResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, failure: toSquareFailure(error) };
  }
}
