/**
 * POST /api/v1/online-orders, the work behind it: a retried submission (same
 * idempotency key, same body) gets the first answer again, another body under
 * that key is a conflict; then the store must be attended, the items are
 * priced from the current menu, the delivery checked against the store's
 * zone and minimum, the client's total compared, and a quarter hour with room
 * chosen, all before one transaction writes the order and bumps the store's
 * version, which the counters' event stream and pull pick up.
 */
import { createHash } from "node:crypto";

import {
  businessDay,
  newId,
  type OnlineOrderCreated,
  type OnlineOrderParsed,
  type StoreDetails,
} from "@ocpizza/schema";
import { onlineOrders, orderLines, orders, orderVat } from "@ocpizza/schema/db";

import { sendLater } from "../accounts/mailer.js";
import { inTransaction } from "../db/transaction.js";
import { HttpError } from "../http/errors.js";
import { soldOutSizes } from "../stock/menu-stock.js";
import { findStoreDetails } from "../stores/store-settings-db.js";
import { confirmationMail } from "./confirmation-mail.js";
import {
  bumpStoreVersion,
  counterSeenSince,
  findByIdempotencyKey,
  lockStore,
  nextOnlineCallNumber,
  readOnlineOrder,
  takenPizzas,
} from "./online-order-db.js";
import type { OnlineContext } from "./online-context.js";
import {
  checkDeliveryZone,
  checkMinimum,
  checkTotal,
  chooseQuarter,
  quarterWindow,
} from "./order-checks.js";
import { counterNote, storedLines } from "./order-lines.js";
import { orderToken } from "./order-token.js";
import { priceItems } from "./price-items.js";

export interface CreateAnswer {
  status: 200 | 201;
  body: OnlineOrderCreated;
}

export async function createOnlineOrder(
  ctx: OnlineContext,
  request: OnlineOrderParsed,
  customerId: string | null,
): Promise<CreateAnswer> {
  const { deps } = ctx;
  const requestHash = hashRequest(request);
  const earlier = await findByIdempotencyKey(deps.db, request.idempotencyKey);
  if (earlier) return answerAgain(ctx, earlier, requestHash);

  if (request.paymentMethod === "card_online" && !ctx.cardOnline.available) {
    throw cardOnlineUnavailable(ctx.cardOnline.reason);
  }
  const nowMs = deps.now();
  const store = await findStoreDetails(deps.db, request.storeId, nowMs);
  if (!store) throw unknownStore(request.storeId);
  await checkAttended(ctx, store, nowMs);

  const delivery = request.fulfilment === "delivery";
  const serviceMode = delivery ? "delivery" : "takeaway";
  const menu = await deps.menu.current(deps.db);
  const day = businessDay(nowMs, store.timeZone, store.closingMinutes);
  const priced = priceItems(menu, request.items, serviceMode, {
    storeId: store.id,
    soldOut: await soldOutSizes(deps.db, store.id, menu),
    businessDay: day,
  });
  const deliveryFeeCents = delivery ? store.delivery.feeCents : 0;
  if (delivery) {
    checkMinimum(priced.itemsCents, store);
    await checkDeliveryZone(ctx.chooser(), store, request.delivery!.address);
  }
  checkTotal(request.clientTotalCents, { itemsCents: priced.itemsCents, deliveryFeeCents });

  const orderId = newId();
  const written = await inTransaction(
    deps.pool,
    { isolation: "READ COMMITTED", retryOn: ["deadlock", "duplicate_key"] },
    async ({ db }) => {
      const locked = await lockStore(db, store.id);
      if (!locked) throw unknownStore(store.id);
      // A concurrent twin waited on the store lock: it finds the first order now.
      const twin = await findByIdempotencyKey(db, request.idempotencyKey);
      if (twin) return { twin };

      const earliestMs = nowMs + leadMinutes(ctx, delivery) * 60_000;
      const slotMs = request.when === "asap" ? null : Date.parse(request.when.slot);
      const [fromMs, toMs] = quarterWindow(slotMs, earliestMs);
      const quarter = chooseQuarter({
        asap: slotMs === null,
        slotMs,
        pizzas: priced.pizzaCount,
        earliestMs,
        openNow: store.openNow.open,
        capacity: locked.pizzasPerQuarter,
        taken: await takenPizzas(db, store.id, fromMs, toMs),
        hours: { weekly: store.openingHours, closedDays: store.closedDays },
        timeZone: store.timeZone,
      });

      const placement = { orderId, storeId: store.id, businessDay: day };
      const rows = storedLines(menu, priced.lines, serviceMode, deliveryFeeCents, placement);
      const version = await bumpStoreVersion(db, locked);
      const now = new Date(nowMs);
      await db.insert(orders).values({
        id: orderId,
        storeId: store.id,
        deviceId: null,
        channel: "online",
        serviceMode,
        status: "pending",
        statusReason: null,
        businessDay: day,
        createdAt: now,
        updatedAt: now,
        callNumber: await nextOnlineCallNumber(db, store.id, day),
        menuVersion: menu.version,
        totalCents: rows.totalCents,
        itemCount: rows.itemCount,
        lineCount: rows.lineCount,
        customerId,
        customerName: request.customer.name,
        customerPhone: request.customer.phone,
        deliveryAddress: delivery ? request.delivery!.address : null,
        deliveryNotes: delivery ? request.delivery!.notes || null : null,
        note: counterNote(delivery, request.when === "asap", quarter.startMs, store.timeZone),
        version,
      });
      await db.insert(orderLines).values(rows.lineRows);
      await db.insert(orderVat).values(rows.vatRows);
      await db.insert(onlineOrders).values({
        orderId,
        storeId: store.id,
        idempotencyKey: request.idempotencyKey,
        requestHash,
        email: request.customer.email,
        language: request.customer.language,
        asap: request.when === "asap",
        promisedAt: new Date(quarter.startMs),
        slotStart: new Date(quarter.startMs),
        pizzaCount: priced.pizzaCount,
        deliveryFeeCents,
        paymentMethod: request.paymentMethod,
        createdAt: now,
      });
      return { twin: null };
    },
  );
  if (written.twin) return answerAgain(ctx, written.twin, requestHash);

  const body = await created(ctx, orderId);
  sendLater(
    ctx.mailer,
    confirmationMail(body.order, body.orderUrl, store.timeZone),
    deps.logger,
    "order confirmation",
  );
  deps.logger.info(
    { orderId, storeId: store.id, lines: priced.lines.length, totalCents: body.order.totalCents },
    "online order received",
  );
  return { status: 201, body };
}

