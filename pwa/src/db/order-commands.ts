/**
 * Commands on an order already recorded: take a payment, change its status,
 * change its lines. Each checks the state machine on the local copy first,
 * then writes the order row and its outbox entry in one transaction; the
 * command that makes the order a ticket also chains its journal entry there.
 */
import {
  changeDueCents,
  checkEditable,
  checkTransition,
  isTicket,
  newId,
  orderTotalCents,
  preparationStarted,
  type Customer,
  type OrderLine,
  type OrderStatus,
  type ServiceMode,
} from "@ocpizza/schema";

import { CommandError } from "./command-error.js";
import { readMeta, type CounterDb } from "./database.js";
import { appendTicket, saleTicket } from "./journal.js";
import { appendMutation } from "./outbox.js";
import { requireOpenShift, takeIntoDrawer } from "./shift.js";
import { madeBy, requireManager } from "./staff-stamp.js";
import type { PaymentDraft } from "./sale.js";
import type { LocalOrder } from "./types.js";

/** Records payments for an order; with `handedOver`, also marks it given to the customer. */
export async function payOrder(
  db: CounterDb,
  orderId: string,
  drafts: PaymentDraft[],
  options: { handedOver?: boolean } = {},
  nowMs: number = Date.now(),
): Promise<LocalOrder> {
  return db.transaction("rw", writeTables(db), async () => {
    const order = await loadOrder(db, orderId);
    if (order.status === "cancelled" || order.status === "refused") {
      throw new CommandError(
        "invalid_transition",
        `order ${orderId} is ${order.status}: no payment`,
      );
    }
    const meta = await readMeta(db);
    const shiftId = requireOpenShift(meta);
    const by = madeBy(meta);

    const payments = drafts.map((p) => ({ ...p, id: newId(), createdAtMs: nowMs }));
    const paidCents = order.paidCents + payments.reduce((sum, p) => sum + p.amountCents, 0);
    // The payment that settles an order not yet a ticket makes it one.
    const ticket =
      !isTicket(order) && isTicket({ ...order, paidCents })
        ? await appendTicket(
            db,
            saleTicket(meta, { ...order, payments: [...order.payments, ...payments] }, nowMs),
            by,
          )
        : undefined;
    const entry = await appendMutation(
      db,
      { kind: "order.pay", atMs: nowMs, ...by, orderId, payments, ticket },
      orderId,
    );
    if (entry.mutation.kind !== "order.pay") throw new Error("outbox kept another kind");
    const added = entry.mutation.payments.map((p) => ({
      ...p,
      changeCents: changeDueCents(p.method, p.amountCents, p.tenderedCents),
    }));
    let updated: LocalOrder = {
      ...order,
      payments: [...order.payments, ...added],
      paidCents: order.paidCents + added.reduce((sum, p) => sum + p.amountCents, 0),
      updatedAtMs: nowMs,
      syncState: "pending",
      rejection: null,
    };

    if (options.handedOver && updated.status !== "completed") {
      updated = await withStatus(db, updated, "completed", undefined, nowMs);
    }
    await db.orders.put(updated);
    if (!order.training) {
      await takeIntoDrawer(db, shiftId, "payment", orderId, added, nowMs, by);
    }
    return updated;
  });
}

/**
 * Moves an order to a new status. Cancelling or refusing an order that holds
 * money (a void after payment) needs a manager's approval (`approvedByStaffId`).
 */
export async function changeOrderStatus(
  db: CounterDb,
  orderId: string,
  status: OrderStatus,
  reason?: string,
  nowMs: number = Date.now(),
  approvedByStaffId?: string,
): Promise<LocalOrder> {
  return db.transaction("rw", writeTables(db), async () => {
    const order = await loadOrder(db, orderId);
    // What the rules refuse is said first; only an allowed void asks for a manager.
    const allowed = checkTransition(order, status);
    if (!allowed.ok) throw new CommandError(allowed.code, allowed.message);
    const approver = needsApproval(order, status)
      ? await requireManager(db, approvedByStaffId)
      : undefined;
    const updated = await withStatus(db, order, status, reason, nowMs, approver);
    await db.orders.put(updated);
    return updated;
  });
}

