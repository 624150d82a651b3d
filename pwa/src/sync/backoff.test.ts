import { describe, expect, it } from "vitest";

import { backoffDelayMs } from "./backoff.js";

describe("backoff delays (full jitter, base 1 s, cap 60 s)", () => {
  it.each([
    { attempt: 0, random: 0.5, retryAfterMs: null, delayMs: 500 },
    { attempt: 1, random: 0.5, retryAfterMs: null, delayMs: 1_000 },
    { attempt: 3, random: 0.999, retryAfterMs: null, delayMs: 7_992 },
    { attempt: 6, random: 0.999, retryAfterMs: null, delayMs: 59_940 },
    { attempt: 40, random: 0.5, retryAfterMs: null, delayMs: 30_000 },
    { attempt: 2, random: 0, retryAfterMs: null, delayMs: 0 },
    { attempt: 0, random: 0.1, retryAfterMs: 5_000, delayMs: 5_000 },
    { attempt: 0, random: 0.1, retryAfterMs: 600_000, delayMs: 60_000 },
  ])("attempt $attempt, random $random, Retry-After $retryAfterMs -> $delayMs ms", (row) => {
    expect(backoffDelayMs(row.attempt, () => row.random, {}, row.retryAfterMs)).toBe(row.delayMs);
  });
});
