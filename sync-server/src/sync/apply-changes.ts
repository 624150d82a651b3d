/**
 * order.update, order.pay and order.status: commands on an order that
 * already exists in the store. A command the rules refuse becomes a
 * rejection (the queue goes on); money received is always recorded, and
 * money on a cancelled or refused order is flagged (paid_after_cancel).
 */
import { and, eq } from "drizzle-orm";

import {
  businessDay,
  checkEditable,
  checkTransition,
  type Mutation,
  type SaleFlag,
  type ServiceMode,
} from "@ocpizza/schema";
import { orderLines, orders, orderVat, payments } from "@ocpizza/schema/db";

import {
  flaggedOrApplied,
  madeByFindings,
  placeLines,
  placePayments,
  rejected,
  type ApplyContext,
  type ApplyResult,
} from "./apply-context.js";
import { checkLines, joinFlags, splitFlags } from "./order-rows.js";
import { kitchenLock } from "./apply-kitchen.js";
import { changeSaleStock, returnSaleStock } from "./apply-stock.js";
import { recordCounterCardPayments } from "../payments/counter-card-sales.js";

type UpdateMutation = Extract<Mutation, { kind: "order.update" }>;
type PayMutation = Extract<Mutation, { kind: "order.pay" }>;
type StatusMutation = Extract<Mutation, { kind: "order.status" }>;

/** Statuses that end an order without a sale. */
const CANCELLED: readonly string[] = ["cancelled", "refused"];
/** Flags about something that happened to the order, kept when its lines are replaced. */
const STICKY_FLAGS: readonly SaleFlag[] = [
  "line_id_clash",
  "payment_id_clash",
  "payment_amount_mismatch",
  "paid_after_cancel",
  "unknown_staff",
];

export async function applyUpdate(
  ctx: ApplyContext,
  mutation: UpdateMutation,
): Promise<ApplyResult> {
  const order = await findOrder(ctx, mutation.orderId);
  if (!order) return unknownOrder(ctx, mutation.orderId);
  const editable = checkEditable(order);
  if (!editable.ok) {
    return rejected(editable.code, `order ${order.id}: ${editable.message}`, order.id);
  }
  const locked = await kitchenLock(ctx, order, mutation.approvedByStaffId);
  if (locked) return locked;
  const serviceMode = mutation.serviceMode ?? (order.serviceMode as ServiceMode);
  const placed = placeLines(ctx, order.id, mutation.lines);
  const checked = checkLines(ctx.menu, placed.lines, serviceMode, mutation.totalCents, {
    orderId: order.id,
    storeId: ctx.store.id,
    businessDay: order.businessDay,
  });
  // Flags about the lines are recomputed; flags about what happened stay.
  const before = new Set(splitFlags(order.flags));
  const flags: SaleFlag[] = [...checked.flags, ...STICKY_FLAGS.filter((f) => before.has(f))];
  const findings = [...checked.findings];
  if (order.paidCents > checked.totalCents) {
    flags.push("overpaid");
    findings.push(`paid ${order.paidCents} cents for a total of ${checked.totalCents}`);
  }
  if (placed.clashes.length > 0) {
    if (!flags.includes("line_id_clash")) flags.push("line_id_clash");
    findings.push(...placed.clashes);
  }

  // Lines are replaced whole: the update carries the order's complete new content.
  await ctx.db.delete(orderLines).where(eq(orderLines.orderId, order.id));
  await ctx.db.delete(orderVat).where(eq(orderVat.orderId, order.id));
  await ctx.db.insert(orderLines).values(checked.lineRows);
  await ctx.db.insert(orderVat).values(checked.vatRows);
  await ctx.db
    .update(orders)
    .set({
      serviceMode,
      totalCents: checked.totalCents,
      itemCount: checked.itemCount,
      lineCount: checked.lineCount,
      ...(mutation.customer && {
        customerName: mutation.customer.name,
        customerPhone: mutation.customer.phone ?? null,
        deliveryAddress: mutation.customer.address ?? null,
        deliveryNotes: mutation.customer.deliveryNotes ?? null,
      }),
      ...(mutation.note !== undefined && { note: mutation.note }),
      flags: joinFlags(flags),
      updatedAt: ctx.now,
      version: ctx.version,
    })
    .where(eq(orders.id, order.id));
  if (order.status !== "pending") {
    const by = { staffId: mutation.staffId };
    ctx.alerts.push(...(await changeSaleStock(ctx, order.id, placed.lines, mutation.seq, by)));
  }

  const isNew = flags.some((flag) => !before.has(flag));
  return flaggedOrApplied(ctx, order.id, flags, isNew ? findings : placed.clashes);
}

