/**
 * delivery.update in a push: a delivery order is assigned to a driver (or
 * taken by one), leaves with them (the order goes out_for_delivery, only
 * once the kitchen has it ready), is delivered with the cash collected, or
 * comes back with an incident (the order is ready again). Completing the
 * order (its ticket) stays with the register that takes the money, so the
 * fiscal journal is never written from here.
 */
import { and, eq } from "drizzle-orm";

import type { Mutation, OrderStatus } from "@ocpizza/schema";
import { ALL_STORES, deliveryAssignments, orders, staffStores } from "@ocpizza/schema/db";

import { rejected, type ApplyContext, type ApplyResult } from "../sync/apply-context.js";

type DeliveryMutation = Extract<Mutation, { kind: "delivery.update" }>;
type DeliveryStatus = "assigned" | "out" | "delivered" | "incident";

/** Which delivery statuses each step may start from ("none": not assigned yet). */
const STEP_FROM: Record<DeliveryMutation["step"], readonly (DeliveryStatus | "none")[]> = {
  assign: ["none", "assigned", "incident"],
  out: ["assigned"],
  delivered: ["out"],
  incident: ["assigned", "out"],
};
const STEP_TO: Record<DeliveryMutation["step"], DeliveryStatus> = {
  assign: "assigned",
  out: "out",
  delivered: "delivered",
  incident: "incident",
};
/** Orders a driver may be given: not ended, not already on the road. */
const ASSIGNABLE: readonly OrderStatus[] = ["accepted", "preparing", "ready"];

export async function applyDeliveryUpdate(
  ctx: ApplyContext,
  mutation: DeliveryMutation,
): Promise<ApplyResult> {
  const [order] = await ctx.db
    .select({
      id: orders.id,
      status: orders.status,
      serviceMode: orders.serviceMode,
      totalCents: orders.totalCents,
      paidCents: orders.paidCents,
    })
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
  const refuse = (message: string) =>
    rejected("invalid_transition", `order ${order.id}: ${message}`, order.id);
  if (order.serviceMode !== "delivery") return refuse("it is not a delivery order");
  const [current] = await ctx.db
    .select()
    .from(deliveryAssignments)
    .where(eq(deliveryAssignments.orderId, order.id))
    .limit(1);
  const from = (current?.status as DeliveryStatus | undefined) ?? "none";
  if (!STEP_FROM[mutation.step].includes(from)) {
    return refuse(`a delivery that is "${from}" cannot be marked "${mutation.step}"`);
  }
  const status = order.status as OrderStatus;

  if (mutation.step === "assign") {
    if (!ASSIGNABLE.includes(status))
      return refuse(`an order that is "${status}" cannot be assigned`);
    if (!(await worksInStore(ctx, mutation.driverStaffId!))) {
      return rejected(
        "unknown_driver",
        `order ${order.id}: driver ${mutation.driverStaffId} is not staff of store ${ctx.store.id}`,
        order.id,
      );
    }
    const row = {
      orderId: order.id,
      storeId: ctx.store.id,
      driverStaffId: mutation.driverStaffId!,
      status: "assigned",
      toCollectCents: Math.max(0, order.totalCents - order.paidCents),
      cashCollectedCents: 0,
      incidentNote: null,
      assignedAt: ctx.now,
      outAt: null,
      doneAt: null,
      updatedAt: ctx.now,
    };
    const { orderId: _key, ...changes } = row;
    await ctx.db.insert(deliveryAssignments).values(row).onDuplicateKeyUpdate({ set: changes });
    return touchOrder(ctx, order.id, status);
  }

  if (mutation.step === "out" && status !== "ready") {
    return refuse(`the kitchen has not finished it (it is "${status}")`);
  }
  const nextOrderStatus: OrderStatus =
    mutation.step === "out"
      ? "out_for_delivery"
      : mutation.step === "incident" && status === "out_for_delivery"
        ? "ready"
        : status;
  await ctx.db
    .update(deliveryAssignments)
    .set({
      status: STEP_TO[mutation.step],
      ...(mutation.step === "out" && { outAt: ctx.now }),
      ...(mutation.step === "delivered" && {
        doneAt: ctx.now,
        cashCollectedCents: mutation.cashCollectedCents ?? 0,
      }),
      ...(mutation.step === "incident" && { doneAt: ctx.now, incidentNote: mutation.note }),
      updatedAt: ctx.now,
    })
    .where(eq(deliveryAssignments.orderId, order.id));
  return touchOrder(ctx, order.id, nextOrderStatus);
}

/** The order's version moves so every device pulls the delivery with it. */
async function touchOrder(
  ctx: ApplyContext,
  orderId: string,
  status: OrderStatus,
): Promise<ApplyResult> {
  await ctx.db
    .update(orders)
    .set({ status, updatedAt: ctx.now, version: ctx.version })
    .where(eq(orders.id, orderId));
  return { outcome: "applied" };
}

async function worksInStore(ctx: ApplyContext, staffId: string): Promise<boolean> {
  const rows = await ctx.db
    .select({ storeId: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, staffId));
  return rows.some((row) => row.storeId === ctx.store.id || row.storeId === ALL_STORES);
}
