/**
 * Online ordering over HTTP: customers create an order (guest or signed in),
 * read, change or cancel it with the token of its link, list their own when
 * signed in, and read a store's free slots; counters accept or refuse an
 * order of their store. The work is in src/online; docs/online-ordering.md
 * describes the flow, openapi.json the shapes.
 */
import { Hono, type Context } from "hono";

import {
  onlineAcceptSchema,
  onlineOrderChangeSchema,
  onlineOrderRequestSchema,
  onlineRefusalSchema,
} from "@ocpizza/schema";

import type { AppEnv } from "../http/auth.js";
import { HttpError } from "../http/errors.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { decideOnlineOrder } from "../online/counter-decision.js";
import { createOnlineOrder, unknownStore } from "../online/create-order.js";
import { cancelOnlineOrder, changeOnlineOrder, notFound } from "../online/follow-up.js";
import { customerOrderIds, readOnlineOrder, readOnlineOrders } from "../online/online-order-db.js";
import type { OnlineContext } from "../online/online-context.js";
import { tokenMatches } from "../online/order-token.js";
import { listSlots } from "../online/store-ordering.js";
import { findStoreDetails } from "../stores/store-settings-db.js";

const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STORE_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An order of 30 lines with options stays far below this. */
const ORDER_BODY_BYTES = 32 * 1024;

export function onlineOrderRoutes(ctx: OnlineContext): Hono<AppEnv> {
  const { deps } = ctx;
  const app = new Hono<AppEnv>();
  const anyone = deps.access.allow(["anyone"]);
  const customer = deps.access.allow(["customer"]);
  const device = deps.access.allow(["device"]);

  /** The signed-in customer's id, or null for a guest (or anyone else): never a refusal. */
  async function signedInCustomer(c: Context<AppEnv>): Promise<string | null> {
    try {
      await customer(c, async () => undefined);
    } catch (error) {
      if (error instanceof HttpError && (error.status === 401 || error.status === 403)) return null;
      throw error;
    }
    const principal = c.get("principal");
    return principal?.kind === "customer" ? principal.id : null;
  }

  app.post("/api/v1/online-orders", anyone, async (c) => {
    const request = parseMessage(
      onlineOrderRequestSchema,
      await readJsonBody(c.req.raw, ORDER_BODY_BYTES),
    );
    const answer = await createOnlineOrder(ctx, request, await signedInCustomer(c));
    c.header("cache-control", "no-store");
    return c.json(answer.body, answer.status);
  });

  app.get("/api/v1/online-orders/:id", anyone, async (c) => {
    const orderId = await authorizedOrder(ctx, c, await signedInCustomer(c));
    const order = await readOnlineOrder(deps.db, orderId);
    if (!order) throw notFound(orderId);
    c.header("cache-control", "no-store");
    return c.json({ order });
  });

  app.put("/api/v1/online-orders/:id", anyone, async (c) => {
    const orderId = await authorizedOrder(ctx, c, await signedInCustomer(c));
    const change = parseMessage(
      onlineOrderChangeSchema,
      await readJsonBody(c.req.raw, ORDER_BODY_BYTES),
    );
    return c.json({ order: await changeOnlineOrder(ctx, orderId, change) });
  });

  app.post("/api/v1/online-orders/:id/cancel", anyone, async (c) => {
    const orderId = await authorizedOrder(ctx, c, await signedInCustomer(c));
    return c.json({ order: await cancelOnlineOrder(ctx, orderId) });
  });

  app.get("/api/v1/account/orders", customer, async (c) => {
    const principal = c.get("principal");
    if (principal?.kind !== "customer") throw new Error("customer route without a customer");
    const ids = await customerOrderIds(deps.db, principal.id);
    c.header("cache-control", "no-store");
    return c.json({ orders: await readOnlineOrders(deps.db, ids) });
  });

  app.get("/api/v1/stores/:storeId/slots", anyone, async (c) => {
    const storeId = c.req.param("storeId");
    const store = STORE_ID.test(storeId)
      ? await findStoreDetails(deps.db, storeId, deps.now())
      : null;
    if (!store) throw unknownStore(storeId);
    const date = c.req.query("date");
    if (date !== undefined && !DATE.test(date)) {
      throw new HttpError(400, "invalid_message", "Invalid message: date: must be YYYY-MM-DD.", {
        field: "date",
      });
    }
    const fulfilment = c.req.query("fulfilment") === "delivery" ? "delivery" : "pickup";
    return c.json(await listSlots(ctx, store, date, fulfilment));
  });

  for (const kind of ["accept", "refuse"] as const) {
    app.post(`/api/v1/devices/me/online-orders/:id/${kind}`, device, async (c) => {
      const orderId = c.req.param("id") ?? "";
      if (!ORDER_ID.test(orderId)) throw notFound(orderId);
      const body = await readJsonBody(c.req.raw, SMALL_BODY_BYTES);
      const decision =
        kind === "accept"
          ? { ...parseMessage(onlineAcceptSchema, body), kind }
          : { ...parseMessage(onlineRefusalSchema, body), kind };
      const order = await decideOnlineOrder(
        ctx,
        c.get("device")!,
        orderId,
        decision,
        decision.staffId ?? null,
      );
      return c.json({ order });
    });
  }

  return app;
}

/** The order of the path, when the query's token is its link's or it is the customer's own. */
async function authorizedOrder(
  ctx: OnlineContext,
  c: Context<AppEnv>,
  customerId: string | null,
): Promise<string> {
  const orderId = (c.req.param("id") ?? "").toLowerCase();
  if (!ORDER_ID.test(orderId)) throw notFound(orderId);
  if (tokenMatches(ctx.secret, orderId, c.req.query("token"))) return orderId;

  if (customerId !== null) {
    const own = await customerOrderIds(ctx.deps.db, customerId);
    if (own.includes(orderId)) return orderId;
  }
  // A wrong token and a missing order answer alike: ids cannot be probed.
  throw notFound(orderId);
}
