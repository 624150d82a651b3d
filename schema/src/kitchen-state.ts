/**
 * The kitchen's side of an order: each line's preparation status and the
 * moves allowed between them, the order's preparation status derived from
 * its lines, and what a line takes from stock (its recipe for the size,
 * with the customer's extras and "without"). The order's own status machine
 * is in order-state.ts; this file only says how the kitchen drives it.
 */
import type { MenuSnapshot } from "./snapshots.js";
import type { OrderStatus } from "./order-state.js";

export const LINE_PREP_STATUSES = ["waiting", "preparing", "in_oven", "ready"] as const;
export type LinePrepStatus = (typeof LINE_PREP_STATUSES)[number];

/**
 * A line moves forward one step at a time, and may go back one step (a tap
 * by mistake, a pizza burnt and made again).
 */
const LINE_MOVES: Record<LinePrepStatus, readonly LinePrepStatus[]> = {
  waiting: ["preparing"],
  preparing: ["in_oven", "waiting"],
  in_oven: ["ready", "preparing"],
  ready: ["in_oven"],
};

/** Order statuses in which the kitchen may move lines. */
const KITCHEN_ORDER_STATUSES: readonly OrderStatus[] = ["accepted", "preparing", "ready"];

export type LineMoveCheck =
  { ok: true } | { ok: false; code: "invalid_transition"; message: string };

export function checkLineMove(
  orderStatus: OrderStatus,
  from: LinePrepStatus,
  to: LinePrepStatus,
): LineMoveCheck {
  if (!KITCHEN_ORDER_STATUSES.includes(orderStatus)) {
    return {
      ok: false,
      code: "invalid_transition",
      message: `the kitchen cannot move the lines of an order that is "${orderStatus}"`,
    };
  }
  if (!LINE_MOVES[from].includes(to)) {
    return {
      ok: false,
      code: "invalid_transition",
      message: `a line cannot go from "${from}" to "${to}"`,
    };
  }
  return { ok: true };
}

/** The next step forward of a line, or null when it is ready. */
export function nextLineStatus(status: LinePrepStatus): LinePrepStatus | null {
  const index = LINE_PREP_STATUSES.indexOf(status);
  return index < LINE_PREP_STATUSES.length - 1 ? LINE_PREP_STATUSES[index + 1] : null;
}

/**
 * The order status the kitchen's line statuses lead to: ready when every
 * line is, preparing once any line has started, otherwise unchanged. Only
 * orders the kitchen works on move (accepted, preparing, ready).
 */
export function orderStatusFromLines(
  orderStatus: OrderStatus,
  lineStatuses: readonly LinePrepStatus[],
): OrderStatus {
  if (!KITCHEN_ORDER_STATUSES.includes(orderStatus) || lineStatuses.length === 0) {
    return orderStatus;
  }
  if (lineStatuses.every((s) => s === "ready")) return "ready";
  if (lineStatuses.some((s) => s !== "waiting")) return "preparing";
  return orderStatus === "ready" ? "preparing" : orderStatus;
}

/**
 * Has the kitchen started on this order? From then on the customer or the
 * counter can no longer change or cancel it without a manager.
 */
export function preparationStarted(
  orderStatus: OrderStatus,
  lineStatuses: readonly LinePrepStatus[] = [],
): boolean {
  if (orderStatus === "preparing" || orderStatus === "ready") return true;
  if (orderStatus === "out_for_delivery") return true;
  return lineStatuses.some((s) => s !== "waiting");
}

// What a line takes from stock

type Recipe = MenuSnapshot["recipes"][number];

export interface LineForRecipe {
  productId: string;
  size: string;
  quantity: number;
  options?: readonly { kind: "extra" | "without"; ingredientId: string }[];
}

/**
 * Ingredient id -> quantity (in the ingredient's unit) that a line takes:
 * its recipe for the size times the quantity, less what the customer asked
 * without. An extra takes the recipe's quantity of that ingredient once more
 * (a double portion); an extra not in the recipe takes what the ingredient
 * weighs on another pizza of the same size, or nothing when none uses it.
 */
export function lineIngredients(
  recipes: readonly Recipe[],
  line: LineForRecipe,
): Map<string, number> {
  const without = new Set(
    (line.options ?? []).filter((o) => o.kind === "without").map((o) => o.ingredientId),
  );
  const perPizza = new Map<string, number>();
  for (const item of recipes) {
    if (item.productId !== line.productId || item.size !== line.size) continue;
    if (without.has(item.ingredientId)) continue;
    perPizza.set(item.ingredientId, (perPizza.get(item.ingredientId) ?? 0) + item.quantity);
  }
  for (const option of line.options ?? []) {
    if (option.kind !== "extra") continue;
    const portion =
      recipes.find(
        (r) =>
          r.productId === line.productId &&
          r.size === line.size &&
          r.ingredientId === option.ingredientId,
      )?.quantity ??
      recipes.find((r) => r.size === line.size && r.ingredientId === option.ingredientId)
        ?.quantity ??
      0;
    if (portion > 0) {
      perPizza.set(option.ingredientId, (perPizza.get(option.ingredientId) ?? 0) + portion);
    }
  }
  const total = new Map<string, number>();
  for (const [ingredientId, quantity] of perPizza) {
    total.set(ingredientId, quantity * line.quantity);
  }
  return total;
}

/** The sum of lineIngredients over lines. */
export function linesIngredients(
  recipes: readonly Recipe[],
  lines: readonly LineForRecipe[],
): Map<string, number> {
  const total = new Map<string, number>();
  for (const line of lines) {
    for (const [ingredientId, quantity] of lineIngredients(recipes, line)) {
      total.set(ingredientId, (total.get(ingredientId) ?? 0) + quantity);
    }
  }
  return total;
}

/**
 * How many more of this product and size the stock allows: the smallest
 * quotient over its ingredients that are tracked (`stock` has them). Null
 * when none of its ingredients is tracked (no limit is known). Never below 0.
 */
export function canStillMake(
  recipes: readonly Recipe[],
  productId: string,
  size: string,
  stock: ReadonlyMap<string, number>,
): number | null {
  let least: number | null = null;
  for (const item of recipes) {
    if (item.productId !== productId || item.size !== size || item.quantity <= 0) continue;
    const onHand = stock.get(item.ingredientId);
    if (onHand === undefined) continue;
    const count = Math.max(0, Math.floor(onHand / item.quantity));
    least = least === null ? count : Math.min(least, count);
  }
  return least;
}
