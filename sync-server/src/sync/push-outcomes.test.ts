/**
 * Tests of push outcomes: rejections that do not stall the queue, flagged sales,
 * updates and payments, and lost ranges.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId, type MenuSnapshot, type Mutation } from "@ocpizza/schema";

import {
  buildOrder,
  outcomeCodes as outcomes,
  cashPayment,
  countRows,
  createMutation,
  deviceState,
  fetchMenu,
  getPull,
  pairDevice,
  payMutation,
  postPush,
  pushBody,
  statusMutation,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
});
afterAll(() => t?.drop());

async function orderRow(orderId: string) {
  const [[row]] = await t.pool.query<RowDataPacket[]>(
    "SELECT status, flags, total_cents, paid_cents, item_count FROM orders WHERE id = " +
      "UNHEX(REPLACE(?, '-', ''))",
    [orderId],
  );
  return row;
}

describe("push outcomes", () => {
  it("rejects commands the rules refuse without stalling the queue, and pull returns the rejections", async () => {
    const device = await pairDevice(t);
    const paid = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const open = buildOrder(menu, [{ productId: "four_cheese", size: "L" }]);
    const unknownId = newId();
    const mutations: Mutation[] = [
      createMutation(1, paid, { payments: [cashPayment(paid.totalCents)] }),
      statusMutation(2, paid.id, "cancelled"),
      statusMutation(3, unknownId, "ready"),
      payMutation(4, unknownId, [cashPayment(500)]),
      createMutation(5, open),
      statusMutation(6, open.id, "out_for_delivery"),
      statusMutation(7, open.id, "preparing"),
    ];

    const response = await postPush(t.app, device, pushBody(device, mutations));

    expect(response.status).toBe(200);
    expect(outcomes(response.body)).toEqual([
      "applied",
      "rejected:order_is_ticket",
      "rejected:unknown_order",
      "rejected:unknown_order",
      "applied",
      "rejected:invalid_transition",
      "applied",
    ]);
    expect(response.body.lastAppliedSeq).toBe(7);
    expect((await orderRow(paid.id)).status).toBe("accepted");
    expect((await orderRow(open.id)).status).toBe("preparing");

    const pulled = await getPull(t.app, device, { since: 0 });
    expect(
      pulled.body.rejections.map((r: { seq: number; code: string }) => [r.seq, r.code]),
    ).toEqual([
      [2, "order_is_ticket"],
      [3, "unknown_order"],
      [4, "unknown_order"],
      [6, "invalid_transition"],
    ]);
    expect(pulled.body.rejections[0]).toMatchObject({
      deviceId: device.deviceId,
      kind: "order.status",
      orderId: paid.id,
      version: response.body.storeVersion,
    });
  });

  it("stores a sale priced with an older menu or of a removed product, flagged and alerted", async () => {
    const device = await pairDevice(t, "boulogne");
    const oldPrices = buildOrder(menu, [{ productId: "the_greek", size: "XL" }]);
    const removedProduct = buildOrder(menu, [{ productId: "calabrese", size: "M" }]);
    const removedSize = buildOrder(menu, [{ productId: "big_meat", size: "L", quantity: 2 }]);
    await t.pool.query(
      "UPDATE product_sizes SET price_cents = price_cents + 100 WHERE product_id = 'the_greek'",
    );
    await t.pool.query("UPDATE products SET active = FALSE WHERE id = 'calabrese'");
    await t.pool.query("DELETE FROM product_sizes WHERE product_id = 'big_meat' AND size = 'L'");
    await t.pool.query(
      "INSERT INTO menu_versions (created_at, note) VALUES (NOW(3), 'test change')",
    );

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, oldPrices, { payments: [cashPayment(oldPrices.totalCents)] }),
        createMutation(2, removedProduct),
        createMutation(3, removedSize),
      ]),
    );

    expect(outcomes(response.body)).toEqual([
      "flagged:price_mismatch",
      "flagged:unknown_product",
      "flagged:unknown_product",
    ]);
    expect(await orderRow(oldPrices.id)).toMatchObject({
      flags: "price_mismatch",
      total_cents: oldPrices.totalCents,
      paid_cents: oldPrices.totalCents,
    });
    expect(await orderRow(removedSize.id)).toMatchObject({ total_cents: removedSize.totalCents });
    const [alerts] = await t.pool.query<RowDataPacket[]>(
      "SELECT kind FROM alerts WHERE store_id = 'boulogne' AND kind = 'sale_flagged'",
    );
    expect(alerts).toHaveLength(3);
    const pulled = await getPull(t.app, device, { since: 0, menuVersion: menu.version });
    const flagsById = Object.fromEntries(
      pulled.body.orders.map((o: { id: string; flags: string[] }) => [o.id, o.flags]),
    );
    expect(flagsById[removedProduct.id]).toEqual(["unknown_product"]);
    expect(pulled.body.menu.version).toBe(menu.version + 1);
  });

  it("recomputes a total the device got wrong and flags an overpaid order", async () => {
    const device = await pairDevice(t);
    const order = buildOrder(menu, [{ productId: "pepperoni", size: "S", quantity: 2 }]);
    const wrongTotal = { ...order, totalCents: order.totalCents - 50 };

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, wrongTotal),
        payMutation(2, order.id, [cashPayment(order.totalCents + 300)]),
      ]),
    );

    expect(outcomes(response.body)).toEqual([
      "flagged:total_mismatch",
      "flagged:total_mismatch,overpaid",
    ]);
    expect(await orderRow(order.id)).toMatchObject({
      total_cents: order.totalCents,
      paid_cents: order.totalCents + 300,
      flags: "total_mismatch,overpaid",
    });
  });

  it("replaces the lines of an open order on update and refuses to edit a ticket", async () => {
    const device = await pairDevice(t);
    const order = buildOrder(menu, [{ productId: "mexicana", size: "M" }]);
    const newLines = buildOrder(menu, [
      { productId: "mexicana", size: "L", quantity: 2 },
      { productId: "tiramisu", size: "U" },
    ]).lines;
    const newTotal = newLines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
    const payment = cashPayment(newTotal);

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, order),
        {
          seq: 2,
          atMs: Date.now(),
          kind: "order.update",
          orderId: order.id,
          lines: newLines,
          totalCents: newTotal,
        },
        payMutation(3, order.id, [payment]),
        payMutation(4, order.id, [payment]),
        {
          seq: 5,
          atMs: Date.now(),
          kind: "order.update",
          orderId: order.id,
          lines: order.lines,
          totalCents: order.totalCents,
        },
      ]),
    );

    expect(outcomes(response.body)).toEqual([
      "applied",
      "applied",
      "applied",
      "applied",
      "rejected:order_is_ticket",
    ]);
    expect(await orderRow(order.id)).toMatchObject({
      total_cents: newTotal,
      paid_cents: newTotal,
      item_count: 3,
    });
    const [lines] = await t.pool.query<RowDataPacket[]>(
      "SELECT product_id, size FROM order_lines WHERE order_id = UNHEX(REPLACE(?, '-', '')) " +
        "ORDER BY line_no",
      [order.id],
    );
    expect(lines.map((l) => `${l.product_id}/${l.size}`)).toEqual(["mexicana/L", "tiramisu/U"]);
    const [vat] = await t.pool.query<RowDataPacket[]>(
      "SELECT rate_bp FROM order_vat WHERE order_id = UNHEX(REPLACE(?, '-', '')) ORDER BY rate_bp",
      [order.id],
    );
    expect(vat.map((v) => v.rate_bp)).toEqual([550, 1000]);
  });

  it("records a lost range once and moves the cursor past it", async () => {
    const device = await pairDevice(t, "batignolles");
    await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, buildOrder(menu, [{ productId: "hawaiian", size: "S" }])),
      ]),
    );
    const after = [createMutation(6, buildOrder(menu, [{ productId: "hawaiian", size: "L" }]))];
    const body = pushBody(device, after, { lost: { fromSeq: 2, toSeq: 5 } });

    const first = await postPush(t.app, device, body);
    const again = await postPush(t.app, device, body);

    expect(first.status).toBe(200);
    expect(outcomes(first.body)).toEqual(["applied"]);
    expect(first.body.lastAppliedSeq).toBe(6);
    expect(outcomes(again.body)).toEqual(["duplicate"]);
    const [losses] = await t.pool.query<RowDataPacket[]>(
      "SELECT from_seq, to_seq FROM sync_losses WHERE device_id = UNHEX(REPLACE(?, '-', ''))",
      [device.deviceId],
    );
    expect(losses.map((l) => [l.from_seq, l.to_seq])).toEqual([[2, 5]]);
    const [alerts] = await t.pool.query<RowDataPacket[]>(
      "SELECT message FROM alerts WHERE kind = 'sync_loss' AND device_id = UNHEX(REPLACE(?, " +
        "'-', ''))",
      [device.deviceId],
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].message).toMatch(/seqs 2 to 5/);
  });

  it("refuses a lost range beyond the highest seq the device has assigned, writing nothing", async () => {
    const device = await pairDevice(t);
    await postPush(
      t.app,
      device,
      pushBody(
        device,
        [createMutation(1, buildOrder(menu, [{ productId: "hawaiian", size: "S" }]))],
        {
          outbox: { pending: 0, oldestPendingAtMs: null, highestSeq: 1 },
        },
      ),
    );
    const before = await countRows(t.pool);

    const beyondOutbox = await postPush(
      t.app,
      device,
      pushBody(device, [], {
        lost: { fromSeq: 2, toSeq: 500 },
        outbox: { pending: 0, oldestPendingAtMs: null, highestSeq: 20 },
      }),
    );
    const beyondReported = await postPush(
      t.app,
      device,
      pushBody(device, [], { lost: { fromSeq: 2, toSeq: 3 } }),
    );
    const coveringAMutation = await postPush(
      t.app,
      device,
      pushBody(
        device,
        [createMutation(3, buildOrder(menu, [{ productId: "hawaiian", size: "M" }]))],
        { lost: { fromSeq: 2, toSeq: 3 } },
      ),
    );

    for (const refused of [beyondOutbox, beyondReported, coveringAMutation]) {
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("invalid_message");
      expect(refused.body.error.message).toMatch(/lost\.toSeq/);
    }
    expect(beyondOutbox.body.error.message).toMatch(/highest seq .* \(20,/);
    expect(await countRows(t.pool)).toEqual(before);
    expect((await deviceState(t.pool, device.deviceId)).lastAppliedSeq).toBe(1);
  });

  it("accepts a lost range up to the highest seq the device reported in an earlier push", async () => {
    const device = await pairDevice(t);
    await postPush(
      t.app,
      device,
      pushBody(device, [], { outbox: { pending: 4, oldestPendingAtMs: null, highestSeq: 4 } }),
    );
    await postPush(
      t.app,
      device,
      pushBody(device, [], { outbox: { pending: 1, oldestPendingAtMs: null, highestSeq: 2 } }),
    );

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [], { lost: { fromSeq: 1, toSeq: 4 } }),
    );

    expect(response.status).toBe(200);
    expect(response.body.lastAppliedSeq).toBe(4);
  });

  it("answers a lost range that starts past the cursor with a gap", async () => {
    const device = await pairDevice(t);

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [], { lost: { fromSeq: 3, toSeq: 4 } }),
    );

    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: "sequence_gap", lastAppliedSeq: 0 });
  });
});
