/**
 * The counter's calls for card payments: whether cards are on (public
 * status), and its Square Terminal checkouts (start, follow, cancel) with
 * the device's credential. Failures have the sync's shapes: ApiError (the
 * server said no, with the failure key and a French sentence in details)
 * and NetworkError (not reached: the Terminal cannot be used, go offline).
 */
import { isErrorBody } from "@ocpizza/schema";

import { ApiError, NetworkError } from "../sync/api.js";

export interface TerminalCheckout {
  id: string;
  orderId: string;
  /** PENDING | IN_PROGRESS | CANCEL_REQUESTED | CANCELED | COMPLETED */
  status: string;
  /** BUYER_CANCELED | SELLER_CANCELED | TIMED_OUT once canceled. */
  cancelReason: string | null;
  amountCents: number;
  squarePaymentId: string | null;
  deadlineAtMs: number;
}

export type CardStatus =
  | { enabled: false; reason: string }
  | { enabled: true; simulated: boolean; applicationId: string; environment: string };

export interface StartRequest {
  orderId: string;
  amountCents: number;
  idempotencyKey: string;
}

const BASE = "/api/v1/devices/me/terminal-checkouts";

export function createTerminalApi(token: string, fetcher: typeof fetch = fetch) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${token}`,
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetcher(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
      });
    } catch (error) {
      throw new NetworkError(error);
    }
    const answer: unknown = await response.json().catch(() => null);
    if (response.ok) return answer as T;
    if (isErrorBody(answer)) {
      const { code, message, ...details } = answer.error;
      throw new ApiError(response.status, code, message, details);
    }
    throw new ApiError(response.status, "internal", `HTTP ${response.status}`);
  }

  return {
    start: (request: StartRequest) =>
      call<{ checkout: TerminalCheckout }>("POST", BASE, request).then((a) => a.checkout),
    follow: (id: string) =>
      call<{ checkout: TerminalCheckout }>("GET", `${BASE}/${encodeURIComponent(id)}`).then(
        (a) => a.checkout,
      ),
    cancel: (id: string) =>
      call<{ checkout: TerminalCheckout }>("POST", `${BASE}/${encodeURIComponent(id)}/cancel`).then(
        (a) => a.checkout,
      ),
  };
}

export type TerminalApi = ReturnType<typeof createTerminalApi>;

/** Whether card payment is on at all (GET /api/v1/payments/status); null when not reached. */
export async function fetchCardStatus(fetcher: typeof fetch = fetch): Promise<CardStatus | null> {
  try {
    const response = await fetcher("/api/v1/payments/status", { cache: "no-store" });
    if (!response.ok) return null;
    return ((await response.json()) as { card: CardStatus }).card;
  } catch {
    return null;
  }
}

/** A checkout that has ended, one way or the other. */
export function isFinal(checkout: TerminalCheckout): boolean {
  return checkout.status === "COMPLETED" || checkout.status === "CANCELED";
}
