/**
 * The secret of an order's page link: an HMAC of the order id under the
 * server's SESSION_SECRET, so it is never stored and every instance that
 * shares the secret can check it. Changing the secret breaks old links.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function orderToken(secret: string, orderId: string): string {
  return createHmac("sha256", secret)
    .update(`online-order:${orderId}`)
    .digest("base64url")
    .slice(0, 32);
}

export function tokenMatches(secret: string, orderId: string, token: string | undefined): boolean {
  if (token === undefined) return false;
  const expected = Buffer.from(orderToken(secret, orderId));
  const given = Buffer.from(token);
  // Compared as bytes: 32 characters of "é" are 64 bytes, which timingSafeEqual refuses to compare.
  return given.length === expected.length && timingSafeEqual(expected, given);
}
