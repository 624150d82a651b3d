/**
 * A customer's own data, for the export they download: their profile, their
 * sessions (when and until when, never a token) and the orders linked to
 * them (orders.customer_id) with lines, VAT and payments. Every query is
 * keyed by the one customer id; nothing here can reach another customer.
 */
import { and, asc, eq, inArray } from "drizzle-orm";

import {
  customers,
  onlineOrders,
  orderLines,
  orders,
  orderVat,
  payments,
  sessions,
} from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

/** Bumped when the shape of the export changes, so a reader knows which it holds. */
export const EXPORT_FORMAT = 1;

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export async function exportCustomerData(db: Database, customerId: string, nowMs: number) {
  const [profile] = await db.select().from(customers).where(eq(customers.id, customerId));
  const sessionRows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.subjectKind, "customer"), eq(sessions.subjectId, customerId)))
    .orderBy(asc(sessions.createdAt));
  const orderRows = await db
    .select()
    .from(orders)
    .where(eq(orders.customerId, customerId))
    .orderBy(asc(orders.createdAt));

  const orderIds = orderRows.map((o) => o.id);
  const lines = orderIds.length
    ? await db.select().from(orderLines).where(inArray(orderLines.orderId, orderIds))
    : [];
  const vat = orderIds.length
    ? await db.select().from(orderVat).where(inArray(orderVat.orderId, orderIds))
    : [];
  const paid = orderIds.length
    ? await db.select().from(payments).where(inArray(payments.orderId, orderIds))
    : [];
  // What an online order keeps beyond the order: the email its mails went to, the language.
  const online = orderIds.length
    ? await db.select().from(onlineOrders).where(inArray(onlineOrders.orderId, orderIds))
    : [];

  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date(nowMs).toISOString(),
    profile: {
      id: profile.id,
      email: profile.email,
      name: profile.name,
      phone: profile.phone,
      createdAt: iso(profile.createdAt),
      emailVerifiedAt: iso(profile.emailVerifiedAt),
    },
    sessions: sessionRows.map((s) => ({
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      revokedAt: iso(s.revokedAt),
    })),
    orders: orderRows.map((order) => ({
      id: order.id,
      storeId: order.storeId,
      channel: order.channel,
      serviceMode: order.serviceMode,
      status: order.status,
      businessDay: order.businessDay,
      createdAt: iso(order.createdAt),
      callNumber: order.callNumber,
      totalCents: order.totalCents,
      paidCents: order.paidCents,
      customerName: order.customerName,
      customerPhone: order.customerPhone,
      deliveryAddress: order.deliveryAddress,
      deliveryNotes: order.deliveryNotes,
      note: order.note,
      online: onlineOf(online.find((row) => row.orderId === order.id)),
      lines: lines
        .filter((line) => line.orderId === order.id)
        .sort((a, b) => a.lineNo - b.lineNo)
        .map((line) => ({
          lineNo: line.lineNo,
          productId: line.productId,
          size: line.size,
          name: line.name,
          quantity: line.quantity,
          unitPriceCents: line.unitPriceCents,
          totalCents: line.totalCents,
          vatRateBp: line.vatRateBp,
          options: parseOptions(line.options),
          note: line.note,
        })),
      vat: vat
        .filter((row) => row.orderId === order.id)
        .map((row) => ({ rateBp: row.rateBp, totalCents: row.totalCents, vatCents: row.vatCents })),
      payments: paid
        .filter((payment) => payment.orderId === order.id)
        .map((payment) => ({
          method: payment.method,
          amountCents: payment.amountCents,
          createdAt: iso(payment.createdAt),
        })),
    })),
  };
}

export type CustomerExport = Awaited<ReturnType<typeof exportCustomerData>>;

function onlineOf(row: typeof onlineOrders.$inferSelect | undefined) {
  if (!row) return null;
  return {
    email: row.email,
    language: row.language,
    promisedAt: iso(row.promisedAt),
    paymentMethod: row.paymentMethod,
  };
}

function parseOptions(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
