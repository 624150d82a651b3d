/**
 * order.line_status: the kitchen moves one line of an order along
 * (waiting, preparing, in the oven, ready) and the order follows its lines
 * (preparing once one has started, ready when all are). Also the lock the
 * kitchen puts on an order: once preparation has started, changing or
 * cancelling it needs a manager's approval.
 */
import { and, eq } from "drizzle-orm";

import {
  checkLineMove,
  orderStatusFromLines,
  preparationStarted,
  type LinePrepStatus,
  type Mutation,
  type OrderStatus,
} from "@ocpizza/schema";
import { ALL_STORES, linePreparation, orderLines, orders } from "@ocpizza/schema/db";

import { rejected, type ApplyContext, type ApplyResult } from "./apply-context.js";

type LineStatusMutation = Extract<Mutation, { kind: "order.line_status" }>;

export async function applyLineStatus(
  ctx: ApplyContext,
  mutation: LineStatusMutation,
): Promise<ApplyResult> {
  const [order] = await ctx.db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, mutation.orderId), eq(orders.storeId, ctx.store.id)))
    .limit(1);
  if (!order) {
    return rejected(
      "unknown_order",
      `order ${mutation.orderId} is not known in store ${ctx.store.id}: pull again`,
      mutation.orderId,
    );
  }
  const lines = await ctx.db
    .select({ id: orderLines.id })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id));
  if (!lines.some((line) => line.id === mutation.lineId)) {
    return rejected(
      "unknown_line",
      `line ${mutation.lineId} is not a line of order ${order.id} (it was changed): pull again`,
      order.id,
    );
  }
  const statuses = await lineStatuses(ctx, order.id);
  const from = statuses.get(mutation.lineId) ?? "waiting";
  // Two kitchen tabs tapping the same step: the second one is already done.
  if (from === mutation.status) return { outcome: "applied" };
  const move = checkLineMove(order.status as OrderStatus, from, mutation.status);
  if (!move.ok) return rejected(move.code, `order ${order.id}: ${move.message}`, order.id);

  await ctx.db
    .insert(linePreparation)
    .values({
      lineId: mutation.lineId,
      orderId: order.id,
      storeId: ctx.store.id,
      status: mutation.status,
      updatedAt: ctx.now,
      staffId: mutation.staffId ?? null,
    })
    .onDuplicateKeyUpdate({
      set: { status: mutation.status, updatedAt: ctx.now, staffId: mutation.staffId ?? null },
    });
  statuses.set(mutation.lineId, mutation.status);
  const status = orderStatusFromLines(
    order.status as OrderStatus,
    lines.map((line) => statuses.get(line.id) ?? "waiting"),
  );
  // The order's version moves even when its status does not: the pull carries line statuses.
  await ctx.db
    .update(orders)
    .set({ status, updatedAt: ctx.now, version: ctx.version })
    .where(eq(orders.id, order.id));
  return { outcome: "applied" };
}

/**
 * A rejection when the kitchen has started on the order and no manager of
 * this store approved the change; null when the change may go ahead.
 */
export async function kitchenLock(
  ctx: ApplyContext,
  order: { id: string; status: OrderStatus },
  approvedByStaffId: string | undefined,
): Promise<ApplyResult | null> {
  const statuses = [...(await lineStatuses(ctx, order.id)).values()];
  if (!preparationStarted(order.status, statuses)) return null;
  const approver = approvedByStaffId ? ctx.known.staff.get(approvedByStaffId) : undefined;
  const approverIsManagerHere =
    approver?.role === "manager" &&
    (approver.storeIds.includes(ctx.store.id) || approver.storeIds.includes(ALL_STORES));
  if (approverIsManagerHere) return null;
  return rejected(
    "needs_manager",
    `order ${order.id}: the kitchen has started it; a manager must approve the change ` +
      `(manager PIN on the counter)`,
    order.id,
  );
}

async function lineStatuses(
  ctx: ApplyContext,
  orderId: string,
): Promise<Map<string, LinePrepStatus>> {
  const rows = await ctx.db
    .select({ lineId: linePreparation.lineId, status: linePreparation.status })
    .from(linePreparation)
    .where(eq(linePreparation.orderId, orderId));
  return new Map(rows.map((row) => [row.lineId, row.status as LinePrepStatus]));
}
