/**
 * Refunds by a manager of the order's store: card money back through Square's
 * Refunds API, or cash counted out of the till. The manager's screen names
 * each refund with a key it keeps (a UUID): the same refund asked twice is
 * given once. Paid, refunded and outstanding stay consistent (orderMoney):
 * a refund beyond what the order may still give back is refused, naming it.
 * The counter's own credit notes (with a manager's PIN) are another path.
 */
import { Hono, type Context } from "hono";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";

import { MAX_AMOUNT_CENTS } from "@ocpizza/schema";
import { cardPayments, orders, paymentRefunds } from "@ocpizza/schema/db";

import { checkStore, principalOf } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { cardRefused, cardUnknown, squareOff } from "../payments/card-answers.js";
import { orderMoney, type OrderMoney } from "../payments/order-money.js";
import { recordCashRefund, refundCard, type RefundResult } from "../payments/refunds.js";
import type { SquareDeps } from "../payments/square-deps.js";
import type { SquareConfig } from "../payments/square/settings.js";
import type { RouteDeps } from "./route-deps.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refundSchema = z.object({
  amountCents: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
  reason: z.string().trim().min(1).max(192),
  /** The manager's screen's id for this refund (a UUID it keeps): a retry sends it again. */
  idempotencyKey: z.uuid({ message: "must be a UUID the screen keeps for this refund" }),
  method: z.enum(["card", "cash"]),
});
type RefundRequest = z.infer<typeof refundSchema>;

export function refundRoutes(deps: RouteDeps, square: SquareConfig, squareDeps: SquareDeps | null) {
  const app = new Hono<AppEnv>();
  const managers = deps.access.allow(["operator", "manager"], { store: "in-handler" });

  app.get("/api/v1/admin/orders/:orderId/money", managers, async (c) => {
    const order = await managedOrder(deps, c);
    return c.json(await moneyView(deps, order.id));
  });

  app.post("/api/v1/admin/orders/:orderId/refunds", managers, async (c) => {
    const order = await managedOrder(deps, c);
    const body = parseMessage(refundSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    const principal = principalOf(c);
    const byStaffId = principal.kind === "staff" ? principal.id : null;

    // The same key again: the refund already given, never a second one.
    const [earlier] = await deps.db
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.id, body.idempotencyKey));
    if (earlier && (earlier.orderId !== order.id || !sameRefund(earlier, body))) {
      throw new HttpError(
        409,
        "idempotency_conflict",
        "This idempotency key was used for another refund: make a new key for a new refund.",
      );
    }
    if (!earlier) await checkRefundable(deps, order.id, body.amountCents);

    const result =
      body.method === "cash"
        ? await recordCashRefund(
            deps.db,
            { ...common(body), orderId: order.id, storeId: order.storeId, byStaffId },
            new Date(deps.now()),
          )
        : await cardRefund(deps, square, squareDeps, order.id, body, byStaffId);
    const refund = answerOf(result);
    deps.logger.info(
      { orderId: order.id, refundId: refund.id, method: body.method, status: refund.status },
      "refund given",
    );
    return c.json({ refund, ...(await moneyView(deps, order.id)) }, earlier ? 200 : 201);
  });

  return app;
}

/** The order of the path, after checking the manager works for its store. */
async function managedOrder(deps: RouteDeps, c: Context<AppEnv>) {
  const orderId = c.req.param("orderId") ?? "";
  if (!UUID.test(orderId)) {
    throw new HttpError(400, "invalid_message", "Invalid message: orderId: must be a UUID.");
  }
  const [order] = await deps.db
    .select({ id: orders.id, storeId: orders.storeId })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) throw new HttpError(404, "not_found", `No order ${orderId}.`);
  checkStore(principalOf(c), order.storeId);
  return order;
}

/** 422 naming what is left when the refund is more than the order may still give back. */
async function checkRefundable(deps: RouteDeps, orderId: string, amountCents: number) {
  const money = (await orderMoney(deps.db, orderId))!;
  if (amountCents <= money.refundableCents) return;
  throw new HttpError(
    422,
    "invalid_message",
    `Invalid message: amountCents: ${amountCents} cents asked, only ${money.refundableCents} ` +
      `cents may still be refunded on order ${orderId}.`,
    { key: "card_refund_exceeds", refundableCents: money.refundableCents },
  );
}

