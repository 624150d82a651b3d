/**
 * A driver's cash at the end of a shift: what their delivered orders
 * expected them to collect (amounts due at the door), against what they
 * hand in. The difference is recorded with the settlement, the deliveries
 * are marked settled so they count once, and a difference raises an alert
 * (driver_cash_difference) for the manager.
 */
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { alerts, deliveryAssignments, driverSettlements, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";

/** "12.50 EUR": alerts are read in the server log too, so no locale formatting. */
function formatEuros(cents: number): string {
  return `${(cents / 100).toFixed(2)} EUR`;
}

export interface OpenDeliveries {
  driverStaffId: string;
  deliveries: { orderId: string; toCollectCents: number; cashCollectedCents: number }[];
  /** What the delivered orders were due at the door. */
  expectedCents: number;
  /** What the driver recorded as collected, order by order. */
  declaredCents: number;
}

export interface Settlement {
  id: number;
  storeId: string;
  driverStaffId: string;
  deliveries: number;
  expectedCents: number;
  countedCents: number;
  differenceCents: number;
  settledByStaffId: string | null;
  createdAtMs: number;
}

/** The driver's delivered orders not settled yet. */
export async function openDeliveries(
  db: Database,
  storeId: string,
  driverStaffId: string,
): Promise<OpenDeliveries> {
  const rows = await db
    .select({
      orderId: deliveryAssignments.orderId,
      toCollectCents: deliveryAssignments.toCollectCents,
      cashCollectedCents: deliveryAssignments.cashCollectedCents,
    })
    .from(deliveryAssignments)
    .where(
      and(
        eq(deliveryAssignments.storeId, storeId),
        eq(deliveryAssignments.driverStaffId, driverStaffId),
        eq(deliveryAssignments.status, "delivered"),
        isNull(deliveryAssignments.settlementId),
      ),
    );
  return {
    driverStaffId,
    deliveries: rows,
    expectedCents: rows.reduce((sum, row) => sum + row.toCollectCents, 0),
    declaredCents: rows.reduce((sum, row) => sum + row.cashCollectedCents, 0),
  };
}

export async function settleDriver(
  pool: Pool,
  storeId: string,
  driverStaffId: string,
  countedCents: number,
  settledByStaffId: string | null,
  now: Date,
): Promise<Settlement> {
  return inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    // The store lock orders this settlement after any push delivering for the driver.
    await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId)).for("update");
    const open = await openDeliveries(db, storeId, driverStaffId);
    const differenceCents = countedCents - open.expectedCents;
    const row = {
      storeId,
      driverStaffId,
      deliveries: open.deliveries.length,
      expectedCents: open.expectedCents,
      countedCents,
      differenceCents,
      settledByStaffId,
      createdAt: now,
    };
    const [inserted] = await db.insert(driverSettlements).values(row).$returningId();
    if (open.deliveries.length > 0) {
      await db
        .update(deliveryAssignments)
        .set({ settlementId: inserted.id, updatedAt: now })
        .where(
          inArray(
            deliveryAssignments.orderId,
            open.deliveries.map((d) => d.orderId),
          ),
        );
    }
    if (differenceCents !== 0) {
      await db.insert(alerts).values({
        storeId,
        kind: "driver_cash_difference",
        message:
          `driver ${driverStaffId} handed in ${formatEuros(countedCents)} for ` +
          `${formatEuros(open.expectedCents)} expected over ${open.deliveries.length} ` +
          `deliveries: ${differenceCents > 0 ? "over" : "short"} by ` +
          `${formatEuros(Math.abs(differenceCents))}`,
        createdAt: now,
      });
    }
    return { ...row, id: inserted.id, createdAtMs: now.getTime() };
  });
}

/** A store's settlements, newest first. */
export async function listSettlements(db: Database, storeId: string, limit: number) {
  const rows = await db
    .select()
    .from(driverSettlements)
    .where(eq(driverSettlements.storeId, storeId))
    .orderBy(desc(driverSettlements.id))
    .limit(limit);
  return rows.map(({ createdAt, ...row }) => ({ ...row, createdAtMs: createdAt.getTime() }));
}
