/**
 * What the counter shows about card money Square took back: for each order
 * snapshot, the card sales the counter recorded that Square declined
 * (`cardOwedCents`). Read in one query for a page of orders.
 */
import { and, inArray, isNotNull } from "drizzle-orm";

import type { OrderSnapshot } from "@ocpizza/schema";
import { cardPayments } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

const VOID = ["FAILED", "CANCELED"];

export async function withCardOwed(
  db: Database,
  snapshots: OrderSnapshot[],
): Promise<OrderSnapshot[]> {
  if (snapshots.length === 0) return snapshots;
  const rows = await db
    .select({ orderId: cardPayments.orderId, amountCents: cardPayments.amountCents })
    .from(cardPayments)
    .where(
      and(
        inArray(
          cardPayments.orderId,
          snapshots.map((order) => order.id),
        ),
        isNotNull(cardPayments.ledgerPaymentId),
        inArray(cardPayments.status, VOID),
      ),
    );
  if (rows.length === 0) return snapshots;
  const owed = new Map<string, number>();
  for (const row of rows) owed.set(row.orderId, (owed.get(row.orderId) ?? 0) + row.amountCents);
  return snapshots.map((order) =>
    owed.has(order.id) ? { ...order, cardOwedCents: owed.get(order.id)! } : order,
  );
}
