/**
 * The order state machine: which status changes are allowed, and when an
 * order has become a ticket (a fact that is never edited). Payment is a
 * separate axis: an order is paid when its payments cover its total.
 */

export const ORDER_STATUSES = [
  "pending",
  "accepted",
  "preparing",
  "ready",
  "out_for_delivery",
  "completed",
  "cancelled",
  "refused",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Allowed moves. `completed` means handed over (or delivered). */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["accepted", "refused", "cancelled"],
  accepted: ["preparing", "ready", "completed", "cancelled"],
  preparing: ["ready", "cancelled"],
  ready: ["out_for_delivery", "completed", "cancelled"],
  out_for_delivery: ["completed", "ready"],
  completed: [],
  cancelled: [],
  refused: [],
};

export const TERMINAL_STATUSES: readonly OrderStatus[] = ["completed", "cancelled", "refused"];

export interface TicketState {
  status: OrderStatus;
  totalCents: number;
  paidCents: number;
}

/** A ticket is paid in full or handed over; from then on it is never edited. */
export function isTicket(order: TicketState): boolean {
  return (
    order.status === "completed" || (order.paidCents >= order.totalCents && order.paidCents > 0)
  );
}

export type TransitionCheck =
  { ok: true } | { ok: false; code: "invalid_transition" | "order_is_ticket"; message: string };

/** Can an order move from its status to `to`? Cancelling a ticket never can. */
export function checkTransition(order: TicketState, to: OrderStatus): TransitionCheck {
  if (to === "cancelled" && isTicket(order)) {
    return {
      ok: false,
      code: "order_is_ticket",
      message: "a paid or handed-over order is a ticket: refund it with a credit note instead",
    };
  }
  if (!TRANSITIONS[order.status].includes(to)) {
    return {
      ok: false,
      code: "invalid_transition",
      message: `an order cannot go from "${order.status}" to "${to}"`,
    };
  }
  return { ok: true };
}

/** Can the lines, customer or mode of an order still be changed? */
export function checkEditable(order: TicketState): TransitionCheck {
  if (isTicket(order)) {
    return {
      ok: false,
      code: "order_is_ticket",
      message: "a paid or handed-over order is a ticket and cannot be changed",
    };
  }
  if (TERMINAL_STATUSES.includes(order.status)) {
    return {
      ok: false,
      code: "invalid_transition",
      message: `an order that is "${order.status}" cannot be changed`,
    };
  }
  return { ok: true };
}

export function nextStatuses(status: OrderStatus): readonly OrderStatus[] {
  return TRANSITIONS[status];
}

// The kitchen's line statuses and recipes (kitchen-state.ts) go out with the order's rules.
export * from "./kitchen-state.js";
