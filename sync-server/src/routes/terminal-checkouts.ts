/**
 * Card at the counter through its Square Terminal. A paired counter starts a
 * checkout for an order of its store, follows it (PENDING, IN_PROGRESS, then
 * COMPLETED or CANCELED with a reason: buyer, staff or timed out) and may
 * cancel it; a manager assigns each counter its Terminal. The counter names
 * each checkout with a key it keeps, so a retry reaches the same checkout.
 */
import { Hono, type Context } from "hono";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";

import { MAX_AMOUNT_CENTS } from "@ocpizza/schema";
import { devices, orders, squareTerminals, terminalCheckouts } from "@ocpizza/schema/db";

import { checkStore, fromQuery, principalOf } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { cardRefused, cardUnknown, squareOff } from "../payments/card-answers.js";
import type { SquareDeps } from "../payments/square-deps.js";
import type { SquareConfig } from "../payments/square/settings.js";
import {
  assignTerminal,
  cancelCheckout,
  checkoutState,
  refreshCheckout,
  startCheckout,
  type CheckoutResult,
} from "../payments/terminal.js";
import type { RouteDeps } from "./route-deps.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHECKOUT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const FINAL = new Set(["COMPLETED", "CANCELED"]);

const startSchema = z.object({
  orderId: z.uuid({ message: "must be the order's id (a UUID)" }),
  amountCents: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
  /** The counter's id for this request (a UUID it keeps): a retry sends it again. */
  idempotencyKey: z.uuid({ message: "must be a UUID the counter keeps for this checkout" }),
});

const assignSchema = z.object({
  /** Square's id of the Terminal (Square Dashboard, Devices). */
  squareDeviceId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, "must be a Square device id (letters, digits, : _ -)"),
});

export function terminalCheckoutRoutes(
  deps: RouteDeps,
  square: SquareConfig,
  squareDeps: SquareDeps | null,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const device = deps.access.allow(["device"]);
  const base = "/api/v1/devices/me/terminal-checkouts";

  app.post(base, device, async (c) => {
    const me = c.get("device")!;
    const body = parseMessage(startSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    await checkOrderStore(deps, body.orderId, me.storeId);
    if (!squareDeps) throw squareOff(square);

    const result = await startCheckout(squareDeps, {
      requestId: body.idempotencyKey,
      orderId: body.orderId,
      storeId: me.storeId,
      deviceId: me.id,
      amountCents: body.amountCents,
    });
    const checkout = answerOf(result);
    deps.logger.info(
      { deviceId: me.id, orderId: body.orderId, checkoutId: checkout.id, status: checkout.status },
      "terminal checkout started",
    );
    return c.json({ checkout }, 201);
  });

  app.get(`${base}/:id`, device, async (c) => {
    const checkoutId = await ownCheckout(deps, c);
    if (!squareDeps) throw squareOff(square);
    const stored = answerOf(await checkoutState(deps.db, checkoutId));
    if (FINAL.has(stored.status)) return c.json({ checkout: stored });
    // No webhook yet: ask Square; when Square cannot answer, our record stands.
    const fresh = await refreshCheckout(squareDeps, checkoutId);
    return c.json({ checkout: fresh.outcome === "checkout" ? fresh.checkout : stored });
  });

  app.post(`${base}/:id/cancel`, device, async (c) => {
    const checkoutId = await ownCheckout(deps, c);
    if (!squareDeps) throw squareOff(square);
    const result = await cancelCheckout(squareDeps, checkoutId);
    if (result.outcome === "refused") {
      // Too late (the customer has paid): say so with the checkout as it stands.
      const stored = await checkoutState(deps.db, checkoutId);
      const checkout = stored.outcome === "checkout" ? stored.checkout : null;
      throw cardRefused(result.key, { checkout });
    }
    const checkout = answerOf(result);
    deps.logger.info({ checkoutId, status: checkout.status }, "terminal checkout cancel asked");
    return c.json({ checkout });
  });

  const managers = deps.access.allow(["operator", "manager"], { store: fromQuery("storeId") });
  app.get("/api/v1/admin/terminals", managers, async (c) => {
    const storeId = c.req.query("storeId")?.trim();
    if (!storeId) {
      throw new HttpError(400, "invalid_message", "Invalid message: storeId: required.");
    }
    const rows = await deps.db
      .select({
        deviceId: devices.id,
        name: devices.name,
        registerCode: devices.registerCode,
        squareDeviceId: squareTerminals.squareDeviceId,
      })
      .from(devices)
      .leftJoin(squareTerminals, eq(squareTerminals.deviceId, devices.id))
      .where(and(eq(devices.storeId, storeId), isNull(devices.revokedAt)));
    return c.json({ storeId, cardEnabled: square.enabled, terminals: rows });
  });

  const manager = deps.access.allow(["operator", "manager"], { store: "in-handler" });
  app.put("/api/v1/admin/terminals/:deviceId", manager, async (c) => {
    const deviceId = c.req.param("deviceId");
    if (!UUID.test(deviceId)) {
      throw new HttpError(400, "invalid_message", "Invalid message: deviceId: must be a UUID.");
    }
    const body = parseMessage(assignSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    const [counter] = await deps.db
      .select({ storeId: devices.storeId })
      .from(devices)
      .where(eq(devices.id, deviceId));
    if (!counter) throw notFound(`No counter device ${deviceId}: see /manage/devices.`);
    checkStore(principalOf(c), counter.storeId);
    const input = { deviceId, storeId: counter.storeId, squareDeviceId: body.squareDeviceId };
    await assignTerminal(deps.db, input, new Date(deps.now()));
    deps.logger.info({ deviceId, storeId: counter.storeId }, "square terminal assigned");
    return c.json({ terminal: input });
  });

  return app;
}

/** 403 when the order belongs to another store; an order not synced yet is the counter's own. */
async function checkOrderStore(deps: RouteDeps, orderId: string, storeId: string) {
  const [order] = await deps.db
    .select({ storeId: orders.storeId })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (order && order.storeId !== storeId) {
    throw new HttpError(403, "forbidden", `Forbidden: order ${orderId} is not of your store.`);
  }
}

/** The checkout id of the path, when it is one of this counter's store (404 otherwise). */
async function ownCheckout(deps: RouteDeps, c: Context<AppEnv>): Promise<string> {
  const checkoutId = c.req.param("id") ?? "";
  if (!CHECKOUT_ID.test(checkoutId)) {
    throw new HttpError(400, "invalid_message", "Invalid message: id: not a checkout id.");
  }
  const [row] = await deps.db
    .select({ storeId: terminalCheckouts.storeId })
    .from(terminalCheckouts)
    .where(eq(terminalCheckouts.id, checkoutId));
  if (!row || row.storeId !== c.get("device")!.storeId) {
    throw notFound(`No checkout ${checkoutId} for this store.`);
  }
  return checkoutId;
}

function answerOf(result: CheckoutResult) {
  if (result.outcome === "checkout") return result.checkout;
  if (result.outcome === "unknown") throw cardUnknown(result.key);
  throw cardRefused(result.key, { squareCode: result.code });
}

function notFound(message: string): HttpError {
  return new HttpError(404, "not_found", message);
}
