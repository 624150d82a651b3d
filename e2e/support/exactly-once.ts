/**
 * The exactly-once check shared by the sync tests: the orders the clerk took
 * are in MySQL once each, with their lines and payment, and the device's
 * applied seqs run 1, 2, ..., lastAppliedSeq with no hole and no repeat.
 */
import type mysql from "mysql2/promise";
import { expect } from "vitest";

import type { TakenOrder } from "./counter.js";
import { appliedMutations, seqsUpTo, storedDevice, storedOrders } from "./store-rows.js";

export interface ExactlyOnceReport {
  deviceId: string;
  lastAppliedSeq: number;
  appliedSeqs: number[];
}

export async function expectEachOrderOnce(
  sql: mysql.Pool,
  deviceName: string,
  taken: TakenOrder[],
  storeId = "bastille",
): Promise<ExactlyOnceReport> {
  const device = await storedDevice(sql, deviceName);
  const stored = await storedOrders(sql, storeId);
  expect(stored, "orders of the store in MySQL").toHaveLength(taken.length);
  expect(new Set(stored.map((row) => row.id)).size).toBe(taken.length);
  for (const order of taken) {
    const row = stored.find((candidate) => candidate.id.endsWith(order.shortId.toLowerCase()));
    expect(row, `order ${order.shortId} (n° ${order.callNumber}) in MySQL`).toMatchObject({
      deviceId: device.id,
      callNumber: order.callNumber,
      totalCents: order.totalCents,
      paidCents: order.totalCents,
      lineCount: order.lineCount,
      lineRows: order.lineCount,
      paymentRows: 1,
      paymentSumCents: order.totalCents,
      tenderedSumCents: order.tenderedCents,
    });
  }

  const audit = await appliedMutations(sql, device.id);
  const appliedSeqs = audit.map((row) => row.seq);
  expect(appliedSeqs, "seqs applied for the device").toEqual(seqsUpTo(audit.length));
  expect(audit.filter((row) => row.outcome !== "applied")).toEqual([]);
  expect(audit.filter((row) => row.kind === "order.create")).toHaveLength(taken.length);
  expect(device.lastAppliedSeq).toBe(audit.length);
  return { deviceId: device.id, lastAppliedSeq: device.lastAppliedSeq, appliedSeqs };
}
