/**
 * The differences a reconciliation finds, and the one alert each raises: a
 * difference found again on a later run (same store, day, kind and payment)
 * is listed again but never alerted twice.
 */
import { eq } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import { alerts, squareReconcileFindings } from "@ocpizza/schema/db";

import { classifyDbError } from "../db/errors.js";
import { inTransaction } from "../db/transaction.js";
import { isUuid } from "./records.js";

export type DifferenceKind =
  | "missing_here"
  | "missing_at_square"
  | "amount_mismatch"
  | "status_mismatch"
  | "offline_not_found"
  | "offline_declined";

export interface Difference {
  kind: DifferenceKind;
  orderId: string | null;
  squarePaymentId: string | null;
  /** Our card record, or the counter's ledger row for an offline sale. */
  ourId: string | null;
  squareAmountCents: number | null;
  ourAmountCents: number | null;
  message: string;
}

/** One alert per difference, ever: the finding's key is written in the alert's transaction. */
export async function raiseAlerts(
  pool: Pool,
  storeId: string,
  day: string,
  differences: readonly Difference[],
  nowMs: number,
): Promise<number> {
  let raised = 0;
  for (const difference of differences) {
    const reference = difference.squarePaymentId ?? difference.ourId ?? difference.orderId ?? "";
    const findingKey = `${storeId}|${day}|${difference.kind}|${reference}`.slice(0, 191);
    const createdAt = new Date(nowMs);
    const fresh = await inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
      const [known] = await db
        .select({ key: squareReconcileFindings.findingKey })
        .from(squareReconcileFindings)
        .where(eq(squareReconcileFindings.findingKey, findingKey))
        .for("update");
      if (known) return false;
      const [alert] = await db
        .insert(alerts)
        .values({
          storeId,
          kind: "square_mismatch",
          message: `${day}: ${difference.message}`.slice(0, 500),
          orderId: difference.orderId && isUuid(difference.orderId) ? difference.orderId : null,
          createdAt,
        })
        .$returningId();
      await db
        .insert(squareReconcileFindings)
        .values({ findingKey, storeId, alertId: alert.id, createdAt });
      return true;
    }).catch((error: unknown) => {
      // Two runs at once: the other one raised it.
      if (classifyDbError(error) === "duplicate_key") return false;
      throw error;
    });
    if (fresh) raised++;
  }
  return raised;
}
