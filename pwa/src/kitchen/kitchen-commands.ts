/**
 * The kitchen's one command: move a line of an order to its next (or
 * previous) preparation step. Written like the counter's commands: the
 * local order and its outbox entry in one Dexie transaction, so a kitchen
 * tab beside the counter works without the internet, and another tab on
 * the same tablet sees the change at once (liveQuery).
 */
import {
  checkLineMove,
  orderStatusFromLines,
  type LinePrepStatus,
  type OrderStatus,
} from "@ocpizza/schema";

import { CommandError } from "../db/command-error.js";
import { readMeta, type CounterDb } from "../db/database.js";
import { loadOrder, writeTables } from "../db/order-commands.js";
import { appendMutation } from "../db/outbox.js";
import { madeBy } from "../db/staff-stamp.js";
import type { LocalOrder } from "../db/types.js";

export function lineStatusOf(order: LocalOrder, lineId: string): LinePrepStatus {
  return order.preparation?.[lineId] ?? "waiting";
}

export async function moveLine(
  db: CounterDb,
  orderId: string,
  lineId: string,
  to: LinePrepStatus,
  nowMs: number = Date.now(),
): Promise<LocalOrder> {
  return db.transaction("rw", writeTables(db), async () => {
    const order = await loadOrder(db, orderId);
    if (!order.lines.some((line) => line.id === lineId)) {
      throw new CommandError("order_not_found", `line ${lineId} is not in order ${orderId}`);
    }
    const from = lineStatusOf(order, lineId);
    const check = checkLineMove(order.status, from, to);
    if (!check.ok) throw new CommandError(check.code, check.message);

    await appendMutation(
      db,
      {
        kind: "order.line_status",
        atMs: nowMs,
        ...madeBy(await readMeta(db)),
        orderId,
        lineId,
        status: to,
      },
      orderId,
    );
    const preparation = { ...order.preparation, [lineId]: to };
    const status: OrderStatus = orderStatusFromLines(
      order.status,
      order.lines.map((line) => preparation[line.id] ?? "waiting"),
    );
    const updated: LocalOrder = {
      ...order,
      preparation,
      status,
      updatedAtMs: nowMs,
      syncState: "pending",
      rejection: null,
    };
    await db.orders.put(updated);
    return updated;
  });
}

/** Orders the kitchen works on, the one promised first at the top. */
export function kitchenQueue(orders: readonly LocalOrder[]): LocalOrder[] {
  return orders
    .filter((order) => order.status === "accepted" || order.status === "preparing")
    .filter((order) => order.lines.length > 0)
    .sort((a, b) => promisedAt(a) - promisedAt(b) || a.createdAtMs - b.createdAtMs);
}

/** When the order is due: the online promise, or when the counter took it. */
export function promisedAt(order: LocalOrder): number {
  return order.promisedAtMs ?? order.createdAtMs;
}
