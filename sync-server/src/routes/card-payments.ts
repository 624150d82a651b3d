/**
 * POST /api/v1/online-orders/:id/card-payment: the customer pays an online
 * order by card with the token Square's Web Payments SDK made in the browser.
 * The order's link token is the credential. The server charges what the
 * order still owes through chargeOrder (one idempotency key per attempt: a
 * lost answer is sent again and never charges twice), records the money in
 * the order's ledger, and answers a declined card in plain words (English
 * and French): the order stays, unpaid, and a retry is the next attempt.
 */
import { Hono } from "hono";
import { and, eq } from "drizzle-orm";
import { z } from "zod";

import { cardPayments, orders } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import type { OnlineContext } from "../online/online-context.js";
import { tokenMatches } from "../online/order-token.js";
import { cardRefused, cardUnknown, squareOff } from "../payments/card-answers.js";
import { chargeOrder } from "../payments/card-payments.js";
import { recordOnlineCharge } from "../payments/online-ledger.js";
import { orderMoney } from "../payments/order-money.js";
import type { SquareDeps } from "../payments/square-deps.js";
import type { SquareConfig } from "../payments/square/settings.js";
import { SIMULATED_SDK_PATH, simulatedSdkScript } from "../testing/fake-square/web-payments-sdk.js";

const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENDED = ["cancelled", "refused"];

export const cardPaymentRequestSchema = z.strictObject({
  /** The Web Payments SDK's card token (cnon:...). */
  sourceId: z
    .string()
    .min(1)
    .max(192)
    .regex(/^[A-Za-z0-9:_-]+$/, "must be the card token from Square's Web Payments SDK"),
  /** The buyer verification token (3-D Secure), when the SDK made one. */
  verificationToken: z.string().min(1).max(1024).optional(),
});

export const cardPaymentAnswerSchema = z.object({
  outcome: z.literal("paid"),
  orderId: z.string(),
  amountCents: z.number().int(),
  cardBrand: z.string().nullable(),
  cardLast4: z.string().nullable(),
});
export type CardPaymentAnswer = z.infer<typeof cardPaymentAnswerSchema>;

export function cardPaymentRoutes(
  ctx: OnlineContext,
  square: SquareConfig,
  squareDeps: SquareDeps | null,
): Hono<AppEnv> {
  const { deps } = ctx;
  const app = new Hono<AppEnv>();

  app.post("/api/v1/online-orders/:id/card-payment", deps.access.allow(["anyone"]), async (c) => {
    const orderId = (c.req.param("id") ?? "").toLowerCase();
    // A wrong token and a missing order answer alike: ids cannot be probed.
    if (!ORDER_ID.test(orderId) || !tokenMatches(ctx.secret, orderId, c.req.query("token"))) {
      throw new HttpError(404, "not_found", `No online order ${orderId.slice(0, 36)}.`);
    }
    const body = parseMessage(
      cardPaymentRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    const [order] = await deps.db
      .select({ storeId: orders.storeId, status: orders.status, channel: orders.channel })
      .from(orders)
      .where(eq(orders.id, orderId));
    if (!order || order.channel !== "online") {
      throw new HttpError(404, "not_found", `No online order ${orderId}.`);
    }
    if (ENDED.includes(order.status)) {
      throw new HttpError(409, "order_not_changeable", `Order ${orderId} is ${order.status}.`);
    }
    if (!squareDeps) throw squareOff(square);

    const money = (await orderMoney(deps.db, orderId))!;
    if (money.outstandingCents === 0) return c.json(await alreadyPaid(deps.db, orderId));
    const result = await chargeOrder(squareDeps, {
      orderId,
      storeId: order.storeId,
      amountCents: money.outstandingCents,
      sourceId: body.sourceId,
      verificationToken: body.verificationToken,
    });
    deps.logger.info({ orderId, outcome: result.outcome }, "online card payment");
    if (result.outcome === "unknown") throw cardUnknown(result.key);
    if (result.outcome === "declined") throw cardRefused(result.key, { attempt: result.attempt });
    if (result.outcome === "refused") throw cardRefused(result.key);

    await recordOnlineCharge(deps.pool, result.cardPaymentId, new Date(deps.now()));
    const answer: CardPaymentAnswer = {
      outcome: "paid",
      orderId,
      amountCents: result.amountCents,
      cardBrand: result.cardBrand,
      cardLast4: result.cardLast4,
    };
    return c.json(answer);
  });

  // The simulated Web Payments SDK, same-origin (the CSP allows 'self'), only with the fake Square.
  if (square.enabled && square.settings.simulated) {
    app.get(SIMULATED_SDK_PATH, deps.access.allow(["anyone"]), (c) => {
      c.header("content-type", "application/javascript; charset=utf-8");
      c.header("cache-control", "no-store");
      return c.body(simulatedSdkScript());
    });
  }

  return app;
}

/** Nothing left to pay: the earlier online card payment (a retry after a lost answer), or 409. */
async function alreadyPaid(db: Database, orderId: string): Promise<CardPaymentAnswer> {
  const [card] = await db
    .select()
    .from(cardPayments)
    .where(
      and(
        eq(cardPayments.orderId, orderId),
        eq(cardPayments.source, "online"),
        eq(cardPayments.status, "COMPLETED"),
      ),
    );
  if (!card) {
    throw new HttpError(409, "order_not_changeable", `Order ${orderId} has nothing left to pay.`);
  }
  return {
    outcome: "paid",
    orderId,
    amountCents: card.amountCents,
    cardBrand: card.cardBrand,
    cardLast4: card.cardLast4,
  };
}
