/**
 * Which actions an order offers at the counter, from the state machine and
 * this register's journal: take payment while something is due, the status
 * moves the counter makes (ready, out for delivery, handed over), cancel
 * unless it is a ticket, and a credit note for a ticket of this register.
 */
import { checkTransition, nextStatuses, type OrderStatus } from "@ocpizza/schema";

import type { JournalRow, LocalOrder } from "../../db/types.js";

export type CounterStatusMove = "ready" | "out_for_delivery" | "completed";

const COUNTER_MOVES: CounterStatusMove[] = ["ready", "out_for_delivery", "completed"];

export interface OrderActions {
  pay: boolean;
  moves: CounterStatusMove[];
  cancel: boolean;
  /** "Avoir": a ticket of this register not yet credited. */
  creditNote: boolean;
  /** A credit note was issued: the order is settled, nothing more to do but reprint. */
  credited: boolean;
}

export function orderActions(
  order: Pick<LocalOrder, "status" | "totalCents" | "paidCents" | "serviceMode">,
  tickets: readonly Pick<JournalRow, "kind">[] = [],
): OrderActions {
  const closed: OrderStatus[] = ["cancelled", "refused"];
  const allowed = nextStatuses(order.status);
  const credited = tickets.some((row) => row.kind === "credit_note");
  const ticketHere = tickets.some((row) => row.kind === "sale");
  return {
    pay: !credited && !closed.includes(order.status) && order.paidCents < order.totalCents,
    moves: credited
      ? []
      : COUNTER_MOVES.filter(
          (move) =>
            allowed.includes(move) &&
            (move !== "out_for_delivery" || order.serviceMode === "delivery"),
        ),
    cancel: !credited && checkTransition(order, "cancelled").ok,
    creditNote: ticketHere && !credited,
    credited,
  };
}
