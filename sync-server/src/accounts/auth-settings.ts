/**
 * The settings of sign-in, sessions, mails and rate limits as createApp
 * receives them, with the defaults tests start from, and the keyed hash
 * (HMAC with the session secret) every stored token and key goes through.
 */
import { createHmac, randomBytes } from "node:crypto";

import type { Config } from "../config.js";
import { disabledMailer, type Mailer } from "./mailer.js";

export interface RateLimits {
  /** Failed sign-ins allowed per account in one window. */
  perAccount: number;
  /** Failed sign-ins allowed per client address in one window. */
  perAddress: number;
  windowMs: number;
}

export interface AuthSettings {
  /** SESSION_SECRET: keys every hash of a token, email or address. */
  secret: string;
  sessionTtlMs: number;
  cookieSecure: boolean;
  /** Origin of links in mails and the one cross-origin Origin accepted. */
  publicUrl: string;
  resetTtlMs: number;
  /** How long an email verification link works (48 hours; not configurable yet). */
  verificationTtlMs: number;
  limits: RateLimits;
  /** Read the client address from X-Forwarded-For (set by nginx). */
  trustProxy: boolean;
  mailer: Mailer;
}

const VERIFICATION_TTL_MS = 48 * 3_600_000;

// One per process, so that two apps built in one test process agree.
const PROCESS_SECRET = randomBytes(32).toString("base64url");

export function defaultAuthSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    secret: PROCESS_SECRET,
    sessionTtlMs: 12 * 3_600_000,
    cookieSecure: true,
    publicUrl: "http://127.0.0.1:8080",
    resetTtlMs: 30 * 60_000,
    verificationTtlMs: VERIFICATION_TTL_MS,
    limits: { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 },
    trustProxy: false,
    mailer: disabledMailer(),
    ...overrides,
  };
}

export function authSettingsFromConfig(
  config: Config,
  secret: string,
  mailer: Mailer,
): AuthSettings {
  return {
    secret,
    sessionTtlMs: config.sessionTtlHours * 3_600_000,
    cookieSecure: config.cookieSecure,
    publicUrl: config.publicUrl,
    resetTtlMs: config.passwordResetTtlMin * 60_000,
    verificationTtlMs: VERIFICATION_TTL_MS,
    limits: {
      perAccount: config.loginMaxPerAccount,
      perAddress: config.loginMaxPerAddress,
      windowMs: config.loginWindowMin * 60_000,
    },
    trustProxy: config.trustProxy,
    mailer,
  };
}

/** HMAC-SHA256 hex of `purpose:value`: a stored token or key never reveals its source. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${value}`).digest("hex");
}

export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}
