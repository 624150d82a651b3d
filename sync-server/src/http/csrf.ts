/**
 * Cross-site request refusal for cookie sessions. Every unsafe request that
 * carries the session cookie, and every one to the account endpoints, must
 * send `X-Requested-With: ocpizza` (a header a cross-site form cannot set and
 * a cross-site fetch cannot send without a CORS preflight we never grant),
 * and its Origin, when present, must be the app's own. Bearer-token requests
 * without a cookie (devices, admin) are left as they are.
 */
import type { MiddlewareHandler } from "hono";

import type { AuthSettings } from "../accounts/auth-settings.js";
import type { AppEnv } from "./auth.js";
import { HttpError } from "./errors.js";
import { readSessionCookie } from "./session-cookie.js";

export const CSRF_HEADER = "x-requested-with";
export const CSRF_HEADER_VALUE = "ocpizza";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isAccountPath(path: string): boolean {
  return path.startsWith("/api/v1/auth/") || path === "/api/v1/customers";
}

export function csrfGuard(settings: AuthSettings): MiddlewareHandler<AppEnv> {
  const publicOrigin = new URL(settings.publicUrl).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (!isAccountPath(c.req.path) && readSessionCookie(c, settings) === null) return next();

    const origin = c.req.header("origin");
    const ownOrigin = new URL(c.req.url).origin;
    const crossSite = c.req.header("sec-fetch-site") === "cross-site";
    if (crossSite || (origin !== undefined && origin !== publicOrigin && origin !== ownOrigin)) {
      throw refused("this request comes from another site");
    }
    if (c.req.header(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
      throw refused(`the header ${CSRF_HEADER}: ${CSRF_HEADER_VALUE} is missing`);
    }
    await next();
  };
}

function refused(why: string): HttpError {
  return new HttpError(
    403,
    "cross_site_refused",
    `Refused: ${why}. Account requests must come from the OC Pizza app itself.`,
  );
}
