/**
 * The error codes server and clients share. A request error is answered as
 * `{ error: { code, message, ...details } }`; a rejection is the outcome of
 * one mutation inside an accepted push; a flag marks a recorded sale that a
 * manager should look at.
 */

export const REQUEST_ERROR_CODES = [
  "invalid_json",
  "invalid_message",
  "unsupported_protocol",
  "payload_too_large",
  "unsupported_media_type",
  "unauthorized",
  "forbidden",
  "not_found",
  "pairing_code_invalid",
  "sequence_gap",
  "reset_required",
  "unsynced_tickets",
  "already_closed",
  "period_not_over",
  "open_periods",
  "invalid_credentials",
  "rate_limited",
  "cross_site_refused",
  "reset_token_invalid",
  /** A staff account with this email exists already (admin staff creation). */
  "email_taken",
  /** An email verification link that is unknown, expired or already used. */
  "verification_token_invalid",
  /** A staff change that would leave no enabled manager of every store able to sign in. */
  "last_manager",
  /** Account erasure while an order of the customer is still under way (docs/security.md). */
  "order_under_way",
  // Online orders (docs/online-ordering.md): each answers 409, 422 or 503 with a sentence.
  "idempotency_conflict",
  "total_mismatch",
  "store_closed",
  "slot_full",
  "out_of_zone",
  "below_minimum",
  "delivery_unavailable",
  "store_unattended",
  "order_not_changeable",
  "payment_unavailable",
  "product_unavailable",
  "unavailable",
  "internal",
] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/**
 * Why a card payment, refund or Terminal checkout did not go through, as keys
 * the apps translate (the server also sends an English and a French sentence).
 */
export const CARD_FAILURE_KEYS = [
  "card_declined",
  "card_cvv_failed",
  "card_postal_code_failed",
  "card_expired",
  "card_insufficient_funds",
  "card_verification_required",
  "card_token_used",
  "card_payment_unknown",
  "card_refund_exceeds",
  "card_request_invalid",
  "card_idempotency_conflict",
  "card_not_found",
  /** The counter has no Square Terminal assigned (a manager sets it). */
  "terminal_not_assigned",
  "square_unauthorized",
  "square_unavailable",
  "square_not_configured",
] as const;
export type CardFailureKey = (typeof CARD_FAILURE_KEYS)[number];

/** Why a command inside a push was refused (the queue goes on). */
export const REJECTION_CODES = [
  "unknown_order",
  "invalid_transition",
  "order_is_ticket",
  "foreign_order",
  "unknown_shift",
  /** The kitchen has started: changing or cancelling the order needs a manager's approval. */
  "needs_manager",
  "unknown_line",
  /** A delivery assigned to someone who is not staff of the store. */
  "unknown_driver",
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** What a manager should check about a sale that was recorded as it happened. */
export const SALE_FLAGS = [
  "price_mismatch",
  "unknown_product",
  "total_mismatch",
  "overpaid",
  /** A line id already used by another order (or twice in the order): stored under a new id. */
  "line_id_clash",
  /** A payment id already stored for another order: the money is stored under a new id. */
  "payment_id_clash",
  /** A payment id resent for the same order with another amount: the first amount stays. */
  "payment_amount_mismatch",
  /** Money recorded on an order that is cancelled or refused (refund it or check the cancel). */
  "paid_after_cancel",
  /**
   * A staffId (or approvedByStaffId) the server does not know for this store, or an
   * approval by someone who is not a manager of it: recorded as sent, for a manager to check.
   */
  "unknown_staff",
  /** A line's discountCents that the order's discounts and promotions do not give. */
  "discount_mismatch",
  /** A discount above the clerk's limit without a manager's approval: recorded as given. */
  "discount_over_limit",
] as const;
export type SaleFlag = (typeof SALE_FLAGS)[number];

/** What can be wrong with a ticket a device sends; each raises a `journal_<kind>` alert. */
export const JOURNAL_ANOMALY_KINDS = [
  "gap",
  "duplicate",
  "broken_link",
  "altered",
  "mismatch",
  /** A second sale ticket of an order: stored, left out of every figure (docs/fiscal.md). */
  "duplicate_sale",
  /** A sale ticket of a rejected mutation, or a ticket of the wrong kind: stored, not counted. */
  "uncounted_sale",
  /** A second credit note of the same ticket: stored, left out of every figure. */
  "double_credit",
  /** A credit note of a ticket the server does not hold: stored, left out of every figure. */
  "orphan_credit",
  /** A credit note whose training flag differs from its ticket's: counted as the ticket says. */
  "training_credit",
  /** A finished sale without its ticket, from a device that keeps a journal. */
  "missing_ticket",
  /**
   * A credit note crediting more than the ticket it corrects, or refunding more
   * than its own total: stored, its refunds recorded, left out of every figure.
   */
  "refund_exceeds",
  /**
   * A ticket of a business day already closed: it counts in the closing of the
   * store's next open day, named in the anomaly's entry as `countsOnDay`.
   */
  "after_closing",
] as const;
export type JournalAnomalyKind = (typeof JOURNAL_ANOMALY_KINDS)[number];

/** Anomalies that keep the ticket they name (register, seq) out of every figure. */
export const UNCOUNTED_TICKET_KINDS: readonly JournalAnomalyKind[] = [
  "duplicate_sale",
  "uncounted_sale",
  "double_credit",
  "orphan_credit",
  "refund_exceeds",
];

export interface ErrorBody {
  error: { code: RequestErrorCode; message: string; [detail: string]: unknown };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}
