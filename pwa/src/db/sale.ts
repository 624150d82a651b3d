/**
 * Recording a new order (a counter sale, paid or not, or a phone order): the
 * order row, its `order.create` outbox entry, its journal entry when it is a
 * ticket at once, and its payments in the drawer, in one Dexie transaction,
 * with the call number handed out in the same transaction.
 */
import {
  businessDay,
  changeDueCents,
  isTicket,
  newId,
  orderTotalCents,
  type Customer,
  type Discount,
  type OrderLine,
  type PaymentMethod,
  type ServiceMode,
} from "@ocpizza/schema";

import { CommandError } from "./command-error.js";
import { readMeta, type CounterDb } from "./database.js";
import { appendTicket, saleTicket } from "./journal.js";
import { appendMutation } from "./outbox.js";
import { requireOpenShift, takeIntoDrawer } from "./shift.js";
import { requireSignedIn } from "./staff-stamp.js";
import type { LocalOrder } from "./types.js";

export interface PaymentDraft {
  method: PaymentMethod;
  amountCents: number;
  /** What the customer handed over (cash, voucher face value); the change is derived. */
  tenderedCents?: number;
  /** Card through the counter's Square Terminal: Square's payment id (payment-card/). */
  squarePaymentId?: string;
  /** Card taken on the terminal's offline mode: its reference, for the reconciliation. */
  cardReference?: string;
}

export interface SaleInput {
  channel: "counter" | "phone";
  serviceMode: ServiceMode;
  lines: Omit<OrderLine, "id">[];
  customer?: Customer;
  note?: string;
  payments: PaymentDraft[];
  /** "completed": the customer takes it at once; "accepted": it goes to the kitchen first. */
  status: "accepted" | "completed";
  menuVersion: number;
  /** A discount on the whole order (its cents are already in the lines' discountCents). */
  discount?: Discount;
  /** The manager whose PIN approved a discount above the clerk's limit. */
  approvedByStaffId?: string;
}

export async function recordSale(
  db: CounterDb,
  input: SaleInput,
  nowMs: number = Date.now(),
): Promise<LocalOrder> {
  const tables = [db.meta, db.orders, db.outbox, db.journal, db.drawer];
  return db.transaction("rw", tables, async () => {
    const meta = await readMeta(db);
    if (!meta.store || !meta.credential) {
      throw new CommandError("not_paired", "pair this counter with a store before taking orders");
    }
    const clerk = requireSignedIn(meta);
    const shiftId = requireOpenShift(meta);
    const training = meta.trainingMode ?? false;

    const day = businessDay(nowMs, meta.store.timeZone, meta.store.closingMinutes);
    const callNumber = meta.callNumbers.businessDay === day ? meta.callNumbers.last + 1 : 1;
    await db.meta.put({ ...meta, callNumbers: { businessDay: day, last: callNumber } });

    const lines: OrderLine[] = input.lines.map((line) => ({ ...line, id: newId() }));
    const order = {
      id: newId(),
      channel: input.channel,
      serviceMode: input.serviceMode,
      createdAtMs: nowMs,
      callNumber,
      menuVersion: input.menuVersion,
      customer: input.customer,
      note: input.note || undefined,
      lines,
      totalCents: orderTotalCents(lines),
      ...(input.discount && { discount: input.discount }),
      training,
    };
    const payments = input.payments.map((p) => ({ ...p, id: newId(), createdAtMs: nowMs }));

    // Paid in full or handed over at once: the sale is a ticket, chained before it is queued.
    const paidCents = payments.reduce((sum, p) => sum + p.amountCents, 0);
    const ticket = isTicket({ status: input.status, totalCents: order.totalCents, paidCents })
      ? await appendTicket(db, saleTicket(meta, { ...order, payments }, nowMs), {
          staffId: clerk.id,
        })
      : undefined;

    const entry = await appendMutation(
      db,
      {
        kind: "order.create",
        atMs: nowMs,
        staffId: clerk.id,
        ...(input.approvedByStaffId && { approvedByStaffId: input.approvedByStaffId }),
        order,
        payments,
        status: input.status,
        ticket,
      },
      order.id,
    );
    if (entry.mutation.kind !== "order.create") throw new Error("outbox kept another kind");

    // Store what was validated (trimmed texts, defaults), exactly as it will be sent.
    const sent = entry.mutation;
    const local: LocalOrder = {
      ...sent.order,
      storeId: meta.store.id,
      deviceId: meta.credential.deviceId,
      status: sent.status,
      statusReason: null,
      businessDay: day,
      paidCents: sent.payments.reduce((sum, p) => sum + p.amountCents, 0),
      payments: sent.payments.map((p) => ({
        ...p,
        changeCents: changeDueCents(p.method, p.amountCents, p.tenderedCents),
      })),
      flags: [],
      takenByStaffId: clerk.id,
      takenByStaffName: clerk.name,
      version: 0,
      updatedAtMs: nowMs,
      syncState: "pending",
      rejection: null,
    };
    await db.orders.add(local);
    if (!training) {
      await takeIntoDrawer(db, shiftId, "payment", local.id, local.payments, nowMs, {
        staffId: clerk.id,
      });
    }
    return local;
  });
}