/** Card money goes back on a payment of this order that can still take it. */
async function cardRefund(
  deps: RouteDeps,
  square: SquareConfig,
  squareDeps: SquareDeps | null,
  orderId: string,
  body: RefundRequest,
  byStaffId: string | null,
): Promise<RefundResult> {
  if (!squareDeps) throw squareOff(square);
  const [earlier] = await deps.db
    .select({ cardPaymentId: paymentRefunds.cardPaymentId })
    .from(paymentRefunds)
    .where(eq(paymentRefunds.id, body.idempotencyKey));
  const cardPaymentId =
    earlier?.cardPaymentId ?? (await refundablePayment(deps, orderId, body.amountCents));
  return refundCard(squareDeps, { ...common(body), cardPaymentId, byStaffId });
}

/** The completed Square payment of the order with room for this refund (422 when none has). */
async function refundablePayment(deps: RouteDeps, orderId: string, amountCents: number) {
  const cards = await deps.db
    .select({ id: cardPayments.id, amountCents: cardPayments.amountCents })
    .from(cardPayments)
    .where(and(eq(cardPayments.orderId, orderId), eq(cardPayments.status, "COMPLETED")));
  const given =
    cards.length === 0
      ? []
      : await deps.db
          .select({
            cardPaymentId: paymentRefunds.cardPaymentId,
            amountCents: paymentRefunds.amountCents,
          })
          .from(paymentRefunds)
          .where(
            and(
              inArray(
                paymentRefunds.cardPaymentId,
                cards.map((card) => card.id),
              ),
              inArray(paymentRefunds.status, ["PENDING", "COMPLETED", "UNKNOWN"]),
            ),
          );
  const room = (id: string, amount: number) =>
    amount - given.filter((g) => g.cardPaymentId === id).reduce((s, g) => s + g.amountCents, 0);
  const fitting = cards.find((card) => room(card.id, card.amountCents) >= amountCents);
  if (fitting) return fitting.id;
  const best = Math.max(0, ...cards.map((card) => room(card.id, card.amountCents)));
  throw cardRefused("card_refund_exceeds", {
    message: `No card payment of this order can take ${amountCents} cents back (at most ${best}).`,
    cardRefundableCents: best,
  });
}

function common(body: RefundRequest) {
  return { refundId: body.idempotencyKey, amountCents: body.amountCents, reason: body.reason };
}

function sameRefund(row: typeof paymentRefunds.$inferSelect, body: RefundRequest): boolean {
  return row.amountCents === body.amountCents && row.method === body.method;
}

function answerOf(result: RefundResult) {
  if (result.outcome === "refunded") {
    return { id: result.refundId, status: result.status, amountCents: result.amountCents };
  }
  if (result.outcome === "unknown") throw cardUnknown(result.key, { refundId: result.refundId });
  throw cardRefused(result.key, { detail: result.message });
}

export interface MoneyView {
  orderId: string;
  money: OrderMoney;
  refunds: { id: string; method: string; amountCents: number; status: string; reason: string }[];
  cardPayments: { id: string; source: string; status: string; amountCents: number }[];
}

async function moneyView(deps: RouteDeps, orderId: string): Promise<MoneyView> {
  const [money, refunds, cards] = await Promise.all([
    orderMoney(deps.db, orderId),
    deps.db
      .select({
        id: paymentRefunds.id,
        method: paymentRefunds.method,
        amountCents: paymentRefunds.amountCents,
        status: paymentRefunds.status,
        reason: paymentRefunds.reason,
      })
      .from(paymentRefunds)
      .where(eq(paymentRefunds.orderId, orderId)),
    deps.db
      .select({
        id: cardPayments.id,
        source: cardPayments.source,
        status: cardPayments.status,
        amountCents: cardPayments.amountCents,
      })
      .from(cardPayments)
      .where(eq(cardPayments.orderId, orderId)),
  ]);
  return { orderId, money: money!, refunds, cardPayments: cards };
}
