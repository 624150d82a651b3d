/**
 * What an order snapshot carries for the kitchen and the drivers: each
 * line's preparation status, the promised time of an online order, and its
 * delivery (driver, status, cash). Read in three queries for a page of
 * orders and merged into the snapshots order-snapshots.ts builds.
 */
import { inArray } from "drizzle-orm";

import type { DeliverySnapshot, LinePrepStatus, OrderSnapshot } from "@ocpizza/schema";
import { deliveryAssignments, linePreparation, onlineOrders, staff } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export async function withKitchenAndDelivery(
  db: Database,
  snapshots: OrderSnapshot[],
): Promise<OrderSnapshot[]> {
  if (snapshots.length === 0) return snapshots;
  const ids = snapshots.map((order) => order.id);
  const [prepRows, onlineRows, deliveryRows] = await Promise.all([
    db
      .select({
        orderId: linePreparation.orderId,
        lineId: linePreparation.lineId,
        status: linePreparation.status,
      })
      .from(linePreparation)
      .where(inArray(linePreparation.orderId, ids)),
    db
      .select({ orderId: onlineOrders.orderId, promisedAt: onlineOrders.promisedAt })
      .from(onlineOrders)
      .where(inArray(onlineOrders.orderId, ids)),
    db.select().from(deliveryAssignments).where(inArray(deliveryAssignments.orderId, ids)),
  ]);
  const driverIds = [...new Set(deliveryRows.map((row) => row.driverStaffId))];
  const drivers =
    driverIds.length === 0
      ? []
      : await db
          .select({ id: staff.id, name: staff.name })
          .from(staff)
          .where(inArray(staff.id, driverIds));
  const driverNames = new Map(drivers.map((driver) => [driver.id, driver.name]));

  const preparation = new Map<string, Record<string, LinePrepStatus>>();
  for (const row of prepRows) {
    const lines = preparation.get(row.orderId) ?? {};
    lines[row.lineId] = row.status as LinePrepStatus;
    preparation.set(row.orderId, lines);
  }
  const promised = new Map(onlineRows.map((row) => [row.orderId, row.promisedAt.getTime()]));
  const deliveries = new Map(
    deliveryRows.map((row): [string, DeliverySnapshot] => [
      row.orderId,
      {
        driverStaffId: row.driverStaffId,
        driverName: driverNames.get(row.driverStaffId) ?? null,
        status: row.status as DeliverySnapshot["status"],
        toCollectCents: row.toCollectCents,
        cashCollectedCents: row.cashCollectedCents,
        incidentNote: row.incidentNote,
        assignedAtMs: row.assignedAt.getTime(),
        settled: row.settlementId !== null,
      },
    ]),
  );
  return snapshots.map((order) => ({
    ...order,
    preparation: preparation.get(order.id) ?? {},
    promisedAtMs: promised.get(order.id) ?? null,
    delivery: deliveries.get(order.id) ?? null,
  }));
}
