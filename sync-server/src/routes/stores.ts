/**
 * One store's public details (address, opening hours, open now, delivery
 * zone and fee, legal identity) and the settings a manager of that store or
 * the operator changes. The store list stays in public.ts. A settings update
 * is checked whole before anything is written, then written in one transaction.
 */
import { Hono, type Context } from "hono";

import { storeSettingsSchema, type OnlineOrderingState } from "@ocpizza/schema";

import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { findStore } from "../stores/store-info.js";
import { findStoreDetails, writeStoreSettings } from "../stores/store-settings-db.js";
import type { RouteDeps } from "./route-deps.js";

/** Store ids are short slugs ("bastille"); anything else cannot name a store. */
const STORE_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function storeRoutes(
  deps: RouteDeps,
  /** Whether the store takes online orders now (src/online); left out, the answer omits it. */
  onlineOrdering?: (storeId: string) => Promise<OnlineOrderingState>,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const anyone = deps.access.allow(["anyone"]);
  const managersOfTheStore = deps.access.allow(["operator", "manager"], {
    store: (c) => c.req.param("storeId"),
  });

  app.get("/api/v1/stores/:storeId", anyone, async (c) => {
    const storeId = knownShape(c);
    const store = await findStoreDetails(deps.db, storeId, deps.now());
    if (!store) throw unknownStore(storeId);
    if (!onlineOrdering) return c.json({ store });
    return c.json({ store, onlineOrdering: await onlineOrdering(storeId) });
  });

  app.put("/api/v1/admin/stores/:storeId/settings", managersOfTheStore, async (c) => {
    const storeId = knownShape(c);
    if (!(await findStore(deps.db, storeId))) throw unknownStore(storeId);
    const settings = parseMessage(
      storeSettingsSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );

    await inTransaction(deps.pool, { isolation: "READ COMMITTED" }, ({ db }) =>
      writeStoreSettings(db, storeId, settings),
    );
    deps.logger.info({ storeId }, "store settings changed");
    return c.json({ store: await findStoreDetails(deps.db, storeId, deps.now()) });
  });

  return app;
}

function knownShape(c: Context<AppEnv>): string {
  const storeId = c.req.param("storeId") ?? "";
  if (!STORE_ID.test(storeId)) throw unknownStore(storeId);
  return storeId;
}

function unknownStore(storeId: string): HttpError {
  return new HttpError(
    404,
    "not_found",
    `Store ${JSON.stringify(storeId.slice(0, 32))} does not exist: see GET /api/v1/stores.`,
  );
}
