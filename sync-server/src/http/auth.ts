/**
 * Credentials: device bearer tokens (stored as sha256 hex, looked up on each
 * request) and the admin token (compared in constant time). Middlewares set
 * the authenticated device on the context for handlers and the request log.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { eq } from "drizzle-orm";

import { devices } from "@ocpizza/schema/db";

import type { SessionSubject } from "../accounts/sessions.js";
import type { Database } from "../db/connection.js";
import { HttpError } from "./errors.js";

export interface AuthenticatedDevice {
  id: string;
  storeId: string;
}

export type AppEnv = {
  Variables: { device?: AuthenticatedDevice; deviceId?: string; session?: SessionSubject };
};

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function bearerToken(c: Context): string | null {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Requires a paired, not revoked device; 401 otherwise, with one message for every case. */
export function requireDevice(db: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    const unauthorized = new HttpError(
      401,
      "unauthorized",
      "This device is not paired (missing, unknown or revoked token): pair it again with a code.",
    );
    if (!token || token.length > 200) throw unauthorized;

    const [row] = await db
      .select({ id: devices.id, storeId: devices.storeId, revokedAt: devices.revokedAt })
      .from(devices)
      .where(eq(devices.tokenHash, sha256Hex(token)))
      .limit(1);
    if (!row || row.revokedAt !== null) throw unauthorized;

    c.set("device", { id: row.id, storeId: row.storeId });
    c.set("deviceId", row.id);
    await next();
  };
}

/** Requires the admin token; when none is configured, admin endpoints are closed. */
export function requireAdmin(adminToken: string | null): MiddlewareHandler<AppEnv> {
  const expected = adminToken ? createHash("sha256").update(adminToken).digest() : null;
  return async (c, next) => {
    const token = bearerToken(c);
    const given = token ? createHash("sha256").update(token).digest() : null;
    if (!expected || !given || !timingSafeEqual(expected, given)) {
      throw new HttpError(
        401,
        "unauthorized",
        "This endpoint needs the admin token in the Authorization header (Bearer ...).",
      );
    }
    await next();
  };
}
