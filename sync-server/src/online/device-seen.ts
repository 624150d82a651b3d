/**
 * Marks a counter as seen when it syncs: a pull or an event stream says
 * someone is at the counter as surely as a push does, and a quiet counter
 * pushes nothing. Written at most once a minute per device, after the answer
 * is ready, so a sync never waits on it; a failed write is only logged.
 */
import type { MiddlewareHandler } from "hono";
import { and, eq, isNull, lt, or } from "drizzle-orm";

import { devices } from "@ocpizza/schema/db";

import type { AppEnv } from "../http/auth.js";
import type { RouteDeps } from "../routes/route-deps.js";

const SEEN_RESOLUTION_MS = 60_000;

export function markDeviceSeen(deps: RouteDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const device = c.get("device");
    if (!device || c.res.status >= 400) return;
    const now = new Date(deps.now());
    const stale = new Date(now.getTime() - SEEN_RESOLUTION_MS);
    await deps.db
      .update(devices)
      .set({ lastSeenAt: now })
      .where(
        and(
          eq(devices.id, device.id),
          or(isNull(devices.lastSeenAt), lt(devices.lastSeenAt, stale)),
        ),
      )
      .catch((error: unknown) => deps.logger.warn({ err: error }, "device last seen not written"));
  };
}
