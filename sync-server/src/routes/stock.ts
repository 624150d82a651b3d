/**
 * Ingredient stock: a device of the store reads its figures (the counter
 * computes "can still make N" from them, also offline); a manager of the
 * store, or the operator, reads them, records deliveries, counts and waste,
 * and sets low-stock thresholds. Sales move the stock through the push and
 * the online accept, never through these endpoints.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";

import { principalOf } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { findStore } from "../stores/store-info.js";
import { recordStockEntry, setThreshold, stockFigures } from "../stock/stock-entries.js";
import type { RouteDeps } from "./route-deps.js";

/** Quantities are in the ingredient's unit (g, ml, piece); 1,000,000 is a tonne of cheese. */
const MAX_STOCK_QUANTITY = 1_000_000;
const ingredientId = z
  .string()
  .trim()
  .min(1)
  .max(48)
  .regex(/^[a-z0-9_-]+$/i, "must be an ingredient id");
const quantity = z.number().int("must be a whole number").max(MAX_STOCK_QUANTITY);

const entrySchema = (kind: "delivery" | "count" | "waste") =>
  z.object({
    reference: z.uuid({ message: "must be a UUID (it makes a retried entry count once)" }),
    items: z
      .array(
        z.object({
          ingredientId,
          quantity: kind === "count" ? quantity.min(0) : quantity.min(1),
        }),
      )
      .min(1)
      .max(200),
    note: z.string().trim().max(255).optional(),
  });
const thresholdSchema = z.object({
  lowThreshold: quantity.min(0).nullable(),
});
const STORE_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function stockRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const device = deps.access.allow(["device"]);
  const managersOfTheStore = deps.access.allow(["operator", "manager"], {
    store: (c) => c.req.param("storeId"),
  });

  app.get("/api/v1/devices/me/stock", device, async (c) => {
    const { storeId } = c.get("device")!;
    const asOfMs = deps.now();
    return c.json({ storeId, asOfMs, stock: await stockFigures(deps.pool, storeId) });
  });

  app.get("/api/v1/admin/stores/:storeId/stock", managersOfTheStore, async (c) => {
    const storeId = await knownStore(deps, c);
    return c.json({ storeId, stock: await stockFigures(deps.pool, storeId) });
  });

  for (const [path, kind] of [
    ["deliveries", "delivery"],
    ["counts", "count"],
    ["waste", "waste"],
  ] as const) {
    app.post(`/api/v1/admin/stores/:storeId/stock/${path}`, managersOfTheStore, async (c) => {
      const storeId = await knownStore(deps, c);
      const body = parseMessage(entrySchema(kind), await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
      const stock = await recordStockEntry(
        deps.pool,
        storeId,
        { kind, ...body },
        staffIdOf(c),
        new Date(deps.now()),
      );
      deps.logger.info({ storeId, kind, items: body.items.length }, "stock entry recorded");
      return c.json({ storeId, stock }, 201);
    });
  }

  app.put(
    "/api/v1/admin/stores/:storeId/stock/:ingredientId/threshold",
    managersOfTheStore,
    async (c) => {
      const storeId = await knownStore(deps, c);
      const { id } = parseMessage(z.object({ id: ingredientId }), {
        id: c.req.param("ingredientId"),
      });
      const body = parseMessage(thresholdSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
      const stock = await setThreshold(
        deps.pool,
        storeId,
        id,
        body.lowThreshold,
        new Date(deps.now()),
      );
      return c.json({ storeId, stock });
    },
  );

  return app;
}

async function knownStore(deps: RouteDeps, c: Context<AppEnv>): Promise<string> {
  const storeId = c.req.param("storeId") ?? "";
  if (!STORE_ID.test(storeId) || !(await findStore(deps.db, storeId))) {
    throw new HttpError(
      404,
      "not_found",
      `Store ${JSON.stringify(storeId.slice(0, 32))} does not exist: see GET /api/v1/stores.`,
    );
  }
  return storeId;
}

function staffIdOf(c: Context<AppEnv>): string | null {
  const principal = principalOf(c);
  return principal.kind === "staff" ? principal.id : null;
}
