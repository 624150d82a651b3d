/**
 * The session cookie (HttpOnly, SameSite=Lax, Path=/, Secure unless turned
 * off for http://127.0.0.1 development, then without the __Host- prefix),
 * and the client address rate limits use (access.ts reads the session).
 */
import { isIPv6 } from "node:net";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { getConnInfo } from "@hono/node-server/conninfo";

import type { AuthSettings } from "../accounts/auth-settings.js";

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-ocp_session" : "ocp_session";
}

export function readSessionCookie(c: Context, settings: AuthSettings): string | null {
  const token = getCookie(c, sessionCookieName(settings.cookieSecure));
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

export function writeSessionCookie(
  c: Context,
  settings: AuthSettings,
  token: string,
  expiresAtMs: number,
  nowMs: number,
): void {
  setCookie(c, sessionCookieName(settings.cookieSecure), token, {
    httpOnly: true,
    secure: settings.cookieSecure,
    sameSite: "Lax",
    path: "/",
    maxAge: Math.max(0, Math.floor((expiresAtMs - nowMs) / 1000)),
  });
}

export function clearSessionCookie(c: Context, settings: AuthSettings): void {
  deleteCookie(c, sessionCookieName(settings.cookieSecure), {
    httpOnly: true,
    secure: settings.cookieSecure,
    sameSite: "Lax",
    path: "/",
  });
}

/**
 * The peer address, or nginx's last X-Forwarded-For hop when TRUST_PROXY is on, as rate
 * limits count it: an IPv6 client by its /64, since one line or host gets a whole /64.
 */
export function clientAddress(c: Context, settings: AuthSettings): string {
  if (settings.trustProxy) {
    const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map((hop) => hop.trim());
    const last = hops.filter(Boolean).pop();
    if (last && last.length <= 64) return networkOf(last);
  }
  try {
    return networkOf(getConnInfo(c).remote.address ?? "unknown");
  } catch {
    return "unknown";
  }
}

/** "2001:db8:7:8::1" -> "2001:db8:7:8::/64"; an IPv4 (mapped or not) address stays itself. */
function networkOf(address: string): string {
  if (!isIPv6(address)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const [head, tail] = address.split("%")[0].split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0")];
  const prefix = [...groups, ...right].slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `${prefix.join(":")}::/64`;
}
