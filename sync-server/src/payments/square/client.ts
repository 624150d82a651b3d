/**
 * The one place a SquareClient (the official `square` SDK) is built. The
 * SDK's own retries are turned off: a retried POST after a lost answer is
 * our decision (same idempotency key, same body), never the SDK's.
 */
import { SquareClient, SquareEnvironment } from "square";

import type { SquareSettings } from "./settings.js";

/** Seconds a Square call may take before it counts as a lost answer (default 20). */
export const SQUARE_TIMEOUT_S = 20;

export interface SquareClientOptions {
  /** Per-call timeout in seconds (default SQUARE_TIMEOUT_S). */
  timeoutS?: number;
}

export function createSquareClient(
  settings: SquareSettings,
  options: SquareClientOptions = {},
): SquareClient {
  const environment =
    settings.environment === "production"
      ? SquareEnvironment.Production
      : SquareEnvironment.Sandbox;
  return new SquareClient({
    token: settings.accessToken,
    // baseUrl wins over environment in the SDK; it is only ever the local fake.
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : { environment }),
    timeoutInSeconds: options.timeoutS ?? SQUARE_TIMEOUT_S,
    maxRetries: 0,
  });
}
