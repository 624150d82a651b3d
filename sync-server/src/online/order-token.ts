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
  if (token === undefined || token.length !== 32) return false;
  const expected = Buffer.from(orderToken(secret, orderId));
  return timingSafeEqual(expected, Buffer.from(token));
}
