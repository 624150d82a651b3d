/**
 * What a customer does after ordering, with the link's token: change the
 * items, time or contact, or cancel, while the order is received or accepted.
 * Once the kitchen has started (preparing and beyond), a clear 409. Each
 * change bumps the store's version so the counters pull it at once.
 */
import { and, eq } from "drizzle-orm";

import {
  businessDay,
  isChangeable,
  type OnlineOrderChange,
  type OnlineOrderView,
  type OrderStatus,
  type onlineOrderChangeSchema,
} from "@ocpizza/schema";
import { onlineOrders, orderLines, orders, orderVat } from "@ocpizza/schema/db";
import type { z } from "zod";

import { inTransaction } from "../db/transaction.js";
import type { Database } from "../db/connection.js";
import { HttpError } from "../http/errors.js";
import { soldOutSizes } from "../stock/menu-stock.js";
import { findStoreDetails } from "../stores/store-settings-db.js";
import { checkAttended, leadMinutes } from "./create-order.js";
import { changeAcceptedOrderStock, returnCancelledOrderStock } from "../stock/order-stock.js";
import { bumpStoreVersion, lockStore, readOnlineOrder, takenPizzas } from "./online-order-db.js";
import type { OnlineContext } from "./online-context.js";
import { checkMinimum, checkTotal, chooseQuarter, quarterWindow } from "./order-checks.js";
import { counterNote, storedLines } from "./order-lines.js";
import { priceItems } from "./price-items.js";

type ChangeParsed = z.output<typeof onlineOrderChangeSchema>;
export type { OnlineOrderChange };

export async function cancelOnlineOrder(
  ctx: OnlineContext,
  orderId: string,
): Promise<OnlineOrderView> {
  const current = await readOnlineOrder(ctx.deps.db, orderId);
  if (!current) throw notFound(orderId);
  // The store row first, then the order, as a push locks them: no deadlock between the two.
  await inTransaction(ctx.deps.pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    const store = (await lockStore(db, current.storeId))!;
    const order = await lockOrder(db, orderId);
    // Cancelling twice is one cancellation.
    if (order.status === "cancelled") return;
    refuseUnlessChangeable(order.status);
    const version = await bumpStoreVersion(db, store);
    await db
      .update(orders)
      .set({
        status: "cancelled",
        statusReason: "cancelled by the customer",
        updatedAt: new Date(ctx.deps.now()),
        version,
      })
      .where(eq(orders.id, orderId));
    await returnCancelledOrderStock(db, store.id, orderId, new Date(ctx.deps.now()));
  });
  ctx.deps.logger.info({ orderId }, "online order cancelled by the customer");
  return (await readOnlineOrder(ctx.deps.db, orderId))!;
}

