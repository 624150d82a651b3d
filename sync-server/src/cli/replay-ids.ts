/**
 * Deterministic ids for replayed sales: shaped like UUID v7 (the sale's
 * time in the first 48 bits, so they stay time-ordered) with the rest taken
 * from a hash of the store and the data set's own id. Replaying a file twice
 * yields the same ids, so the server recognises every order the second time.
 */
import { createHash } from "node:crypto";

export function replayId(epochMs: number, storeId: string, kind: string, sourceId: string): string {
  const hash = createHash("sha256").update(`${storeId}:${kind}:${sourceId}`).digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(epochMs, 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6] & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8] & 0x3f); // RFC 4122 variant
  const hex = bytes.toString("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join("-");
}
