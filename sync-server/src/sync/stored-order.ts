/**
 * The order as a push leaves it, for comparing a sale's ticket with what the
 * server stored: from the rows still waiting to be inserted, or from MySQL.
 */
import { and, asc, eq } from "drizzle-orm";

import { orderLines, orders } from "@ocpizza/schema/db";

import type { StoredOrder } from "../journal/ticket-checks.js";
import type { ApplyContext } from "./apply-context.js";

/** The order as this push leaves it: from the rows waiting to be inserted, or from MySQL. */
export async function storedOrder(ctx: ApplyContext, orderId: string): Promise<StoredOrder | null> {
  const pending = ctx.pending.orders.find((row) => row.id === orderId);
  if (pending) {
    return {
      id: orderId,
      totalCents: pending.totalCents,
      paidCents: pending.paidCents ?? 0,
      training: pending.training ?? false,
      lines: ctx.pending.lines
        .filter((line) => line.orderId === orderId)
        .sort((a, b) => a.lineNo - b.lineNo)
        .map((line) => ({ ...line, totalCents: line.totalCents })),
    };
  }
  const [row] = await ctx.db
    .select({
      totalCents: orders.totalCents,
      paidCents: orders.paidCents,
      training: orders.training,
    })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.storeId, ctx.store.id)));
  if (!row) return null;
  const lines = await ctx.db
    .select({
      name: orderLines.name,
      productId: orderLines.productId,
      size: orderLines.size,
      quantity: orderLines.quantity,
      unitPriceCents: orderLines.unitPriceCents,
      totalCents: orderLines.totalCents,
      vatRateBp: orderLines.vatRateBp,
    })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.lineNo));
  return { id: orderId, ...row, lines };
}
