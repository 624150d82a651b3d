/**
 * What every mutation handler of a push shares: the open transaction, the
 * locked store, the version this push writes, the current menu, and the
 * results a handler can give. Also the payment and id-clash helpers that
 * order.create and order.pay both need.
 */
import {
  changeDueCents,
  type MenuSnapshot,
  type Payment,
  type RejectionCode,
  type SaleFlag,
} from "@ocpizza/schema";
import type { payments } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import type { KnownIds, PendingWrites } from "./batch-writes.js";
import type { JournalBatch } from "./journal-batch.js";

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
  /** Ids of this batch already stored, kept current as the batch is applied. */
  known: KnownIds;
  /** New order rows not inserted yet (see batch-writes.ts). */
  pending: PendingWrites;
  /** The tickets of this push, checked against the device's register (see journal-batch.ts). */
  journal: JournalBatch;
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
 * before is skipped: that money is already recorded), as rows. Their ids
 * count as stored from now on.
 */
export function newPaymentRows(
  ctx: ApplyContext,
  orderId: string,
  businessDayOf: (epochMs: number) => string,
  incoming: readonly Payment[],
): PaymentRow[] {
  const fresh = incoming.filter((p) => {
    if (ctx.known.paymentIds.has(p.id)) return false;
    ctx.known.paymentIds.add(p.id);
    return true;
  });
  return fresh.map((p) => ({
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
export function findLineIdClash(
  ctx: ApplyContext,
  orderId: string,
  lineIds: readonly string[],
): string | null {
  const seen = new Set<string>();
  for (const id of lineIds) {
    const owner = ctx.known.lineOrder.get(id);
    if (seen.has(id) || (owner !== undefined && owner !== orderId)) return id;
    seen.add(id);
  }
  return null;
}

/** The lines now belong to this order, for the clash checks of later mutations. */
export function rememberLines(
  ctx: ApplyContext,
  orderId: string,
  lineIds: readonly string[],
): void {
  for (const id of lineIds) ctx.known.lineOrder.set(id, orderId);
}
