/**
 * Security headers on every response: a content security policy that lets
 * the app, the Square Web Payments SDK and Google Maps load and nothing else,
 * no framing, no sniffing, a strict referrer, HSTS in production. CORS is
 * never answered: the API is same-origin only.
 */
import type { MiddlewareHandler } from "hono";

import type { AppEnv } from "./auth.js";

const SQUARE_SCRIPTS = ["https://web.squarecdn.com", "https://sandbox.web.squarecdn.com"];
const SQUARE_API = ["https://pci-connect.squareup.com", "https://pci-connect.squareupsandbox.com"];
const GOOGLE_MAPS = ["https://maps.googleapis.com", "https://maps.gstatic.com"];

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' ${[...SQUARE_SCRIPTS, ...GOOGLE_MAPS].join(" ")}`,
  // Google Maps and Square's card form set inline styles; scripts stay strict.
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  `img-src 'self' data: blob: ${GOOGLE_MAPS.join(" ")} https://*.googleapis.com ` +
    `https://*.ggpht.com`,
  "font-src 'self' https://fonts.gstatic.com https://*.squarecdn.com",
  `connect-src 'self' ${[...SQUARE_SCRIPTS, ...SQUARE_API, ...GOOGLE_MAPS].join(" ")}`,
  `frame-src ${SQUARE_SCRIPTS.join(" ")}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(options: { production: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set(
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(self), payment=(self)",
    );
    if (options.production) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    headers.delete("Access-Control-Allow-Origin");
  };
}
