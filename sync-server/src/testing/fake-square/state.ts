/**
 * What the fake Square holds and decides: payments, refunds and Terminal
 * checkouts, as Square's JSON (snake_case), with Square's rules for the calls
 * we make. HTTP, idempotency and faults are server.ts's; this file answers
 * "what does Square do with this body".
 */
import { randomBytes } from "node:crypto";

import { deviceBehaviour, TEST_NONCES } from "./test-values.js";
import type { WebhookSender } from "./webhooks.js";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An answer: HTTP status and body. */
export interface Answer {
  status: number;
  body: Json;
}

export const FAKE_LOCATION_FALLBACK = "LFAKE0000000";

export function squareErrors(
  status: number,
  category: string,
  code: string,
  detail: string,
  field?: string,
): Answer {
  return { status, body: { errors: [{ category, code, detail, ...(field ? { field } : {}) }] } };
}

export class FakeSquareState {
  readonly payments = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  readonly checkouts = new Map<string, Json>();
  private readonly usedNonces = new Set<string>();

  constructor(
    private readonly webhooks: WebhookSender,
    private readonly now: () => number,
    /** The location a Terminal belongs to (a real Terminal is signed in to one). */
    private readonly locationOfDevice: (deviceId: string) => string,
  ) {}

  createPayment(body: Json): Answer {
    const invalid = requireFields(body, ["idempotency_key", "source_id", "amount_money"]);
    if (invalid) return invalid;
    const amount = Number(body.amount_money?.amount);
    if (!Number.isInteger(amount) || amount < 1) {
      return squareErrors(
        400,
        "INVALID_REQUEST_ERROR",
        "INVALID_VALUE",
        "Invalid amount.",
        "amount_money.amount",
      );
    }
    const source = String(body.source_id);
    const outcome =
      TEST_NONCES[source] ?? (source.startsWith("cnon:") ? { errorCode: null } : null);
    if (!outcome) {
      return squareErrors(
        400,
        "INVALID_REQUEST_ERROR",
        "INVALID_CARD_DATA",
        "Invalid source_id.",
        "source_id",
      );
    }
    // Real tokens are single use; the documented test tokens may be used again and again.
    if (!(source in TEST_NONCES)) {
      if (this.usedNonces.has(source)) {
        return squareErrors(
          400,
          "INVALID_REQUEST_ERROR",
          "CARD_TOKEN_USED",
          "Card nonce already used.",
        );
      }
      this.usedNonces.add(source);
    }

    const needsVerification = outcome.needsVerification && !body.verification_token;
    const errorCode = needsVerification ? "CARD_DECLINED_VERIFICATION_REQUIRED" : outcome.errorCode;
    if (errorCode !== null && !outcome.failedPayment && !needsVerification) {
      return squareErrors(400, "INVALID_REQUEST_ERROR", errorCode, outcome.detail ?? errorCode);
    }
    const payment = this.newPayment(body, amount, errorCode === null ? "COMPLETED" : "FAILED", {
      brand: outcome.cardBrand ?? "VISA",
      last4: outcome.last4 ?? "1111",
    });
    this.webhooks.emit("payment.created", "payment", payment);
    if (errorCode === null) return { status: 200, body: { payment } };
    const detail = outcome.detail ?? "Verification required (3-D Secure).";
    const answer = squareErrors(400, "PAYMENT_METHOD_ERROR", errorCode, detail);
    return { status: answer.status, body: { ...answer.body, payment } };
  }

  getPayment(id: string): Answer {
    const payment = this.payments.get(id);
    return payment ? { status: 200, body: { payment } } : notFound(`Payment ${id} not found.`);
  }

  listPayments(query: URLSearchParams, pageSize: number): Answer {
    const begin = query.get("begin_time");
    const end = query.get("end_time");
    const location = query.get("location_id");
    const limit = Math.min(Number(query.get("limit") ?? 100) || 100, 100, pageSize);
    const beginMs = begin ? Date.parse(begin) : this.now() - 365 * 86_400_000;
    const endMs = end ? Date.parse(end) : this.now() + 1;
    if (Number.isNaN(beginMs) || Number.isNaN(endMs) || beginMs > endMs) {
      return squareErrors(
        400,
        "INVALID_REQUEST_ERROR",
        "INVALID_TIME_RANGE",
        "Invalid time range.",
      );
    }
    const descending = (query.get("sort_order") ?? "DESC") === "DESC";
    const matching = [...this.payments.values()]
      .filter((p) => !location || p.location_id === location)
      .filter((p) => Date.parse(p.created_at) >= beginMs && Date.parse(p.created_at) < endMs)
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    if (descending) matching.reverse();
    const offset = Number(Buffer.from(query.get("cursor") ?? "", "base64url").toString() || "0");
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? offset + limit : null;
    const cursor = next === null ? {} : { cursor: Buffer.from(String(next)).toString("base64url") };
    return { status: 200, body: { payments: page, ...cursor } };
  }

