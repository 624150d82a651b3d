/**
 * The online order's rows in MySQL: the store row locked for a write (its
 * version is the counters' pull cursor), the pizzas already promised per
 * quarter hour, the insert of a new order with its lines, VAT and online
 * details, and the customer's view of an order read back.
 */
import { and, asc, eq, gte, isNull, lt, ne, notInArray, sql } from "drizzle-orm";

import {
  customerStatus,
  isChangeable,
  type OnlineOrderView,
  type OrderStatus,
} from "@ocpizza/schema";
import { devices, onlineOrders, orderLines, orders, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

/** The line that carries a delivery fee, so that the lines still add up to the total. */
export const DELIVERY_FEE_PRODUCT = "delivery_fee";

export type OrderRow = typeof orders.$inferInsert;
export type OnlineRow = typeof onlineOrders.$inferInsert;

export interface LockedStore {
  id: string;
  name: string;
  timeZone: string;
  closingMinutes: number;
  version: number;
  pizzasPerQuarter: number;
}

/** Locks the store row: every write of the store is serialised on it, and bumps its version. */
export async function lockStore(db: Database, storeId: string): Promise<LockedStore | null> {
  const [row] = await db
    .select({
      id: stores.id,
      name: stores.name,
      timeZone: stores.timeZone,
      closingMinutes: stores.closingMinutes,
      version: stores.version,
      pizzasPerQuarter: stores.pizzasPerQuarter,
    })
    .from(stores)
    .where(eq(stores.id, storeId))
    .for("update");
  return row ?? null;
}

export async function bumpStoreVersion(db: Database, store: LockedStore): Promise<number> {
  const version = store.version + 1;
  await db.update(stores).set({ version }).where(eq(stores.id, store.id));
  return version;
}

export async function findByIdempotencyKey(
  db: Database,
  key: string,
): Promise<{ orderId: string; requestHash: string } | null> {
  const [row] = await db
    .select({ orderId: onlineOrders.orderId, requestHash: onlineOrders.requestHash })
    .from(onlineOrders)
    .where(eq(onlineOrders.idempotencyKey, key));
  return row ?? null;
}

/** Pizzas promised per quarter hour start (epoch ms) between two instants, live orders only. */
export async function takenPizzas(
  db: Database,
  storeId: string,
  fromMs: number,
  toMs: number,
  exceptOrderId?: string,
): Promise<Map<number, number>> {
  const rows = await db
    .select({
      slotStart: onlineOrders.slotStart,
      pizzas: sql<string>`SUM(${onlineOrders.pizzaCount})`,
    })
    .from(onlineOrders)
    .innerJoin(orders, eq(orders.id, onlineOrders.orderId))
    .where(
      and(
        eq(onlineOrders.storeId, storeId),
        gte(onlineOrders.slotStart, new Date(fromMs)),
        lt(onlineOrders.slotStart, new Date(toMs)),
        notInArray(orders.status, ["cancelled", "refused"]),
        exceptOrderId ? ne(onlineOrders.orderId, exceptOrderId) : undefined,
      ),
    )
    .groupBy(onlineOrders.slotStart);
  return new Map(rows.map((row) => [row.slotStart.getTime(), Number(row.pizzas)]));
}

/** Has a counter of the store been seen since `sinceMs`? */
export async function counterSeenSince(
  db: Database,
  storeId: string,
  sinceMs: number,
): Promise<boolean> {
  const rows = await db
    .select({ id: devices.id })
    .from(devices)
    .where(
      and(
        eq(devices.storeId, storeId),
        isNull(devices.revokedAt),
        gte(devices.lastSeenAt, new Date(sinceMs)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The next call number of the store's online orders on a business day. */
export async function nextOnlineCallNumber(
  db: Database,
  storeId: string,
  businessDay: string,
): Promise<number> {
  const [row] = await db
    .select({ last: sql<number | null>`MAX(${orders.callNumber})` })
    .from(orders)
    .where(
      and(
        eq(orders.storeId, storeId),
        eq(orders.businessDay, businessDay),
        eq(orders.channel, "online"),
      ),
    );
  return (Number(row?.last ?? 0) % 9999) + 1;
}

/** The customer's view of an online order, or null when there is none with this id. */
export async function readOnlineOrder(
  db: Database,
  orderId: string,
): Promise<OnlineOrderView | null> {
  const [row] = await db
    .select({ order: orders, online: onlineOrders, storeName: stores.name })
    .from(orders)
    .innerJoin(onlineOrders, eq(onlineOrders.orderId, orders.id))
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const lineRows = await db
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.lineNo));
  return toView(row.order, row.online, row.storeName, lineRows);
}

/** A signed-in customer's online orders, newest first. */
export async function customerOrderIds(db: Database, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.channel, "online")))
    .orderBy(sql`${orders.createdAt} DESC`)
    .limit(50);
  return rows.map((row) => row.id);
}

export async function readOnlineOrders(
  db: Database,
  orderIds: readonly string[],
): Promise<OnlineOrderView[]> {
  if (orderIds.length === 0) return [];
  const views = await Promise.all(orderIds.map((id) => readOnlineOrder(db, id)));
  return views.filter((view) => view !== null);
}

function toView(
  order: typeof orders.$inferSelect,
  online: typeof onlineOrders.$inferSelect,
  storeName: string,
  lineRows: (typeof orderLines.$inferSelect)[],
): OnlineOrderView {
  const delivery = order.serviceMode === "delivery";
  const status = order.status as OrderStatus;
  const lines = lineRows
    .filter((line) => line.productId !== DELIVERY_FEE_PRODUCT)
    .map((line) => ({
      productId: line.productId,
      size: line.size,
      name: line.name,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      totalCents: line.totalCents,
      options: JSON.parse(line.options) as OnlineOrderView["lines"][number]["options"],
    }));
  return {
    id: order.id,
    storeId: order.storeId,
    storeName,
    status: customerStatus(status, delivery),
    statusReason: order.statusReason,
    fulfilment: delivery ? "delivery" : "pickup",
    asap: online.asap,
    promisedAt: online.promisedAt.toISOString(),
    callNumber: order.callNumber,
    lines,
    itemsCents: order.totalCents - online.deliveryFeeCents,
    deliveryFeeCents: online.deliveryFeeCents,
    totalCents: order.totalCents,
    paymentMethod: online.paymentMethod as OnlineOrderView["paymentMethod"],
    paidCents: order.paidCents,
    customer: {
      name: order.customerName ?? "",
      phone: order.customerPhone ?? "",
      email: online.email,
      language: online.language === "en" ? "en" : "fr",
    },
    delivery: delivery
      ? { address: order.deliveryAddress ?? "", notes: order.deliveryNotes ?? "" }
      : null,
    changeable: isChangeable(status),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