export interface OrderChanges {
  lines: Omit<OrderLine, "id">[];
  serviceMode?: ServiceMode;
  customer?: Customer;
  note?: string;
}

/** Replaces the lines (and maybe mode, customer, note) of an order not yet a ticket. */
export async function updateOrder(
  db: CounterDb,
  orderId: string,
  changes: OrderChanges,
  nowMs: number = Date.now(),
): Promise<LocalOrder> {
  return db.transaction("rw", writeTables(db), async () => {
    const order = await loadOrder(db, orderId);
    const editable = checkEditable(order);
    if (!editable.ok) throw new CommandError(editable.code, editable.message);

    const lines: OrderLine[] = changes.lines.map((line) => ({ ...line, id: newId() }));
    const totalCents = orderTotalCents(lines);
    await appendMutation(
      db,
      {
        kind: "order.update",
        atMs: nowMs,
        ...madeBy(await readMeta(db)),
        orderId,
        ...changes,
        lines,
        totalCents,
      },
      orderId,
    );
    const updated: LocalOrder = {
      ...order,
      lines,
      totalCents,
      serviceMode: changes.serviceMode ?? order.serviceMode,
      customer: changes.customer ?? order.customer,
      note: changes.note ?? order.note,
      updatedAtMs: nowMs,
      syncState: "pending",
      rejection: null,
    };
    await db.orders.put(updated);
    return updated;
  });
}

/** Every table a command on an order may write, locked together. */
export function writeTables(db: CounterDb) {
  return [db.meta, db.orders, db.outbox, db.journal, db.drawer, db.staff];
}

/**
 * A void after payment (cancelling or refusing an order that holds money),
 * or cancelling an order the kitchen has started on.
 */
export function needsApproval(
  order: Pick<LocalOrder, "paidCents"> & Partial<Pick<LocalOrder, "status" | "preparation">>,
  status: OrderStatus,
): boolean {
  if (status !== "cancelled" && status !== "refused") return false;
  const started =
    order.status !== undefined &&
    preparationStarted(order.status, Object.values(order.preparation ?? {}));
  return order.paidCents > 0 || started;
}

export async function loadOrder(db: CounterDb, orderId: string): Promise<LocalOrder> {
  const order = await db.orders.get(orderId);
  if (!order) {
    throw new CommandError("order_not_found", `order ${orderId} is not on this counter`);
  }
  return order;
}

/**
 * Checks a status change and appends its outbox entry (with the ticket when
 * handing over makes the order one); the caller stores the returned row.
 */
async function withStatus(
  db: CounterDb,
  order: LocalOrder,
  status: OrderStatus,
  reason: string | undefined,
  nowMs: number,
  approvedByStaffId?: string,
): Promise<LocalOrder> {
  const allowed = checkTransition(order, status);
  if (!allowed.ok) throw new CommandError(allowed.code, allowed.message);

  const meta = await readMeta(db);
  const by = madeBy(meta);
  const ticket =
    !isTicket(order) && isTicket({ ...order, status })
      ? await appendTicket(db, saleTicket(meta, order, nowMs), by)
      : undefined;
  await appendMutation(
    db,
    {
      kind: "order.status",
      atMs: nowMs,
      ...by,
      orderId: order.id,
      status,
      reason: reason || undefined,
      ...(approvedByStaffId ? { approvedByStaffId } : {}),
      ticket,
    },
    order.id,
  );
  return {
    ...order,
    status,
    statusReason: reason || null,
    statusByStaffId: by.staffId ?? null,
    statusApprovedByStaffId: approvedByStaffId ?? null,
    updatedAtMs: nowMs,
    syncState: "pending",
    rejection: null,
  };
}
