/**
 * Pairing endpoints: the operator or a manager of the store creates a
 * pairing code, a device trades the code for its credential.
 */
import { Hono } from "hono";
import { z } from "zod";

import { pairRequestSchema } from "@ocpizza/schema";

import { createPairingCode, pairDevice } from "../devices/pairing.js";
import { checkStore, principalOf } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import type { RouteDeps } from "./route-deps.js";

const pairingCodeRequestSchema = z.object({
  storeId: z.string().trim().min(1).max(32),
  /** Minutes the code stays valid: 1 to 1440 (a day), default 60. */
  ttlMinutes: z.number().int().min(1).max(1440).default(60),
});

export function deviceRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post(
    "/api/v1/admin/pairing-codes",
    deps.access.allow(["operator", "manager"], { store: "in-handler" }),
    async (c) => {
      const body = parseMessage(
        pairingCodeRequestSchema,
        await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
      );
      checkStore(principalOf(c), body.storeId);
      const code = await createPairingCode(deps.db, body.storeId, body.ttlMinutes, deps.now());
      deps.logger.info(
        { storeId: code.storeId, expiresAtMs: code.expiresAtMs },
        "pairing code created",
      );
      return c.json(code, 201);
    },
  );

  app.post("/api/v1/devices/pair", deps.access.allow(["anyone"]), async (c) => {
    const body = parseMessage(pairRequestSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    const paired = await pairDevice(deps.pool, body, deps.now());
    c.set("deviceId", paired.deviceId);
    deps.logger.info({ deviceId: paired.deviceId, storeId: paired.store.id }, "device paired");
    return c.json(paired, 201);
  });

  return app;
}
