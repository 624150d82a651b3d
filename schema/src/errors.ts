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
  "unavailable",
  "internal",
] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/** Why a command inside a push was refused (the queue goes on). */
export const REJECTION_CODES = [
  "unknown_order",
  "invalid_transition",
  "order_is_ticket",
  "foreign_order",
  "unknown_shift",
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** What a manager should check about a sale that was recorded as it happened. */
export const SALE_FLAGS = [
  "price_mismatch",
  "unknown_product",
  "total_mismatch",
  "overpaid",
] as const;
export type SaleFlag = (typeof SALE_FLAGS)[number];

/** What can be wrong with a ticket a device sends; each raises a `journal_<kind>` alert. */
export const JOURNAL_ANOMALY_KINDS = [
  "gap",
  "duplicate",
  "broken_link",
  "altered",
  "mismatch",
] as const;
export type JournalAnomalyKind = (typeof JOURNAL_ANOMALY_KINDS)[number];

export interface ErrorBody {
  error: { code: RequestErrorCode; message: string; [detail: string]: unknown };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}
