/**
 * Reads orders back as the full aggregates devices keep (OrderSnapshot:
 * lines, payments with change, flags) and rejections as RejectionSnapshot.
 * Callers choose the rows; this file only assembles them.
 */
import { asc, inArray } from "drizzle-orm";

import type {
  Discount,
  LineOption,
  OrderLine,
  OrderSnapshot,
  RejectionSnapshot,
  ServiceMode,
} from "@ocpizza/schema";
import { devices, orderLines, orders, payments, rejections, staff } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { withCardOwed } from "../payments/card-owed.js";
import { withKitchenAndDelivery } from "./order-extras.js";
import { splitFlags } from "./order-rows.js";

type OrderRow = typeof orders.$inferSelect;
type RejectionRow = typeof rejections.$inferSelect;

export async function toOrderSnapshots(
  db: Database,
  orderRows: readonly OrderRow[],
): Promise<OrderSnapshot[]> {
  if (orderRows.length === 0) return [];
  const ids = orderRows.map((row) => row.id);
  const deviceIds = [...new Set(orderRows.flatMap((row) => (row.deviceId ? [row.deviceId] : [])))];
  const staffIds = [
    ...new Set(orderRows.flatMap((row) => (row.takenByStaffId ? [row.takenByStaffId] : []))),
  ];
  const [lineRows, paymentRows, deviceRows, staffRows] = await Promise.all([
    db
      .select()
      .from(orderLines)
      .where(inArray(orderLines.orderId, ids))
      .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo)),
    db
      .select()
      .from(payments)
      .where(inArray(payments.orderId, ids))
      .orderBy(asc(payments.createdAt), asc(payments.id)),
    deviceIds.length === 0
      ? []
      : db
          .select({ id: devices.id, registerCode: devices.registerCode })
          .from(devices)
          .where(inArray(devices.id, deviceIds)),
    staffIds.length === 0
      ? []
      : db
          .select({ id: staff.id, name: staff.name })
          .from(staff)
          .where(inArray(staff.id, staffIds)),
  ]);
  const registerCodes = new Map(deviceRows.map((device) => [device.id, device.registerCode]));
  const staffNames = new Map(staffRows.map((member) => [member.id, member.name]));

  const linesByOrder = groupBy(lineRows, (line) => line.orderId);
  const paymentsByOrder = groupBy(paymentRows, (payment) => payment.orderId);
  const snapshots = orderRows.map((row): OrderSnapshot => ({
    id: row.id,
    channel: row.channel as OrderSnapshot["channel"],
    serviceMode: row.serviceMode as ServiceMode,
    createdAtMs: row.createdAt.getTime(),
    callNumber: row.callNumber,
    menuVersion: row.menuVersion,
    ...(row.customerName !== null && {
      customer: {
        name: row.customerName,
        ...(row.customerPhone !== null && { phone: row.customerPhone }),
        ...(row.deliveryAddress !== null && { address: row.deliveryAddress }),
        ...(row.deliveryNotes !== null && { deliveryNotes: row.deliveryNotes }),
      },
    }),
    ...(row.note !== null && { note: row.note }),
    lines: (linesByOrder.get(row.id) ?? []).map((line): OrderLine => ({
      id: line.id,
      productId: line.productId,
      size: line.size,
      name: line.name,
      categoryId: line.categoryId,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      vatRateBp: line.vatRateBp as OrderLine["vatRateBp"],
      options: JSON.parse(line.options) as LineOption[],
      ...(line.note !== null && { note: line.note }),
      ...(line.discountCents > 0 && { discountCents: line.discountCents }),
      ...(line.discount !== null && { discount: JSON.parse(line.discount) as Discount }),
      ...(line.promotionId !== null && { promotionId: line.promotionId }),
    })),
    ...(row.discount !== null && { discount: JSON.parse(row.discount) as Discount }),
    totalCents: row.totalCents,
    training: row.training,
    storeId: row.storeId,
    deviceId: row.deviceId,
    registerCode: row.deviceId ? (registerCodes.get(row.deviceId) ?? null) : null,
    status: row.status as OrderSnapshot["status"],
    statusReason: row.statusReason,
    businessDay: row.businessDay,
    paidCents: row.paidCents,
    // Refunds (negative payments of a credit note) belong to the credit note, not to the order.
    payments: (paymentsByOrder.get(row.id) ?? [])
      .filter((payment) => payment.amountCents > 0)
      .map((payment) => ({
        id: payment.id,
        method: payment.method as OrderSnapshot["payments"][number]["method"],
        amountCents: payment.amountCents,
        ...(payment.tenderedCents !== null && { tenderedCents: payment.tenderedCents }),
        createdAtMs: payment.createdAt.getTime(),
        changeCents: payment.changeCents,
      })),
    flags: splitFlags(row.flags),
    takenByStaffId: row.takenByStaffId,
    takenByStaffName: row.takenByStaffId ? (staffNames.get(row.takenByStaffId) ?? null) : null,
    version: row.version,
    updatedAtMs: row.updatedAt.getTime(),
  }));
  return withCardOwed(db, await withKitchenAndDelivery(db, snapshots));
}

export function toRejectionSnapshot(row: RejectionRow): RejectionSnapshot {
  return {
    id: row.id,
    deviceId: row.deviceId,
    seq: row.seq,
    kind: row.kind,
    orderId: row.orderId,
    code: row.code,
    message: row.message,
    createdAtMs: row.createdAt.getTime(),
    version: row.version,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
