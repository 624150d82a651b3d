/**
 * One structured log line per request: method, path (without the query),
 * status, duration and the device when known. Never headers, bodies or
 * tokens, so no personal data and no secrets reach the log.
 */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";

import type { AppEnv } from "./auth.js";

export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const startedAt = performance.now();
    await next();

    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - startedAt) * 10) / 10,
      deviceId: c.get("deviceId"),
    };
    if (status >= 500) logger.warn(line, "request");
    else logger.info(line, "request");
  };
}
