/**
 * The device sync endpoints: push (the outbox), pull (changes above a
 * cursor) and state (where the server stands for this device). Each push is
 * logged as one line with its counts; no order content reaches the log.
 * Pull's query numbers must be plain digits (an empty `since=` is refused).
 */
import { Hono } from "hono";
import { eq } from "drizzle-orm";

import {
  MAX_PUSH_BYTES,
  OUTCOMES,
  pullQuerySchema,
  pushRequestSchema,
  type Outcome,
} from "@ocpizza/schema";
import { devices, stores } from "@ocpizza/schema/db";

import type { AppEnv } from "../http/auth.js";
import { checkProtocol, parseMessage, readJsonBody } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { currentMenuVersion } from "../menu/menu-catalog.js";
import { recordPush } from "../monitoring/metrics.js";
import { pull } from "../sync/pull.js";
import { push } from "../sync/push.js";
import type { RouteDeps } from "./route-deps.js";

export function syncRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const device = deps.access.allow(["device"]);

  app.post("/api/v1/sync/push", device, async (c) => {
    const device = c.get("device")!;
    const body = await readJsonBody(c.req.raw, MAX_PUSH_BYTES);
    if (typeof body === "object" && body !== null && "protocol" in body)
      checkProtocol(body.protocol);
    const request = parseMessage(pushRequestSchema, body);

    const { response, storeId, alerts } = await push(deps, device, request);
    recordPush(request, deps.now());

    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    for (const result of response.results) counts[result.outcome] += 1;
    deps.logger.info(
      {
        deviceId: device.id,
        storeId,
        ...counts,
        firstSeq: request.mutations[0]?.seq ?? null,
        lastSeq: request.mutations.at(-1)?.seq ?? null,
        lastAppliedSeq: response.lastAppliedSeq,
        storeVersion: response.storeVersion,
      },
      "sync push",
    );
    for (const alert of alerts) {
      deps.logger.warn(
        { storeId, deviceId: device.id, kind: alert.kind, orderId: alert.orderId },
        alert.message,
      );
    }
    return c.json(response);
  });

  app.get("/api/v1/sync/pull", device, async (c) => {
    const device = c.get("device")!;
    const raw = c.req.query();
    checkProtocol(raw.protocol);
    checkPullNumbers(raw, ["protocol", "since", "menuVersion", "limit"]);
    const query = parseMessage(pullQuerySchema, raw);
    return c.json(await pull(deps, device, query));
  });

  app.get("/api/v1/sync/state", device, async (c) => {
    const device = c.get("device")!;
    const [row] = await deps.db
      .select({ lastAppliedSeq: devices.lastAppliedSeq, storeVersion: stores.version })
      .from(devices)
      .innerJoin(stores, eq(stores.id, devices.storeId))
      .where(eq(devices.id, device.id));
    return c.json({
      deviceId: device.id,
      storeId: device.storeId,
      lastAppliedSeq: row.lastAppliedSeq,
      storeVersion: row.storeVersion,
      menuVersion: await currentMenuVersion(deps.db),
    });
  });

  return app;
}

/**
 * `protocol` and `since` are required, and query numbers are written as plain digits: an
 * empty `since=` or `since=1e3` would otherwise be read as 0 or 1000 by the
 * schema's coercion.
 */
function checkPullNumbers(query: Record<string, string>, names: readonly string[]): void {
  if (query.protocol === undefined) {
    throw new HttpError(
      400,
      "invalid_message",
      "Invalid message: protocol: required: the protocol version the client speaks (1).",
    );
  }
  if (query.since === undefined) {
    throw new HttpError(
      400,
      "invalid_message",
      "Invalid message: since: required: the storeVersion of the previous pull, 0 the first time.",
    );
  }
  for (const name of names) {
    const value = query[name];
    if (value === undefined || /^[0-9]{1,15}$/.test(value)) continue;
    throw new HttpError(
      400,
      "invalid_message",
      `Invalid message: ${name}: ${JSON.stringify(value.slice(0, 40))} is not a whole number ` +
        `of 0 or more written in digits.`,
    );
  }
}