export async function applyPay(ctx: ApplyContext, mutation: PayMutation): Promise<ApplyResult> {
  const order = await findOrder(ctx, mutation.orderId);
  if (!order) return unknownOrder(ctx, mutation.orderId);

  // Money that was received is recorded whatever the order's state.
  const dayOf = (epochMs: number) =>
    businessDay(epochMs, ctx.store.timeZone, ctx.store.closingMinutes);
  const by = { staffId: mutation.staffId };
  const { rows, clashes, amountMismatches } = await placePayments(
    ctx,
    order.id,
    dayOf,
    mutation.payments,
    1,
    by,
  );
  const received = rows.reduce((sum, p) => sum + p.amountCents, 0);
  const paidCents = order.paidCents + received;
  const flags = splitFlags(order.flags) as SaleFlag[];
  const findings: string[] = [];
  const flag = (name: SaleFlag, finding: string) => {
    if (!flags.includes(name)) flags.push(name);
    findings.push(finding);
  };
  if (paidCents > order.totalCents && !flags.includes("overpaid")) {
    flag("overpaid", `paid ${paidCents} cents for a total of ${order.totalCents}`);
  }
  if (clashes.length > 0) clashes.forEach((clash) => flag("payment_id_clash", clash));
  amountMismatches.forEach((m) => flag("payment_amount_mismatch", m));
  if (rows.length > 0 && CANCELLED.includes(order.status)) {
    flag(
      "paid_after_cancel",
      `${received} cents received for an order already ${order.status}: refund the customer ` +
        `or check the ${order.status === "refused" ? "refusal" : "cancel"}`,
    );
  }
  if (rows.length > 0) madeByFindings(ctx, by).forEach((m) => flag("unknown_staff", m));
  if (rows.length === 0 && amountMismatches.length === 0) {
    return flaggedOrApplied(ctx, order.id, flags, []);
  }

  if (rows.length > 0) await ctx.db.insert(payments).values(rows);
  // Card at the counter (Terminal or offline): tied to our Square records (docs/payments.md).
  await recordCounterCardPayments(ctx.db, ctx.store.id, order.id, mutation.payments, rows, ctx.now);
  await ctx.db
    .update(orders)
    .set({ paidCents, flags: joinFlags(flags), updatedAt: ctx.now, version: ctx.version })
    .where(eq(orders.id, order.id));
  return flaggedOrApplied(ctx, order.id, flags, findings);
}

export async function applyStatus(
  ctx: ApplyContext,
  mutation: StatusMutation,
): Promise<ApplyResult> {
  const order = await findOrder(ctx, mutation.orderId);
  if (!order) return unknownOrder(ctx, mutation.orderId);
  const check = checkTransition(order, mutation.status);
  if (!check.ok) return rejected(check.code, `order ${order.id}: ${check.message}`, order.id);
  if (CANCELLED.includes(mutation.status)) {
    const locked = await kitchenLock(ctx, order, mutation.approvedByStaffId);
    if (locked) return locked;
  }

  // Cancelling an order that holds money (a partial payment, or a payment that
  // raced the cancel) is allowed, but the money is flagged for a manager.
  const flags = splitFlags(order.flags) as SaleFlag[];
  const findings: string[] = [];
  if (CANCELLED.includes(mutation.status) && order.paidCents > 0) {
    if (!flags.includes("paid_after_cancel")) flags.push("paid_after_cancel");
    findings.push(
      `${mutation.status} while ${order.paidCents} cents are already paid: refund the ` +
        `customer or check the ${mutation.status === "refused" ? "refusal" : "cancel"}`,
    );
  }
  const by = { staffId: mutation.staffId, approvedByStaffId: mutation.approvedByStaffId };
  for (const finding of madeByFindings(ctx, by)) {
    if (!flags.includes("unknown_staff")) flags.push("unknown_staff");
    findings.push(finding);
  }
  await ctx.db
    .update(orders)
    .set({
      status: mutation.status,
      statusReason: mutation.reason ?? null,
      statusByStaffId: mutation.staffId ?? null,
      statusApprovedByStaffId: mutation.approvedByStaffId ?? null,
      flags: joinFlags(flags),
      updatedAt: ctx.now,
      version: ctx.version,
    })
    .where(eq(orders.id, order.id));
  if (CANCELLED.includes(mutation.status)) {
    ctx.alerts.push(...(await returnSaleStock(ctx, order.id, by)));
  }
  return findings.length > 0
    ? flaggedOrApplied(ctx, order.id, flags, findings)
    : { outcome: "applied" };
}

async function findOrder(ctx: ApplyContext, orderId: string) {
  const [row] = await ctx.db
    .select({
      id: orders.id,
      status: orders.status,
      serviceMode: orders.serviceMode,
      businessDay: orders.businessDay,
      totalCents: orders.totalCents,
      paidCents: orders.paidCents,
      flags: orders.flags,
    })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.storeId, ctx.store.id)))
    .limit(1);
  return row ? { ...row, status: row.status as StatusMutation["status"] } : null;
}

function unknownOrder(ctx: ApplyContext, orderId: string): ApplyResult {
  return rejected(
    "unknown_order",
    `order ${orderId} is not known in store ${ctx.store.id}: ` +
      `it was never synced or belongs elsewhere`,
    orderId,
  );
}
