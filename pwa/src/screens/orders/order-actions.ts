/**
 * Which actions an order offers at the counter, from the state machine:
 * take payment while something is due, the status moves the counter makes
 * (ready, out for delivery, handed over), cancel unless it is a ticket.
 */
import { checkTransition, nextStatuses, type OrderStatus } from "@ocpizza/schema";

import type { LocalOrder } from "../../db/types.js";

export type CounterStatusMove = "ready" | "out_for_delivery" | "completed";

const COUNTER_MOVES: CounterStatusMove[] = ["ready", "out_for_delivery", "completed"];

export interface OrderActions {
  pay: boolean;
  moves: CounterStatusMove[];
  cancel: boolean;
}

export function orderActions(
  order: Pick<LocalOrder, "status" | "totalCents" | "paidCents" | "serviceMode">,
): OrderActions {
  const closed: OrderStatus[] = ["cancelled", "refused"];
  const allowed = nextStatuses(order.status);
  return {
    pay: !closed.includes(order.status) && order.paidCents < order.totalCents,
    moves: COUNTER_MOVES.filter(
      (move) =>
        allowed.includes(move) && (move !== "out_for_delivery" || order.serviceMode === "delivery"),
    ),
    cancel: checkTransition(order, "cancelled").ok,
  };
}
