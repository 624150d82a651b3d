/**
 * Deliveries through the push and drivers' cash: an order is assigned,
 * leaves only once ready, is delivered with the cash collected; the driver's
 * settlement records the difference between the cash handed in and what the
 * deliveries expected, counts each delivery once, and alerts on a difference.
 */
import { describe, expect, it } from "vitest";

import type { Mutation, Order } from "@ocpizza/schema";

import { createStaff } from "../testing/account-fixtures.js";
import { buildOrder, createMutation, pairDevice, type PairedDevice } from "../testing/fixtures.js";
import { useSyncWorld, type SyncWorld } from "../testing/sync-world.js";

let w: SyncWorld;
const { push, query } = useSyncWorld((world) => (w = world));

function deliveryOrder(): Order {
  const order = buildOrder(w.menu, [{ productId: "hawaiian", size: "M", quantity: 2 }], {
    serviceMode: "delivery",
  });
  return { ...order, customer: { name: "Client Test", address: "1 rue de la Paix, Paris" } };
}

function step(seq: number, orderId: string, fields: Record<string, unknown>): Mutation {
  return { seq, atMs: Date.now(), kind: "delivery.update", orderId, ...fields } as Mutation;
}

function allReady(seq: number, order: Order): Mutation[] {
  return order.lines.flatMap((line, i) =>
    (["preparing", "in_oven", "ready"] as const).map((status, j): Mutation => ({
      seq: seq + i * 3 + j,
      atMs: Date.now(),
      kind: "order.line_status",
      orderId: order.id,
      lineId: line.id,
      status,
    })),
  );
}

async function settle(device: PairedDevice, body: object) {
  const response = await w.t.app.request("/api/v1/devices/me/driver-settlements", {
    method: "POST",
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function orderStatus(orderId: string) {
  const rows = await query("SELECT status FROM orders WHERE id = UNHEX(REPLACE(?, '-', ''))", [
    orderId,
  ]);
  return rows[0].status;
}

describe("deliveries", () => {
  it("leaves only once ready, then is delivered with the cash collected", async () => {
    const device = await pairDevice(w.t);
    const driver = await createStaff(w.t.db, { role: "driver", password: null });
    const order = deliveryOrder();
    await push(device, [createMutation(1, order)]);

    const early = await push(device, [
      step(2, order.id, { step: "assign", driverStaffId: driver.id }),
      step(3, order.id, { step: "out" }),
    ]);
    expect(early.results.map((r) => r.outcome)).toEqual(["applied", "rejected"]);

    await push(device, allReady(4, order));
    const later = await push(device, [
      step(7, order.id, { step: "out" }),
      step(8, order.id, { step: "delivered", cashCollectedCents: order.totalCents }),
    ]);
    expect(later.results.map((r) => r.outcome)).toEqual(["applied", "applied"]);
    expect(await orderStatus(order.id)).toBe("out_for_delivery");
    const [row] = await query(
      "SELECT status, to_collect_cents, cash_collected_cents FROM delivery_assignments " +
        "WHERE order_id = UNHEX(REPLACE(?, '-', ''))",
      [order.id],
    );
    expect(row).toMatchObject({
      status: "delivered",
      to_collect_cents: order.totalCents,
      cash_collected_cents: order.totalCents,
    });
  });

  it("refuses a driver who is not staff of the store, and a takeaway order", async () => {
    const device = await pairDevice(w.t);
    const elsewhere = await createStaff(w.t.db, { role: "driver", storeIds: ["montmartre"] });
    const order = deliveryOrder();
    const takeaway = buildOrder(w.menu, [{ productId: "hawaiian", size: "M" }]);
    await push(device, [createMutation(1, order), createMutation(2, takeaway)]);

    const answer = await push(device, [
      step(3, order.id, { step: "assign", driverStaffId: elsewhere.id }),
      step(4, takeaway.id, { step: "assign", driverStaffId: elsewhere.id }),
    ]);

    expect(answer.results.map((r) => r.code)).toEqual(["unknown_driver", "invalid_transition"]);
  });

  it("settles a driver's cash once, recording and alerting a difference", async () => {
    const device = await pairDevice(w.t, "vincennes");
    const driver = await createStaff(w.t.db, { role: "driver", storeIds: ["vincennes"] });
    const counter = await createStaff(w.t.db, { role: "counter", storeIds: ["vincennes"] });
    const orders = [deliveryOrder(), deliveryOrder()];
    let seq = 1;
    for (const order of orders) {
      await push(device, [createMutation(seq++, order)]);
      await push(device, allReady(seq, order));
      seq += order.lines.length * 3;
      await push(device, [
        step(seq++, order.id, { step: "assign", driverStaffId: driver.id }),
        step(seq++, order.id, { step: "out" }),
        step(seq++, order.id, { step: "delivered", cashCollectedCents: order.totalCents }),
      ]);
    }
    const expected = orders[0].totalCents + orders[1].totalCents;

    const first = await settle(device, {
      driverStaffId: driver.id,
      countedCents: expected - 500,
      staffId: counter.id,
    });
    const again = await settle(device, {
      driverStaffId: driver.id,
      countedCents: 0,
      staffId: counter.id,
    });

    expect(first.status).toBe(201);
    expect(first.body.settlement).toMatchObject({
      deliveries: 2,
      expectedCents: expected,
      countedCents: expected - 500,
      differenceCents: -500,
    });
    expect(again.body.settlement).toMatchObject({ deliveries: 0, differenceCents: 0 });
    const raised = await query(
      "SELECT message FROM alerts WHERE store_id = 'vincennes' AND kind = 'driver_cash_difference'",
    );
    expect(raised).toHaveLength(1);
    expect(raised[0].message).toContain("short by 5.00 EUR");
  });
});
