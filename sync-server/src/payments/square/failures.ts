/**
 * Square's errors as our typed failures. The SDK throws a SquareError with
 * errors[] of {category, code, detail} (or no status at all when the socket
 * died) and a SquareTimeoutError when no answer came in time; both of the
 * latter mean "we do not know whether Square did it", never "it failed".
 */
import { SquareError, SquareTimeoutError } from "square";

import type { CardFailureKey } from "@ocpizza/schema";

export type FailureKind =
  /** The card was refused: the order stays unpaid, the customer may try another card. */
  | "declined"
  /** Our request was wrong (amount, location, reused key with another body...). */
  | "refused"
  /** The answer was lost: look the result up, never charge again blindly. */
  | "unknown"
  /** Square is down or limits us: nothing happened, try later. */
  | "unavailable";

export interface SquareFailure {
  kind: FailureKind;
  key: CardFailureKey;
  /** Square's error code (CARD_DECLINED...), or TIMEOUT / NETWORK for a lost answer. */
  code: string;
  /** HTTP status Square answered, when it answered. */
  statusCode: number | null;
  /** Square's own object that came with the error (a FAILED payment), raw JSON. */
  body: unknown;
}

/** Square error codes of a refused card, and the key the apps show. */
const DECLINES: Record<string, CardFailureKey> = {
  CARD_DECLINED: "card_declined",
  GENERIC_DECLINE: "card_declined",
  CARD_DECLINED_CALL_ISSUER: "card_declined",
  CARD_NOT_SUPPORTED: "card_declined",
  TRANSACTION_LIMIT: "card_declined",
  CVV_FAILURE: "card_cvv_failed",
  VERIFY_CVV_FAILURE: "card_cvv_failed",
  ADDRESS_VERIFICATION_FAILURE: "card_postal_code_failed",
  VERIFY_AVS_FAILURE: "card_postal_code_failed",
  INVALID_EXPIRATION: "card_expired",
  INVALID_EXPIRATION_DATE: "card_expired",
  EXPIRATION_FAILURE: "card_expired",
  CARD_EXPIRED: "card_expired",
  INSUFFICIENT_FUNDS: "card_insufficient_funds",
  CARD_DECLINED_VERIFICATION_REQUIRED: "card_verification_required",
  CARD_TOKEN_USED: "card_token_used",
  CARD_TOKEN_EXPIRED: "card_token_used",
};

const REFUSALS: Record<string, CardFailureKey> = {
  IDEMPOTENCY_KEY_REUSED: "card_idempotency_conflict",
  REFUND_AMOUNT_INVALID: "card_refund_exceeds",
  NOT_FOUND: "card_not_found",
  UNAUTHORIZED: "square_unauthorized",
  ACCESS_TOKEN_EXPIRED: "square_unauthorized",
  ACCESS_TOKEN_REVOKED: "square_unauthorized",
  INSUFFICIENT_SCOPES: "square_unauthorized",
};

/** Maps whatever a Square call threw; a non-Square error is rethrown as it is. */
export function toSquareFailure(error: unknown): SquareFailure {
  if (error instanceof SquareTimeoutError) {
    return failure("unknown", "card_payment_unknown", "TIMEOUT", null, null);
  }
  if (!(error instanceof SquareError)) throw error;

  const status = error.statusCode ?? null;
  // No status: the connection broke after the request left; Square may have acted.
  if (status === null) return failure("unknown", "card_payment_unknown", "NETWORK", null, null);
  const codes = (error.errors ?? []).map((e) => String(e.code));
  const declined = codes.find((code) => code in DECLINES);
  if (declined) return failure("declined", DECLINES[declined], declined, status, error.body);
  const known = codes.find((code) => code in REFUSALS);
  if (known) return failure("refused", REFUSALS[known], known, status, error.body);
  if (status === 429 || status >= 500) {
    // A 5xx may still have been applied: treat it as unknown, looked up like a timeout.
    const kind = status === 429 ? "unavailable" : "unknown";
    const key = status === 429 ? "square_unavailable" : "card_payment_unknown";
    return failure(kind, key, codes[0] ?? `HTTP_${status}`, status, error.body);
  }
  if (status === 401 || status === 403) {
    return failure("refused", "square_unauthorized", codes[0] ?? "UNAUTHORIZED", status, null);
  }
  const code = codes[0] ?? `HTTP_${status}`;
  if (status === 404) return failure("refused", "card_not_found", code, status, null);
  if (status === 402) return failure("declined", "card_declined", code, status, error.body);
  return failure("refused", "card_request_invalid", code, status, error.body);
}