/** The answer the first submission got, or 409 when this body is not that one. */
async function answerAgain(
  ctx: OnlineContext,
  earlier: { orderId: string; requestHash: string },
  requestHash: string,
): Promise<CreateAnswer> {
  if (earlier.requestHash !== requestHash) {
    throw new HttpError(
      409,
      "idempotency_conflict",
      "This idempotency key was used for another order: make a new key for a new order.",
      { orderId: earlier.orderId },
    );
  }
  return { status: 201, body: await created(ctx, earlier.orderId) };
}

async function created(ctx: OnlineContext, orderId: string): Promise<OnlineOrderCreated> {
  const order = await readOnlineOrder(ctx.deps.db, orderId);
  if (!order) throw new Error(`online order ${orderId} vanished after its commit`);
  const token = orderToken(ctx.secret, orderId);
  return { order, token, orderUrl: orderPageUrl(ctx, orderId, token) };
}

export function orderPageUrl(ctx: OnlineContext, orderId: string, token: string): string {
  return new URL(`/order/${orderId}?token=${token}`, ctx.publicUrl).toString();
}

/** The normalised request, hashed: the parsed body, so spacing and key order do not count. */
function hashRequest(request: OnlineOrderParsed): string {
  return createHash("sha256").update(stableJson(request)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export async function checkAttended(
  ctx: OnlineContext,
  store: Pick<StoreDetails, "id" | "name">,
  nowMs: number,
): Promise<void> {
  const silenceMs = ctx.settings.counterSilenceMinutes * 60_000;
  if (await counterSeenSince(ctx.deps.db, store.id, nowMs - silenceMs)) return;
  throw new HttpError(
    503,
    "store_unattended",
    `${store.name} is not taking online orders right now: no counter has been online for ` +
      `${ctx.settings.counterSilenceMinutes} minutes. Call the store, or try again later.`,
  );
}

export function leadMinutes(ctx: OnlineContext, delivery: boolean): number {
  return delivery ? ctx.settings.deliveryLeadMinutes : ctx.settings.pickupLeadMinutes;
}

function cardOnlineUnavailable(reason: string | null): HttpError {
  return new HttpError(
    422,
    "payment_unavailable",
    `Card payment online is off (${reason ?? "unavailable"}): choose payment on handover ` +
      "(cash or card).",
  );
}

export function unknownStore(storeId: string): HttpError {
  return new HttpError(
    404,
    "not_found",
    `Store ${JSON.stringify(storeId.slice(0, 32))} does not exist: see GET /api/v1/stores.`,
  );
}
