/**
 * The stock movements a push makes (sync-server/src/stock/ledger.ts): a
 * counter sale takes its ingredients when created (it is accepted then), a
 * change of lines settles the difference, a cancellation gives them back.
 * Keys name the cause, so a sale resent under a new seq is counted once.
 */
import type { LineForRecipe } from "@ocpizza/schema";

import { settleOrderStock, type StockAlert } from "../stock/ledger.js";
import type { ApplyContext } from "./apply-context.js";
import type { MadeBy } from "./staff-checks.js";

export function takeSaleStock(
  ctx: ApplyContext,
  orderId: string,
  lines: readonly LineForRecipe[],
  by: MadeBy,
): Promise<StockAlert[]> {
  return settleOrderStock(ctx.db, {
    storeId: ctx.store.id,
    orderId,
    lines,
    recipes: ctx.menu.recipes,
    kind: "sale",
    key: `sale:${orderId}`,
    staffId: by.staffId ?? null,
    now: ctx.now,
    fresh: true,
  });
}

/** After order.update: the order now takes what its new lines take. */
export function changeSaleStock(
  ctx: ApplyContext,
  orderId: string,
  lines: readonly LineForRecipe[],
  seq: number,
  by: MadeBy,
): Promise<StockAlert[]> {
  return settleOrderStock(ctx.db, {
    storeId: ctx.store.id,
    orderId,
    lines,
    recipes: ctx.menu.recipes,
    kind: "sale_change",
    key: `change:${orderId}:${ctx.deviceId}:${seq}`,
    staffId: by.staffId ?? null,
    now: ctx.now,
  });
}

/** After a cancel or refusal: everything the order took goes back to the shelf. */
export function returnSaleStock(
  ctx: ApplyContext,
  orderId: string,
  by: MadeBy,
): Promise<StockAlert[]> {
  return settleOrderStock(ctx.db, {
    storeId: ctx.store.id,
    orderId,
    lines: [],
    recipes: ctx.menu.recipes,
    kind: "cancel_return",
    key: `cancel:${orderId}`,
    staffId: by.staffId ?? null,
    now: ctx.now,
  });
}