/** The key of a stored Square error code (a declined attempt read back later). */
export function failureKeyOf(code: string): CardFailureKey {
  return DECLINES[code] ?? REFUSALS[code] ?? "card_declined";
}

function failure(
  kind: FailureKind,
  key: CardFailureKey,
  code: string,
  statusCode: number | null,
  body: unknown,
): SquareFailure {
  return { kind, key, code, statusCode, body };
}

/** Plain sentences for each key, in English and French, for the apps and the CLI. */
export const FAILURE_MESSAGES: Record<CardFailureKey, { en: string; fr: string }> = {
  card_declined: {
    en: "The card was declined. Try another card or pay another way.",
    fr: "La carte a été refusée. Essayez une autre carte ou un autre moyen de paiement.",
  },
  card_cvv_failed: {
    en: "The security code (CVV) is wrong. Check it and try again.",
    fr: "Le cryptogramme (CVV) est incorrect. Vérifiez-le et réessayez.",
  },
  card_postal_code_failed: {
    en: "The postal code does not match the card. Check it and try again.",
    fr: "Le code postal ne correspond pas à la carte. Vérifiez-le et réessayez.",
  },
  card_expired: {
    en: "The expiry date is wrong or the card has expired.",
    fr: "La date d'expiration est incorrecte ou la carte a expiré.",
  },
  card_insufficient_funds: {
    en: "The card has insufficient funds. Try another card.",
    fr: "Le solde de la carte est insuffisant. Essayez une autre carte.",
  },
  card_verification_required: {
    en: "Your bank needs to verify this payment. Follow your bank's steps, then try again.",
    fr: "Votre banque doit vérifier ce paiement. Suivez ses étapes, puis réessayez.",
  },
  card_token_used: {
    en: "This card entry has already been used. Enter the card again.",
    fr: "Cette saisie de carte a déjà servi. Saisissez la carte à nouveau.",
  },
  card_payment_unknown: {
    en: "We could not confirm the payment yet. We are checking; do not pay again.",
    fr: "Le paiement n'est pas encore confirmé. Nous vérifions ; ne payez pas une seconde fois.",
  },
  card_refund_exceeds: {
    en: "This refund is more than what is left to refund on the payment.",
    fr: "Ce remboursement dépasse ce qu'il reste à rembourser sur le paiement.",
  },
  card_request_invalid: {
    en: "Square refused the request. The manager has been told.",
    fr: "Square a refusé la demande. Le responsable a été prévenu.",
  },
  card_idempotency_conflict: {
    en: "This payment was already sent with other details. Start the payment again.",
    fr: "Ce paiement a déjà été envoyé avec d'autres informations. Recommencez le paiement.",
  },
  card_not_found: {
    en: "Square does not know this payment.",
    fr: "Square ne connaît pas ce paiement.",
  },
  square_unauthorized: {
    en: "The Square account refused our credentials. The manager must check the settings.",
    fr: "Square a refusé nos identifiants. Le responsable doit vérifier la configuration.",
  },
  square_unavailable: {
    en: "Square is not answering right now. Try again in a moment or pay another way.",
    fr: "Square ne répond pas pour le moment. Réessayez dans un instant ou payez autrement.",
  },
  terminal_not_assigned: {
    en: "This counter has no Square Terminal yet. A manager must assign one.",
    fr: "Ce poste n'a pas encore de terminal Square. Un responsable doit en attribuer un.",
  },
  square_not_configured: {
    en: "Card payment is not available in this shop. Pay in cash or on handover.",
    fr: "Le paiement par carte n'est pas disponible. Payez en espèces ou à la remise.",
  },
};
