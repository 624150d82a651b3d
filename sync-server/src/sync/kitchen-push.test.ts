/**
 * The kitchen through the push: order.line_status moves a line along the
 * allowed steps (refused steps are rejections, the queue goes on), the order
 * follows its lines, the pull carries each line's status, and once the
 * kitchen has started the counter needs a manager to change or cancel it.
 */
import { describe, expect, it } from "vitest";

import type { LinePrepStatus, Mutation, Order } from "@ocpizza/schema";

import { createStaff } from "../testing/account-fixtures.js";
import {
  buildOrder,
  createMutation,
  getPull,
  pairDevice,
  statusMutation,
} from "../testing/fixtures.js";
import { useSyncWorld, type SyncWorld } from "../testing/sync-world.js";

let w: SyncWorld;
const { push, query } = useSyncWorld((world) => (w = world));

function lineStatus(seq: number, order: Order, index: number, status: LinePrepStatus): Mutation {
  return {
    seq,
    atMs: Date.now(),
    kind: "order.line_status",
    orderId: order.id,
    lineId: order.lines[index].id,
    status,
  };
}

async function orderStatus(orderId: string): Promise<string> {
  const rows = await query("SELECT status FROM orders WHERE id = UNHEX(REPLACE(?, '-', ''))", [
    orderId,
  ]);
  return rows[0].status as string;
}

function twoPizzas(): Order {
  return buildOrder(w.menu, [
    { productId: "hawaiian", size: "M" },
    { productId: "hawaiian", size: "L" },
  ]);
}

describe("kitchen line statuses", () => {
  it("moves lines step by step; the order is preparing, then ready with every line", async () => {
    const device = await pairDevice(w.t);
    const order = twoPizzas();
    await push(device, [createMutation(1, order)]);

    const answer = await push(device, [
      lineStatus(2, order, 0, "preparing"),
      lineStatus(3, order, 0, "in_oven"),
      lineStatus(4, order, 0, "ready"),
    ]);
    expect(answer.results.map((r) => r.outcome)).toEqual(["applied", "applied", "applied"]);
    expect(await orderStatus(order.id)).toBe("preparing");

    await push(device, [
      lineStatus(5, order, 1, "preparing"),
      lineStatus(6, order, 1, "in_oven"),
      lineStatus(7, order, 1, "ready"),
    ]);
    expect(await orderStatus(order.id)).toBe("ready");

    const pulled = await getPull(w.t.app, device, { since: 0 });
    const snapshot = pulled.body.orders.find((o: { id: string }) => o.id === order.id);
    expect(snapshot.status).toBe("ready");
    expect(snapshot.preparation).toEqual({
      [order.lines[0].id]: "ready",
      [order.lines[1].id]: "ready",
    });
  });

  it("rejects a skipped step without stalling the queue", async () => {
    const device = await pairDevice(w.t);
    const order = twoPizzas();
    await push(device, [createMutation(1, order)]);

    const answer = await push(device, [
      lineStatus(2, order, 0, "ready"),
      lineStatus(3, order, 0, "preparing"),
    ]);

    expect(answer.results.map((r) => [r.outcome, r.code])).toEqual([
      ["rejected", "invalid_transition"],
      ["applied", undefined],
    ]);
    expect(await orderStatus(order.id)).toBe("preparing");
  });

  it("rejects a line of another order", async () => {
    const device = await pairDevice(w.t);
    const order = twoPizzas();
    const other = twoPizzas();
    await push(device, [createMutation(1, order)]);

    const answer = await push(device, [
      { ...lineStatus(2, order, 0, "preparing"), lineId: other.lines[0].id },
    ]);

    expect(answer.results[0]).toMatchObject({ outcome: "rejected", code: "unknown_line" });
  });

  it("needs a manager to cancel or change an order the kitchen has started", async () => {
    const device = await pairDevice(w.t);
    const counter = await createStaff(w.t.db, { role: "counter", password: null });
    const manager = await createStaff(w.t.db, { role: "manager", password: null });
    const order = twoPizzas();
    const changed = buildOrder(w.menu, [{ productId: "hawaiian", size: "S" }]);
    await push(device, [createMutation(1, order), lineStatus(2, order, 0, "preparing")]);
    const update = {
      seq: 3,
      atMs: Date.now(),
      kind: "order.update",
      staffId: counter.id,
      orderId: order.id,
      lines: changed.lines,
      totalCents: changed.totalCents,
    };

    const refused = await push(device, [
      update,
      { ...statusMutation(4, order.id, "cancelled"), staffId: counter.id },
      {
        ...statusMutation(5, order.id, "cancelled"),
        staffId: counter.id,
        approvedByStaffId: counter.id,
      },
    ]);
    expect(refused.results.map((r) => r.code)).toEqual([
      "needs_manager",
      "needs_manager",
      "needs_manager",
    ]);
    expect(await orderStatus(order.id)).toBe("preparing");

    const approved = await push(device, [
      {
        ...statusMutation(6, order.id, "cancelled"),
        staffId: counter.id,
        approvedByStaffId: manager.id,
      },
    ]);
    expect(approved.results[0].outcome).toBe("applied");
    expect(await orderStatus(order.id)).toBe("cancelled");
  });

  it("lets the counter change an order the kitchen has not started", async () => {
    const device = await pairDevice(w.t);
    const order = twoPizzas();
    const changed = buildOrder(w.menu, [{ productId: "hawaiian", size: "S" }]);
    await push(device, [createMutation(1, order)]);

    const answer = await push(device, [
      {
        seq: 2,
        atMs: Date.now(),
        kind: "order.update",
        orderId: order.id,
        lines: changed.lines,
        totalCents: changed.totalCents,
      },
    ]);

    expect(answer.results[0].outcome).toBe("applied");
  });
});
