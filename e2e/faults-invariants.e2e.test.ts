/**
 * The fault suite's checks catch what they are for: each is given a broken
 * case (an order twice, a sale missing, a device behind, a confirmed entry
 * sent again) and must name it. No browser or database here.
 */
import { describe, expect, it } from "vitest";

import type { PushEvent, TakenSale } from "../faults/counter-driver.js";
import { devicesConverge, eachSaleOnce, outboxHonest, type Row } from "../faults/invariants.js";
import type { LocalState } from "../faults/local-state.js";

const SALE: TakenSale = {
  counter: "Comptoir 1",
  kind: "cash",
  shortId: "0A1B2C3D",
  callLabel: "A-1",
  totalCents: 1250,
  itemCount: 1,
  payments: [{ method: "cash", amountCents: 1250 }],
};

const ROW: Row = {
  id: "0194c3b2aaaa7e428c3f5b6a0a1b2c3d",
  deviceId: "0194c3a06b1e7c3d9a512f0e8d4b7a10",
  status: "completed",
  totalCents: 1250,
  paidCents: 1250,
  itemCount: 1,
  lineCount: 1,
  lineRows: 1,
  lineSumCents: 1250,
  paymentRows: 1,
  paymentSumCents: 1250,
};

function local(orders: Row[]): LocalState {
  return {
    deviceId: "0194c3a0-6b1e-7c3d-9a51-2f0e8d4b7a10",
    nextSeq: 2,
    pendingSeqs: [],
    confirmedUpTo: 1,
    outboxSeqs: [1],
    orders: orders.map((o) => ({ ...o, rejected: false })),
    rejections: [],
    lost: null,
  };
}

const answer = (lastAppliedSeq: number): PushEvent => ({
  kind: "answer",
  atMs: 0,
  status: 200,
  body: Promise.resolve({ lastAppliedSeq }),
});
const request = (seqs: number[]): PushEvent => ({ kind: "request", atMs: 0, seqs });

describe("the fault suite's invariants", () => {
  it("pass when MySQL holds each sale once, as the screen showed it", () => {
    expect(eachSaleOnce([SALE], [ROW]).violations).toEqual([]);
  });

  it("name a sale stored twice, a sale missing and a payment that differs", () => {
    expect(eachSaleOnce([SALE], [ROW, ROW]).violations.join()).toMatch(/2 rows in MySQL/);
    expect(eachSaleOnce([SALE], []).violations.join()).toMatch(/0 rows in MySQL/);
    const short = { ...ROW, paymentSumCents: 1000, paidCents: 1000 };
    expect(eachSaleOnce([SALE], [short]).violations.join()).toMatch(/0A1B2C3D/);
  });

  it("name a device that misses an order of the server or holds another status", () => {
    expect(devicesConverge([ROW], [{ name: "C1", local: local([ROW]) }]).violations).toEqual([]);
    expect(devicesConverge([ROW], [{ name: "C1", local: local([]) }]).violations.join()).toMatch(
      /1 server orders missing/,
    );
    const cancelled = { ...ROW, status: "cancelled" };
    expect(
      devicesConverge([ROW], [{ name: "C1", local: local([cancelled]) }]).violations.join(),
    ).toMatch(/1 differ/);
  });

  it("name a confirmed entry sent again, but allow a resend the server asked for", async () => {
    const resent = [request([1, 2]), answer(2), request([2, 3])];
    expect((await outboxHonest([{ name: "C1", pushes: resent }])).violations).toEqual([
      "C1: seq 2 resent as pending after it was confirmed",
    ]);
    const gap: PushEvent = {
      kind: "answer",
      atMs: 0,
      status: 409,
      body: Promise.resolve({ error: { code: "sequence_gap", lastAppliedSeq: 1 } }),
    };
    const asked = [request([1, 2]), answer(2), request([3]), gap, request([2, 3])];
    expect((await outboxHonest([{ name: "C1", pushes: asked }])).violations).toEqual([]);
  });
});
