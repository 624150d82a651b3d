/**
 * Square's documented sandbox test values, and what the fake does with each:
 * the card payment tokens of the Payments API and the Terminal API's test
 * device ids. Source: Square's "Sandbox Payments" and "Sandbox testing" pages.
 */

export interface NonceOutcome {
  /** null: the payment is approved and completed. */
  errorCode: string | null;
  detail?: string;
  /** A FAILED payment is created with the error (a refused card); false: no payment at all. */
  failedPayment?: boolean;
  cardBrand?: string;
  last4?: string;
  /** Approved only when the request carries a verification_token (3-D Secure). */
  needsVerification?: boolean;
}

export const TEST_NONCES: Readonly<Record<string, NonceOutcome>> = {
  "cnon:card-nonce-ok": { errorCode: null, cardBrand: "VISA", last4: "1111" },
  "cnon:card-nonce-declined": {
    errorCode: "GENERIC_DECLINE",
    detail: "Authorization error: 'GENERIC_DECLINE'",
    failedPayment: true,
  },
  "cnon:card-nonce-rejected-cvv": {
    errorCode: "CVV_FAILURE",
    detail: "Authorization error: 'CVV_FAILURE'",
    failedPayment: true,
  },
  "cnon:card-nonce-rejected-postalcode": {
    errorCode: "ADDRESS_VERIFICATION_FAILURE",
    detail: "Authorization error: 'ADDRESS_VERIFICATION_FAILURE'",
    failedPayment: true,
  },
  "cnon:card-nonce-rejected-expiration": {
    errorCode: "INVALID_EXPIRATION",
    detail: "Authorization error: 'INVALID_EXPIRATION'",
    failedPayment: true,
  },
  "cnon:card-nonce-already-used": {
    errorCode: "CARD_TOKEN_USED",
    detail: "Card nonce already used; please request new nonce.",
  },
  "cnon:card-nonce-requires-verification": {
    errorCode: null,
    cardBrand: "MASTERCARD",
    last4: "0004",
    needsVerification: true,
  },
  "cnon:gift-card-nonce-ok": { errorCode: null, cardBrand: "SQUARE_GIFT_CARD", last4: "0000" },
  "cnon:gift-card-nonce-insufficient-funds": {
    errorCode: "INSUFFICIENT_FUNDS",
    detail: "Authorization error: 'INSUFFICIENT_FUNDS'",
    failedPayment: true,
  },
};

/** What a sandbox test Terminal does with a checkout. */
export type DeviceBehaviour =
  "complete" | "complete_with_tip" | "buyer_cancel" | "time_out" | "idle";

export const TEST_DEVICES: Readonly<Record<string, DeviceBehaviour>> = {
  /** Completes with a card payment. */
  "9fa747a2-25ff-48ee-b078-04381f7c828f": "complete",
  /** Completes with a 20 % tip on top. */
  "22cd266c-6246-4c06-9983-67f0c26346b0": "complete_with_tip",
  /** The buyer cancels on the terminal. */
  "841100b9-ee60-4537-9bcf-e30b2ba5e215": "buyer_cancel",
  /** Square times the checkout out at once. */
  "0a956d49-619a-4530-8e5e-8eac603ffc5e": "time_out",
  /** Never picked up: stays PENDING until its deadline, then times out. */
  "da40d603-c2ea-4a65-8cfd-f42e36dab0c7": "idle",
};

/** Any other device id acts like a terminal where the customer pays (demo convenience). */
export function deviceBehaviour(deviceId: string): DeviceBehaviour {
  return TEST_DEVICES[deviceId] ?? "complete";
}
