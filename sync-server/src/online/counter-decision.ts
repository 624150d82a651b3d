/**
 * The counter's answer to an online order: accept it, or refuse it with a
 * reason the customer reads. Only a device of the order's store may answer;
 * the same answer twice is one answer (a retried tap), the other answer after
 * the first is a 409. Who answered is kept when the counter sends a staff id.
 */
import { and, eq } from "drizzle-orm";

import type { OnlineOrderView, OrderStatus } from "@ocpizza/schema";
import { devices, orders } from "@ocpizza/schema/db";

import { inTransaction } from "../db/transaction.js";
import type { AuthenticatedDevice } from "../http/auth.js";
import { HttpError } from "../http/errors.js";
import { takeAcceptedOrderStock } from "../stock/order-stock.js";
import { bumpStoreVersion, lockStore, readOnlineOrder } from "./online-order-db.js";
import type { OnlineContext } from "./online-context.js";

export type Decision = { kind: "accept" } | { kind: "refuse"; reason: string };

export async function decideOnlineOrder(
  ctx: OnlineContext,
  device: AuthenticatedDevice,
  orderId: string,
  decision: Decision,
  staffId: string | null,
): Promise<OnlineOrderView> {
  const nowMs = ctx.deps.now();
  await inTransaction(ctx.deps.pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    const store = (await lockStore(db, device.storeId))!;
    const [order] = await db
      .select({ status: orders.status })
      .from(orders)
      .where(
        and(
          eq(orders.id, orderId),
          eq(orders.storeId, device.storeId),
          eq(orders.channel, "online"),
        ),
      )
      .for("update");
    // Another store's order is as unknown as a missing one: nothing about it leaks.
    if (!order) throw notOfThisStore(orderId);

    const status = order.status as OrderStatus;
    const wanted: OrderStatus = decision.kind === "accept" ? "accepted" : "refused";
    if (status === wanted || (wanted === "accepted" && isPastAcceptance(status))) return;
    if (status !== "pending") {
      throw new HttpError(
        409,
        "order_not_changeable",
        `Order ${orderId} is already ${status}: it cannot be ${wanted} now.`,
        { status },
      );
    }

    const version = await bumpStoreVersion(db, store);
    await db
      .update(orders)
      .set({
        status: wanted,
        statusReason: decision.kind === "refuse" ? decision.reason : null,
        statusByStaffId: staffId,
        updatedAt: new Date(nowMs),
        version,
      })
      .where(eq(orders.id, orderId));
    // A sale takes its ingredients when accepted (stock/order-stock.ts).
    if (wanted === "accepted") {
      await takeAcceptedOrderStock(db, store.id, orderId, new Date(nowMs), staffId);
    }
    await db
      .update(devices)
      .set({ lastSeenAt: new Date(nowMs) })
      .where(eq(devices.id, device.id));
  });
  ctx.deps.logger.info(
    { orderId, deviceId: device.id, decision: decision.kind },
    "online order answered",
  );
  return (await readOnlineOrder(ctx.deps.db, orderId))!;
}

/** Accepted then moved on by the counter: accepting again changes nothing. */
function isPastAcceptance(status: OrderStatus): boolean {
  return ["preparing", "ready", "out_for_delivery", "completed"].includes(status);
}

function notOfThisStore(orderId: string): HttpError {
  return new HttpError(
    404,
    "not_found",
    `No online order ${orderId.slice(0, 36)} in this device's store: pull again.`,
  );
}
