/**
 * Password hashes: argon2id through @node-rs/argon2 (salted, memory-hard),
 * the rules a new password must meet, and a verification that costs the
 * same whether or not the account exists (a fixed dummy hash).
 */
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

/** argon2id, 19 MiB, 2 passes: OWASP's minimum; about 30-60 ms per hash on a server core. */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_CHARS = 12;
export const PASSWORD_MAX_CHARS = 256;

/** A new password: 12 to 256 characters after NFC normalisation, no control characters. */
export const newPasswordSchema = z
  .string()
  .transform((value) => value.normalize("NFC"))
  .pipe(
    z
      .string()
      .min(PASSWORD_MIN_CHARS, `must be at least ${PASSWORD_MIN_CHARS} characters`)
      .max(PASSWORD_MAX_CHARS, `must be at most ${PASSWORD_MAX_CHARS} characters`)
      .refine((value) => !/\p{Cc}/u.test(value), "must not contain control characters")
      .refine((value) => value.trim().length >= PASSWORD_MIN_CHARS, "must not be mostly spaces"),
  );

/** A password given to sign in: only bounded, never judged (old rules may differ). */
export const givenPasswordSchema = z
  .string()
  .min(1, "is empty")
  .max(PASSWORD_MAX_CHARS, `must be at most ${PASSWORD_MAX_CHARS} characters`)
  .transform((value) => value.normalize("NFC"));

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

let dummyHash: Promise<string> | null = null;

/**
 * Checks a password against a stored hash; with no hash (unknown account, or
 * staff without a password) it checks against a dummy so the time is the same.
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("not a password of anyone: only spends the time");
  const target = stored ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && stored !== null;
}
