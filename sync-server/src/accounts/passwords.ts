/**
 * Password hashes: argon2id through @node-rs/argon2 (salted, memory-hard),
 * and a verification that costs the same whether or not the account exists
 * (a fixed dummy hash).
 */
import { hash, verify } from "@node-rs/argon2";

/** argon2id, 19 MiB, 2 passes: OWASP's minimum; about 30-60 ms per hash on a server core. */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

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