export async function changeOnlineOrder(
  ctx: OnlineContext,
  orderId: string,
  change: ChangeParsed,
): Promise<OnlineOrderView> {
  const { deps } = ctx;
  const nowMs = deps.now();
  const current = await readOnlineOrder(deps.db, orderId);
  if (!current) throw notFound(orderId);
  refuseUnlessChangeable(statusOf(current.status));
  const store = (await findStoreDetails(deps.db, current.storeId, nowMs))!;
  await checkAttended(ctx, store, nowMs);

  const delivery = current.fulfilment === "delivery";
  const serviceMode = delivery ? "delivery" : "takeaway";
  const menu = await deps.menu.current(deps.db);
  const items =
    change.items ??
    current.lines.map((l) => ({
      productId: l.productId,
      size: l.size,
      quantity: l.quantity,
      options: l.options.map(({ kind, ingredientId }) => ({ kind, ingredientId })),
    }));
  // Priced again on the order's own business day: the promotions it was placed under.
  const day = businessDay(Date.parse(current.createdAt), store.timeZone, store.closingMinutes);
  const priced = priceItems(menu, items, serviceMode, {
    storeId: store.id,
    soldOut: await soldOutSizes(deps.db, store.id, menu),
    businessDay: day,
  });
  if (delivery) checkMinimum(priced.itemsCents, store);
  const deliveryFeeCents = current.deliveryFeeCents;
  checkTotal(change.clientTotalCents, { itemsCents: priced.itemsCents, deliveryFeeCents });

  await inTransaction(deps.pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    const locked = (await lockStore(db, current.storeId))!;
    const order = await lockOrder(db, orderId);
    refuseUnlessChangeable(order.status);

    const when = change.when ?? (current.asap ? "asap" : { slot: current.promisedAt });
    const keepSlot = change.when === undefined && change.items === undefined;
    const slotMs = when === "asap" ? null : Date.parse(when.slot);
    const earliestMs = nowMs + leadMinutes(ctx, delivery) * 60_000;
    const [fromMs, toMs] = quarterWindow(slotMs, earliestMs);
    const quarter = keepSlot
      ? { startMs: Date.parse(current.promisedAt) }
      : chooseQuarter({
          asap: slotMs === null,
          slotMs,
          pizzas: priced.pizzaCount,
          earliestMs,
          openNow: store.openNow.open,
          capacity: locked.pizzasPerQuarter,
          taken: await takenPizzas(db, store.id, fromMs, toMs, orderId),
          hours: { weekly: store.openingHours, closedDays: store.closedDays },
          timeZone: store.timeZone,
        });

    const rows = storedLines(menu, priced.lines, serviceMode, deliveryFeeCents, {
      orderId,
      storeId: store.id,
      businessDay: day,
    });
    const version = await bumpStoreVersion(db, locked);
    await db.delete(orderLines).where(eq(orderLines.orderId, orderId));
    await db.delete(orderVat).where(eq(orderVat.orderId, orderId));
    await db.insert(orderLines).values(rows.lineRows);
    await db.insert(orderVat).values(rows.vatRows);
    const customer = change.customer ?? {};
    await db
      .update(orders)
      .set({
        totalCents: rows.totalCents,
        itemCount: rows.itemCount,
        lineCount: rows.lineCount,
        menuVersion: menu.version,
        ...(customer.name !== undefined && { customerName: customer.name }),
        ...(customer.phone !== undefined && { customerPhone: customer.phone }),
        ...(delivery &&
          change.deliveryNotes !== undefined && {
            deliveryNotes: change.deliveryNotes || null,
          }),
        note: counterNote(delivery, when === "asap", quarter.startMs, store.timeZone),
        updatedAt: new Date(nowMs),
        version,
      })
      .where(eq(orders.id, orderId));
    // An accepted order already took its ingredients: it now takes what its new lines take.
    if (order.status === "accepted") {
      await changeAcceptedOrderStock(db, store.id, orderId, version, new Date(nowMs));
    }
    await db
      .update(onlineOrders)
      .set({
        asap: when === "asap",
        promisedAt: new Date(quarter.startMs),
        slotStart: new Date(quarter.startMs),
        pizzaCount: priced.pizzaCount,
        ...(customer.email !== undefined && { email: customer.email }),
        ...(customer.language !== undefined && { language: customer.language }),
      })
      .where(eq(onlineOrders.orderId, orderId));
  });
  deps.logger.info({ orderId, lines: priced.lines.length }, "online order changed by the customer");
  return (await readOnlineOrder(deps.db, orderId))!;
}

async function lockOrder(db: Database, orderId: string) {
  const [order] = await db
    .select({ status: orders.status, storeId: orders.storeId })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.channel, "online")))
    .for("update");
  if (!order) throw notFound(orderId);
  return { status: order.status as OrderStatus, storeId: order.storeId };
}

function refuseUnlessChangeable(status: OrderStatus): void {
  if (isChangeable(status)) return;
  const why =
    status === "refused" || status === "cancelled"
      ? `it is ${status}`
      : "its preparation has started";
  throw new HttpError(
    409,
    "order_not_changeable",
    `This order can no longer be changed or cancelled: ${why}. Call the store if needed.`,
    { status },
  );
}

/** The customer status back to the order state machine's, for the checks above. */
function statusOf(status: OnlineOrderView["status"]): OrderStatus {
  if (status === "received") return "pending";
  if (status === "delivered" || status === "picked_up") return "completed";
  return status;
}

export function notFound(orderId: string): HttpError {
  return new HttpError(404, "not_found", `No online order ${orderId.slice(0, 36)} with this link.`);
}
