/**
 * The device's PIN key: an HMAC-SHA256 key made by WebCrypto with
 * extractable=false and kept in IndexedDB as the CryptoKey object itself
 * (structured clone keeps it usable and unreadable to scripts; the browser's
 * own files hold its bytes, docs/security.md). Made at pairing
 * (db/pairing.ts); a counter paired before staff PINs gets one on its first sign-in.
 */
import type { CounterDb } from "../db/database.js";

const KEY_ID = "pin-verifier";

/** A new non-extractable HMAC key: it can sign and verify, never be exported. */
export function createPinKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/** The device's key, made now if it has none yet. */
export async function pinKey(db: CounterDb, nowMs: number = Date.now()): Promise<CryptoKey> {
  const stored = await db.deviceKeys.get(KEY_ID);
  if (stored) return stored.key;
  const key = await createPinKey();
  // Two tabs may race here: the first key written wins and both use it.
  return db.transaction("rw", db.deviceKeys, async () => {
    const again = await db.deviceKeys.get(KEY_ID);
    if (again) return again.key;
    await db.deviceKeys.add({ id: KEY_ID, key, createdAtMs: nowMs });
    return key;
  });
}
