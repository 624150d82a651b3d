/**
 * Retry delays after a transient failure: exponential backoff with full
 * jitter (a random delay between 0 and min(cap, base x 2^attempt)), so that
 * the tablets of five stores coming back online do not retry in step.
 */

export interface BackoffOptions {
  /** Delay ceiling of the first retry, in ms. Default 1000. */
  baseMs?: number;
  /** Largest delay ever waited, in ms. Default 60000. */
  capMs?: number;
}

export const DEFAULT_BACKOFF = { baseMs: 1_000, capMs: 60_000 } as const;

/**
 * Delay before retry number `attempt` (0 for the first retry). `random` returns
 * a number in [0, 1). A server's Retry-After is honoured as a floor.
 */
export function backoffDelayMs(
  attempt: number,
  random: () => number,
  options: BackoffOptions = {},
  retryAfterMs: number | null = null,
): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const capMs = options.capMs ?? DEFAULT_BACKOFF.capMs;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, capMs));
}