  refundPayment(body: Json): Answer {
    const invalid = requireFields(body, ["idempotency_key", "amount_money", "payment_id"]);
    if (invalid) return invalid;
    const payment = this.payments.get(String(body.payment_id));
    if (!payment) return notFound(`Payment ${body.payment_id} not found.`);
    if (payment.status !== "COMPLETED") {
      return squareErrors(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Payment is not completed.");
    }
    const amount = Number(body.amount_money?.amount);
    const refunded = this.refundedOf(payment.id);
    if (
      !Number.isInteger(amount) ||
      amount < 1 ||
      refunded + amount > payment.amount_money.amount
    ) {
      return squareErrors(
        400,
        "INVALID_REQUEST_ERROR",
        "REFUND_AMOUNT_INVALID",
        "The requested refund amount exceeds the amount available to refund.",
        "amount_money.amount",
      );
    }
    const at = new Date(this.now()).toISOString();
    const refund: Json = {
      id: `${payment.id}_${randomId(12)}`,
      status: "PENDING",
      location_id: payment.location_id,
      amount_money: { amount, currency: payment.amount_money.currency },
      payment_id: payment.id,
      reason: body.reason ?? null,
      created_at: at,
      updated_at: at,
    };
    this.refunds.set(refund.id, refund);
    payment.refund_ids = [...(payment.refund_ids ?? []), refund.id];
    payment.refunded_money = { amount: refunded + amount, currency: payment.amount_money.currency };
    payment.updated_at = at;
    this.webhooks.emit("refund.created", "refund", refund);
    return { status: 200, body: { refund: { ...refund } } };
  }

  /** Completes every PENDING refund (Square does within seconds). */
  settleRefunds(): void {
    for (const refund of this.refunds.values()) {
      if (refund.status !== "PENDING") continue;
      refund.status = "COMPLETED";
      refund.updated_at = new Date(this.now()).toISOString();
      this.webhooks.emit("refund.updated", "refund", refund);
      this.webhooks.emit("payment.updated", "payment", this.payments.get(refund.payment_id)!);
    }
  }

  createCheckout(body: Json): Answer {
    const invalid = requireFields(body, ["idempotency_key", "checkout"]);
    if (invalid) return invalid;
    const checkout = body.checkout as Json;
    const deviceId = checkout.device_options?.device_id;
    const amount = Number(checkout.amount_money?.amount);
    if (!deviceId || !Number.isInteger(amount) || amount < 1) {
      return squareErrors(
        400,
        "INVALID_REQUEST_ERROR",
        "MISSING_REQUIRED_PARAMETER",
        "Missing device_id or amount.",
      );
    }
    const at = new Date(this.now()).toISOString();
    const stored: Json = {
      id: randomId(20),
      amount_money: { amount, currency: checkout.amount_money.currency ?? "EUR" },
      reference_id: checkout.reference_id ?? null,
      note: checkout.note ?? null,
      device_options: { device_id: deviceId, skip_receipt_screen: false },
      deadline_duration: checkout.deadline_duration ?? "PT5M",
      status: "PENDING",
      created_at: at,
      updated_at: at,
      app_id: "sandbox-sq0idb-fake",
      location_id: this.locationOfDevice(deviceId),
      payment_type: "CARD_PRESENT",
    };
    this.checkouts.set(stored.id, stored);
    this.webhooks.emit("terminal.checkout.created", "checkout", stored);
    return { status: 200, body: { checkout: { ...stored } } };
  }

  getCheckout(id: string): Answer {
    const checkout = this.checkouts.get(id);
    return checkout ? { status: 200, body: { checkout } } : notFound(`Checkout ${id} not found.`);
  }

  cancelCheckout(id: string): Answer {
    const checkout = this.checkouts.get(id);
    if (!checkout) return notFound(`Checkout ${id} not found.`);
    if (checkout.status === "COMPLETED") {
      return squareErrors(
        400,
        "INVALID_REQUEST_ERROR",
        "BAD_REQUEST",
        "Checkout is already completed.",
      );
    }
    if (checkout.status !== "CANCELED")
      this.finishCheckout(checkout, "CANCELED", "SELLER_CANCELED");
    return { status: 200, body: { checkout } };
  }

  /**
   * Plays every open checkout out as its test device does: completed, buyer
   * canceled, timed out; an idle device only once its deadline has passed.
   */
  settleCheckouts(): void {
    for (const checkout of this.checkouts.values()) {
      if (checkout.status !== "PENDING" && checkout.status !== "IN_PROGRESS") continue;
      const behaviour = deviceBehaviour(checkout.device_options.device_id);
      if (behaviour === "buyer_cancel") this.finishCheckout(checkout, "CANCELED", "BUYER_CANCELED");
      if (behaviour === "time_out") this.finishCheckout(checkout, "CANCELED", "TIMED_OUT");
      if (behaviour === "idle" && this.now() >= deadlineMs(checkout)) {
        this.finishCheckout(checkout, "CANCELED", "TIMED_OUT");
      }
      if (behaviour === "complete" || behaviour === "complete_with_tip") {
        checkout.status = "IN_PROGRESS";
        this.webhooks.emit("terminal.checkout.updated", "checkout", checkout);
        const tip =
          behaviour === "complete_with_tip" ? Math.round(checkout.amount_money.amount / 5) : 0;
        const payment = this.newPayment(
          checkout,
          checkout.amount_money.amount,
          "COMPLETED",
          { brand: "VISA", last4: "1111" },
          tip,
        );
        this.webhooks.emit("payment.created", "payment", payment);
        checkout.payment_ids = [payment.id];
        this.finishCheckout(checkout, "COMPLETED", null);
      }
    }
  }

  private finishCheckout(checkout: Json, status: string, reason: string | null): void {
    checkout.status = status;
    if (reason) checkout.cancel_reason = reason;
    checkout.updated_at = new Date(this.now()).toISOString();
    this.webhooks.emit("terminal.checkout.updated", "checkout", checkout);
  }

  private newPayment(
    body: Json,
    amount: number,
    status: string,
    card: { brand: string; last4: string },
    tip = 0,
  ): Json {
    const at = new Date(this.now()).toISOString();
    const currency = body.amount_money?.currency ?? "EUR";
    const payment: Json = {
      id: randomId(24),
      created_at: at,
      updated_at: at,
      amount_money: { amount, currency },
      ...(tip > 0 ? { tip_money: { amount: tip, currency } } : {}),
      total_money: { amount: amount + tip, currency },
      status,
      source_type: "CARD",
      card_details: {
        status: status === "COMPLETED" ? "CAPTURED" : "FAILED",
        card: { card_brand: card.brand, last_4: card.last4, exp_month: 12, exp_year: 2030 },
        entry_method: "KEYED",
      },
      location_id: body.location_id ?? FAKE_LOCATION_FALLBACK,
      reference_id: body.reference_id ?? null,
      note: body.note ?? null,
      receipt_number: randomId(4),
      version_token: randomId(16),
    };
    this.payments.set(payment.id, payment);
    return payment;
  }

  private refundedOf(paymentId: string): number {
    return [...this.refunds.values()]
      .filter((r) => r.payment_id === paymentId && ["PENDING", "COMPLETED"].includes(r.status))
      .reduce((sum, r) => sum + r.amount_money.amount, 0);
  }
}

function requireFields(body: Json, fields: string[]): Answer | null {
  const missing = fields.find((field) => body[field] === undefined || body[field] === null);
  if (!missing) return null;
  return squareErrors(
    400,
    "INVALID_REQUEST_ERROR",
    "MISSING_REQUIRED_PARAMETER",
    `Missing required parameter.`,
    missing,
  );
}

function notFound(detail: string): Answer {
  return squareErrors(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", detail);
}

/** PT5M, PT30S, PT1H as milliseconds after created_at. */
function deadlineMs(checkout: Json): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(checkout.deadline_duration ?? "");
  const [h, m, s] = (match ?? []).slice(1).map((part) => Number(part ?? 0));
  return Date.parse(checkout.created_at) + ((h * 60 + m) * 60 + s) * 1000;
}

function randomId(length: number): string {
  return randomBytes(length).toString("base64url").replace(/[-_]/g, "x").slice(0, length);
}
