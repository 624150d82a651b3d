/**
 * Card outcomes as HTTP answers, for the card routes: a refusal carries the
 * failure key the apps translate and the server's own English and French
 * sentences (failures.ts), never Square's raw text.
 */
import type { CardFailureKey } from "@ocpizza/schema";

import { HttpError } from "../http/errors.js";
import type { SquareConfig } from "./square/settings.js";
import { FAILURE_MESSAGES } from "./square/failures.js";

/** 422: Square (or our rules) said no; `key` says why in words the apps know. */
export function cardRefused(key: CardFailureKey, extra: Record<string, unknown> = {}): HttpError {
  const words = FAILURE_MESSAGES[key];
  return new HttpError(422, "payment_unavailable", words.en, { key, fr: words.fr, ...extra });
}

/** 503: the answer was lost or Square is down; the same request may be sent again. */
export function cardUnknown(key: CardFailureKey, extra: Record<string, unknown> = {}): HttpError {
  const words = FAILURE_MESSAGES[key];
  return new HttpError(503, "unavailable", words.en, { key, fr: words.fr, ...extra });
}

/** Card payment is off on this server (no Square settings): 422 with the reason. */
export function squareOff(square: SquareConfig): HttpError {
  const reason = square.enabled ? "square_not_configured" : square.reason;
  return cardRefused("square_not_configured", { reason });
}
