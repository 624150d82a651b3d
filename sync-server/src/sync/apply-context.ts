/**
 * What every mutation handler of a push shares: the open transaction, the
 * locked store, the version this push writes, the current menu, and the
 * results a handler can give. Also the payment and id-clash helpers that
 * order.create and order.pay both need.
 */
import { and, inArray, ne } from "drizzle-orm";

import {
  changeDueCents,
  type MenuSnapshot,
  type Payment,
  type RejectionCode,
  type SaleFlag,
} from "@ocpizza/schema";
import { orderLines, payments } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export interface LockedStore {
  id: string;
  timeZone: string;
  closingMinutes: number;
  version: number;
}

export interface PendingAlert {
  kind: string;
  message: string;
  orderId: string | null;
}

export interface ApplyContext {
  db: Database;
  store: LockedStore;
  deviceId: string;
  /** The store version every row written by this push carries. */
  version: number;
  menu: MenuSnapshot;
  now: Date;
  alerts: PendingAlert[];
}

export type ApplyResult =
  | { outcome: "applied" }
  | { outcome: "duplicate"; message: string }
  | { outcome: "flagged"; flags: SaleFlag[]; message: string }
  | { outcome: "rejected"; code: RejectionCode; message: string; orderId: string | null };

export function rejected(
  code: RejectionCode,
  message: string,
  orderId: string | null,
): ApplyResult {
  return { outcome: "rejected", code, message, orderId };
}

/** Flags make the outcome `flagged` and raise one alert naming the new findings. */
export function flaggedOrApplied(
  ctx: ApplyContext,
  orderId: string,
  flags: readonly SaleFlag[],
  newFindings: readonly string[],
): ApplyResult {
  if (flags.length === 0) return { outcome: "applied" };
  const message = `order ${orderId} recorded with ${flags.join(", ")}: ${newFindings.join("; ") || "already flagged"}`;
  if (newFindings.length > 0) ctx.alerts.push({ kind: "sale_flagged", message, orderId });
  return { outcome: "flagged", flags: [...flags], message };
}

export type PaymentRow = typeof payments.$inferInsert;

/**
 * The payments of a mutation that are not stored yet (a payment id seen
 * before is skipped: that money is already recorded), as rows.
 */
export async function newPaymentRows(
  ctx: ApplyContext,
  orderId: string,
  businessDayOf: (epochMs: number) => string,
  incoming: readonly Payment[],
): Promise<PaymentRow[]> {
  const unique = [...new Map(incoming.map((p) => [p.id, p])).values()];
  if (unique.length === 0) return [];
  const stored = await ctx.db
    .select({ id: payments.id })
    .from(payments)
    .where(
      inArray(
        payments.id,
        unique.map((p) => p.id),
      ),
    );
  const storedIds = new Set(stored.map((row) => row.id));
  return unique
    .filter((p) => !storedIds.has(p.id))
    .map((p) => ({
      id: p.id,
      orderId,
      storeId: ctx.store.id,
      businessDay: businessDayOf(p.createdAtMs),
      deviceId: ctx.deviceId,
      method: p.method,
      amountCents: p.amountCents,
      tenderedCents: p.tenderedCents ?? null,
      changeCents: changeDueCents(p.method, p.amountCents, p.tenderedCents),
      createdAt: new Date(p.createdAtMs),
    }));
}

/**
 * A line id repeated inside the order or already used by another order:
 * storing it would break the primary key, so the mutation is refused instead.
 */
export async function findLineIdClash(
  ctx: ApplyContext,
  orderId: string,
  lineIds: readonly string[],
): Promise<string | null> {
  const seen = new Set<string>();
  for (const id of lineIds) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  const [clash] = await ctx.db
    .select({ id: orderLines.id })
    .from(orderLines)
    .where(and(inArray(orderLines.id, [...seen]), ne(orderLines.orderId, orderId)))
    .limit(1);
  return clash?.id ?? null;
}
