/**
 * order.create: a sale is stored as it happened on the device. Lines are the
 * truth, the business day comes from the store's clock rules, and anything
 * that does not fit the current menu is flagged, never refused. A line or
 * payment id the device reused is stored under a new server id and flagged;
 * only an order id that belongs to another store is refused (foreign_order).
 */
import { businessDay, type Mutation, type SaleFlag } from "@ocpizza/schema";

import {
  flaggedOrApplied,
  madeByFindings,
  placeLines,
  placePayments,
  rejected,
  type ApplyContext,
  type ApplyResult,
} from "./apply-context.js";
import { checkDiscounts } from "./discount-checks.js";
import { checkLines, joinFlags } from "./order-rows.js";
import { takeSaleStock } from "./apply-stock.js";
import { recordCounterCardPayments } from "../payments/counter-card-sales.js";

type CreateMutation = Extract<Mutation, { kind: "order.create" }>;

export async function applyCreate(
  ctx: ApplyContext,
  mutation: CreateMutation,
): Promise<ApplyResult> {
  const { order } = mutation;

  // The same order id again is the same sale sent twice (possibly under a new seq).
  const existingStore = ctx.known.orderStore.get(order.id);
  if (existingStore === ctx.store.id) {
    return { outcome: "duplicate", message: `order ${order.id} is already recorded` };
  }
  if (existingStore !== undefined) {
    return rejected("foreign_order", `order ${order.id} belongs to another store`, order.id);
  }
  const dayOf = (epochMs: number) =>
    businessDay(epochMs, ctx.store.timeZone, ctx.store.closingMinutes);
  const day = dayOf(order.createdAtMs);
  const placed = placeLines(ctx, order.id, order.lines);
  const checked = checkLines(ctx.menu, placed.lines, order.serviceMode, order.totalCents, {
    orderId: order.id,
    storeId: ctx.store.id,
    businessDay: day,
  });
  const by = { staffId: mutation.staffId };
  const paid = await placePayments(ctx, order.id, dayOf, mutation.payments, 1, by);
  const paymentRows = paid.rows;
  const paidCents = paymentRows.reduce((sum, p) => sum + p.amountCents, 0);

  const flags: SaleFlag[] = [...checked.flags];
  const findings = [...checked.findings];
  if (paidCents > checked.totalCents) {
    flags.push("overpaid");
    findings.push(`paid ${paidCents} cents for a total of ${checked.totalCents}`);
  }
  if (placed.clashes.length > 0) {
    flags.push("line_id_clash");
    findings.push(...placed.clashes);
  }
  if (paid.clashes.length > 0) {
    flags.push("payment_id_clash");
    findings.push(...paid.clashes);
  }
  const approval = { ...by, approvedByStaffId: mutation.approvedByStaffId };
  const staffProblems = madeByFindings(ctx, approval);
  if (staffProblems.length > 0) {
    flags.push("unknown_staff");
    findings.push(...staffProblems);
  }
  const discounts = checkDiscounts(ctx, order, day, approval);
  flags.push(...discounts.flags);
  findings.push(...discounts.findings);

  // Inserted with the rest of the batch's new orders (see batch-writes.ts).
  ctx.known.orderStore.set(order.id, ctx.store.id);
  ctx.pending.orders.push({
    id: order.id,
    storeId: ctx.store.id,
    deviceId: ctx.deviceId,
    channel: order.channel,
    serviceMode: order.serviceMode,
    status: mutation.status,
    statusReason: null,
    businessDay: day,
    createdAt: new Date(order.createdAtMs),
    updatedAt: ctx.now,
    callNumber: order.callNumber,
    menuVersion: order.menuVersion,
    totalCents: checked.totalCents,
    paidCents,
    itemCount: checked.itemCount,
    lineCount: checked.lineCount,
    customerName: order.customer?.name ?? null,
    customerPhone: order.customer?.phone ?? null,
    deliveryAddress: order.customer?.address ?? null,
    deliveryNotes: order.customer?.deliveryNotes ?? null,
    note: order.note ?? null,
    flags: joinFlags(flags),
    training: order.training,
    takenByStaffId: mutation.staffId ?? null,
    discount: order.discount ? JSON.stringify(order.discount) : null,
    discountApprovedByStaffId: mutation.approvedByStaffId ?? null,
    version: ctx.version,
  });
  ctx.pending.lines.push(...checked.lineRows);
  ctx.pending.vat.push(...checked.vatRows);
  ctx.pending.payments.push(...paymentRows);
  // Card at the counter (Terminal or offline): tied to our Square records (docs/payments.md).
  await recordCounterCardPayments(
    ctx.db,
    ctx.store.id,
    order.id,
    mutation.payments,
    paymentRows,
    ctx.now,
  );
  // A sale takes its ingredients when accepted; a training sale is not cooked.
  if (!order.training) ctx.alerts.push(...(await takeSaleStock(ctx, order.id, placed.lines, by)));

  return flaggedOrApplied(ctx, order.id, flags, findings);
}
