/**
 * Tests of push delivery: exactly once under resends and concurrent pushes, gaps,
 * what is stored for a sale, and the device's position.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, Mutation } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  countRows,
  createMutation,
  deviceState,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
});
afterAll(() => t?.drop());

function creates(firstSeq: number, count: number): Mutation[] {
  return Array.from({ length: count }, (_, i) =>
    createMutation(
      firstSeq + i,
      buildOrder(menu, [{ productId: "hawaiian", size: "M", quantity: 1 + (i % 3) }], {
        callNumber: firstSeq + i,
      }),
    ),
  );
}

async function ordersOf(deviceId: string) {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    "SELECT LOWER(HEX(id)) AS id, total_cents, version, status FROM orders " +
      "WHERE device_id = UNHEX(REPLACE(?, '-', '')) ORDER BY id",
    [deviceId],
  );
  return rows.map((r) => ({ ...r }));
}

describe("push", () => {
  it("applies a batch once: the same batch pushed again is all duplicate", async () => {
    const device = await pairDevice(t);
    const body = pushBody(device, creates(1, 3));

    const first = await postPush(t.app, device, body);
    const second = await postPush(t.app, device, body);

    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      "applied",
      "applied",
      "applied",
    ]);
    expect(first.body.lastAppliedSeq).toBe(3);
    expect(second.status).toBe(200);
    expect(second.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    expect(second.body.storeVersion).toBe(first.body.storeVersion);
    expect(await ordersOf(device.deviceId)).toHaveLength(3);
    expect((await deviceState(t.pool, device.deviceId)).lastAppliedSeq).toBe(3);
  });

  it("applies each order once when two pushes of one client overlap in flight", async () => {
    const device = await pairDevice(t);
    const mutations = creates(1, 8);

    const [a, b] = await Promise.all([
      postPush(t.app, device, pushBody(device, mutations.slice(0, 5))),
      postPush(t.app, device, pushBody(device, mutations)),
    ]);

    expect([a.status, b.status]).toEqual([200, 200]);
    const applied = [...a.body.results, ...b.body.results].filter(
      (r: { outcome: string }) => r.outcome === "applied",
    );
    expect(
      applied.map((r: { seq: number }) => r.seq).sort((x: number, y: number) => x - y),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await ordersOf(device.deviceId)).toHaveLength(8);
    expect((await deviceState(t.pool, device.deviceId)).lastAppliedSeq).toBe(8);
  });

  it("answers a gap with 409 and the last applied seq, writing nothing", async () => {
    const device = await pairDevice(t);
    await postPush(t.app, device, pushBody(device, creates(1, 2)));
    const before = await countRows(t.pool);

    const gap = await postPush(t.app, device, pushBody(device, creates(5, 2)));

    expect(gap.status).toBe(409);
    expect(gap.body.error).toMatchObject({ code: "sequence_gap", lastAppliedSeq: 2 });
    expect(gap.body.error.message).toMatch(/resend from seq 3/);
    expect(await countRows(t.pool)).toEqual(before);
  });

  it("keeps the same state when the answer of a committed push was lost and it is resent", async () => {
    const device = await pairDevice(t);
    const body = pushBody(device, creates(1, 4));
    await postPush(t.app, device, body); // the device never sees this answer
    const stateAfterFirst = await ordersOf(device.deviceId);
    const countsAfterFirst = await countRows(t.pool);

    const resent = await postPush(t.app, device, body);

    expect(resent.status).toBe(200);
    expect(new Set(resent.body.results.map((r: { outcome: string }) => r.outcome))).toEqual(
      new Set(["duplicate"]),
    );
    expect(resent.body.lastAppliedSeq).toBe(4);
    expect(await ordersOf(device.deviceId)).toEqual(stateAfterFirst);
    expect(await countRows(t.pool)).toEqual(countsAfterFirst);
  });

  it("answers a re-sent order id under a new seq as a duplicate", async () => {
    const device = await pairDevice(t);
    const [create] = creates(1, 1);
    await postPush(t.app, device, pushBody(device, [create]));

    const again = await postPush(t.app, device, pushBody(device, [{ ...create, seq: 2 }]));

    expect(again.body.results).toEqual([expect.objectContaining({ seq: 2, outcome: "duplicate" })]);
    expect(again.body.lastAppliedSeq).toBe(2);
    expect(await ordersOf(device.deviceId)).toHaveLength(1);
  });

  it("refuses an order id of another store as foreign_order, and goes on", async () => {
    const bastille = await pairDevice(t, "bastille");
    const vincennes = await pairDevice(t, "vincennes");
    const [create] = creates(1, 1);
    await postPush(t.app, bastille, pushBody(bastille, [create]));

    const foreign = await postPush(
      t.app,
      vincennes,
      pushBody(vincennes, [create, ...creates(2, 1)]),
    );

    expect(
      foreign.body.results.map((r: { outcome: string; code?: string }) => r.code ?? r.outcome),
    ).toEqual(["foreign_order", "applied"]);
    expect(foreign.body.lastAppliedSeq).toBe(2);
  });

  it("stores totals from the lines, VAT per rate, payments with change and the reported outbox", async () => {
    const device = await pairDevice(t);
    const order = buildOrder(
      menu,
      [
        { productId: "pepperoni", size: "L", quantity: 2 },
        { productId: "coca_cola_33", size: "U", quantity: 3 },
        { productId: "biere_peroni_33", size: "U", quantity: 1 },
      ],
      { serviceMode: "takeaway" },
    );
    const payment = cashPayment(order.totalCents, order.totalCents + 730);

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [createMutation(1, order, { payments: [payment], status: "completed" })], {
        outbox: { pending: 2, oldestPendingAtMs: Date.now() - 60_000, highestSeq: 3 },
      }),
    );

    expect(response.body.results[0].outcome).toBe("applied");
    const [[stored]] = await t.pool.query<RowDataPacket[]>(
      "SELECT total_cents, paid_cents, item_count, line_count, status FROM orders WHERE id = " +
        "UNHEX(REPLACE(?, '-', ''))",
      [order.id],
    );
    expect(stored).toMatchObject({
      total_cents: order.totalCents,
      paid_cents: order.totalCents,
      item_count: 6,
      line_count: 3,
      status: "completed",
    });
    const [vat] = await t.pool.query<RowDataPacket[]>(
      "SELECT rate_bp, total_cents, vat_cents FROM order_vat WHERE order_id = " +
        "UNHEX(REPLACE(?, '-', '')) ORDER BY rate_bp",
      [order.id],
    );
    const pizza = 2 * order.lines[0].unitPriceCents;
    const soft = 3 * order.lines[1].unitPriceCents;
    const beer = order.lines[2].unitPriceCents;
    expect(vat.map((r) => [r.rate_bp, r.total_cents, r.vat_cents])).toEqual([
      [550, soft, Math.round((soft * 550) / 10_550)],
      [1000, pizza, Math.round((pizza * 1000) / 11_000)],
      [2000, beer, Math.round((beer * 2000) / 12_000)],
    ]);
    const [[pay]] = await t.pool.query<RowDataPacket[]>(
      "SELECT change_cents FROM payments WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [payment.id],
    );
    expect(pay.change_cents).toBe(730);
    expect((await deviceState(t.pool, device.deviceId)).pending).toBe(2);
  });

  it("files a sale made before the closing hour under the previous business day", async () => {
    const device = await pairDevice(t);
    // 2015-01-10 02:30 in Paris (UTC+1) is 01:30 UTC: still the business day of the 9th.
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "S" }], {
      createdAtMs: Date.UTC(2015, 0, 10, 1, 30),
    });

    await postPush(t.app, device, pushBody(device, [createMutation(1, order)]));

    const [[row]] = await t.pool.query<RowDataPacket[]>(
      "SELECT business_day FROM orders WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [order.id],
    );
    expect(row.business_day).toBe("2015-01-09");
  });

  it("reports the device's position on /sync/state", async () => {
    const device = await pairDevice(t, "montmartre");
    const pushed = await postPush(t.app, device, pushBody(device, creates(1, 2)));

    const response = await t.app.request("/api/v1/sync/state", {
      headers: { authorization: `Bearer ${device.token}` },
    });

    expect(await response.json()).toEqual({
      deviceId: device.deviceId,
      storeId: "montmartre",
      lastAppliedSeq: 2,
      storeVersion: pushed.body.storeVersion,
      menuVersion: menu.version,
    });
  });

  it("refuses an unknown protocol version, naming the versions it accepts", async () => {
    const device = await pairDevice(t);

    const response = await postPush(t.app, device, {
      ...pushBody(device, creates(1, 1)),
      protocol: 0,
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "unsupported_protocol", accepted: [1] });
    expect(await ordersOf(device.deviceId)).toHaveLength(0);
  });
});
