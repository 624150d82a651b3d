/**
 * Tests of sales and money that do not fit what the server holds: a line or
 * payment id another order already uses, money on a cancelled order, a ticket
 * sent with a refused command. Each is recorded, flagged and alerted; none is
 * refused or dropped.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import {
  buildOrder,
  outcomeCodes as outcomes,
  cashPayment,
  createMutation,
  fetchMenu,
  getPull,
  pairDevice,
  payMutation,
  postPush,
  pushBody,
  statusMutation,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { anomalies, DeviceRegister } from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
});
afterAll(() => t?.drop());

const hex = (uuid: string) => uuid.replace(/-/g, "");

async function orderRow(orderId: string) {
  const [[row]] = await t.pool.query<RowDataPacket[]>(
    "SELECT status, flags, total_cents, paid_cents, line_count FROM orders WHERE id = UNHEX(?)",
    [hex(orderId)],
  );
  return row;
}

async function lineIds(orderId: string): Promise<string[]> {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    "SELECT LOWER(HEX(id)) AS id FROM order_lines WHERE order_id = UNHEX(?) ORDER BY line_no",
    [hex(orderId)],
  );
  return rows.map((r) => r.id as string);
}

async function paymentsOf(orderId: string) {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    "SELECT LOWER(HEX(id)) AS id, amount_cents FROM payments WHERE order_id = UNHEX(?) ORDER " +
      "BY created_at",
    [hex(orderId)],
  );
  return rows.map((r) => ({ id: r.id as string, amountCents: Number(r.amount_cents) }));
}

async function flaggedAlerts(orderId: string): Promise<string[]> {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    "SELECT message FROM alerts WHERE kind = 'sale_flagged' AND order_id = UNHEX(?) ORDER BY id",
    [hex(orderId)],
  );
  return rows.map((r) => r.message as string);
}

describe("a sale whose line id another order already uses", () => {
  it("is stored whole under a new line id, flagged line_id_clash and alerted", async () => {
    const device = await pairDevice(t);
    const first = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const second = buildOrder(menu, [
      { productId: "pepperoni", size: "L" },
      { productId: "tiramisu", size: "U" },
    ]);
    second.lines[0] = { ...second.lines[0], id: first.lines[0].id };
    const payment = cashPayment(second.totalCents);

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, first),
        createMutation(2, second, { payments: [payment], status: "completed" }),
      ]),
    );

    expect(response.status).toBe(200);
    expect(outcomes(response.body)).toEqual(["applied", "flagged:line_id_clash"]);
    expect(await orderRow(second.id)).toMatchObject({
      status: "completed",
      flags: "line_id_clash",
      total_cents: second.totalCents,
      paid_cents: second.totalCents,
      line_count: 2,
    });
    const stored = await lineIds(second.id);
    expect(stored).toHaveLength(2);
    expect(stored[0]).not.toBe(hex(first.lines[0].id));
    expect(stored[0]).toMatch(/^[0-9a-f]{12}7/);
    expect(stored[1]).toBe(hex(second.lines[1].id));
    expect(await lineIds(first.id)).toEqual([hex(first.lines[0].id)]);
    const [alert] = await flaggedAlerts(second.id);
    expect(alert).toContain(`id ${first.lines[0].id} is already used by another order`);
  });

  it("with a line id repeated inside the order keeps every line", async () => {
    const device = await pairDevice(t);
    const order = buildOrder(menu, [
      { productId: "hawaiian", size: "S" },
      { productId: "hawaiian", size: "L" },
    ]);
    order.lines[1] = { ...order.lines[1], id: order.lines[0].id };

    const response = await postPush(t.app, device, pushBody(device, [createMutation(1, order)]));

    expect(outcomes(response.body)).toEqual(["flagged:line_id_clash"]);
    expect(await lineIds(order.id)).toHaveLength(2);
    expect(await orderRow(order.id)).toMatchObject({ total_cents: order.totalCents });
  });

  it("replacing lines with an id of another order is applied the same way", async () => {
    const device = await pairDevice(t);
    const first = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const second = buildOrder(menu, [{ productId: "pepperoni", size: "M" }]);
    const newLines = [{ ...second.lines[0], id: first.lines[0].id }];

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, first),
        createMutation(2, second),
        {
          seq: 3,
          atMs: Date.now(),
          kind: "order.update",
          orderId: second.id,
          lines: newLines,
          totalCents: second.totalCents,
        },
      ]),
    );

    expect(outcomes(response.body)).toEqual(["applied", "applied", "flagged:line_id_clash"]);
    expect(await lineIds(first.id)).toEqual([hex(first.lines[0].id)]);
    expect(await lineIds(second.id)).toHaveLength(1);
  });

  it("from another store is stored the same way; only an order id of another store is foreign", async () => {
    const bastille = await pairDevice(t, "bastille");
    const vincennes = await pairDevice(t, "vincennes");
    const first = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    await postPush(t.app, bastille, pushBody(bastille, [createMutation(1, first)]));
    const second = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    second.lines[0] = { ...second.lines[0], id: first.lines[0].id };

    const response = await postPush(
      t.app,
      vincennes,
      pushBody(vincennes, [createMutation(1, second), createMutation(2, first)]),
    );

    expect(outcomes(response.body)).toEqual(["flagged:line_id_clash", "rejected:foreign_order"]);
  });
});

describe("a payment whose id another order already uses", () => {
  it("is recorded under a server id, flagged payment_id_clash and alerted; a resend is not counted twice", async () => {
    const device = await pairDevice(t);
    const first = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const second = buildOrder(menu, [{ productId: "four_cheese", size: "L" }]);
    const third = buildOrder(menu, [{ productId: "pepperoni", size: "S" }]);
    const payment = cashPayment(first.totalCents);
    const reused = { ...payment, amountCents: second.totalCents, tenderedCents: undefined };
    const reusedOnPay = { ...payment, amountCents: third.totalCents, tenderedCents: undefined };

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, first, { payments: [payment], status: "completed" }),
        createMutation(2, second, { payments: [reused], status: "completed" }),
        createMutation(3, third),
        payMutation(4, third.id, [reusedOnPay]),
        // The same payment sent again under a new seq: already recorded.
        payMutation(5, third.id, [reusedOnPay]),
        payMutation(6, first.id, [payment]),
      ]),
    );

    expect(outcomes(response.body)).toEqual([
      "applied",
      "flagged:payment_id_clash",
      "applied",
      "flagged:payment_id_clash",
      "flagged:payment_id_clash",
      "applied",
    ]);
    expect(await orderRow(first.id)).toMatchObject({ paid_cents: first.totalCents, flags: "" });
    expect(await orderRow(second.id)).toMatchObject({
      paid_cents: second.totalCents,
      flags: "payment_id_clash",
    });
    expect(await orderRow(third.id)).toMatchObject({ paid_cents: third.totalCents });
    const secondPayments = await paymentsOf(second.id);
    expect(secondPayments).toEqual([{ id: expect.any(String), amountCents: second.totalCents }]);
    expect(secondPayments[0].id).not.toBe(hex(payment.id));
    expect(await paymentsOf(third.id)).toHaveLength(1);
    expect(await flaggedAlerts(second.id)).toEqual([
      expect.stringContaining(`payment ${payment.id}`),
    ]);
    expect(await flaggedAlerts(third.id)).toHaveLength(1);

    // A later push resending it under yet another seq finds it too.
    const later = await postPush(
      t.app,
      device,
      pushBody(device, [payMutation(7, third.id, [reusedOnPay])]),
    );
    expect(outcomes(later.body)).toEqual(["flagged:payment_id_clash"]);
    expect(await paymentsOf(third.id)).toHaveLength(1);
  });
});

describe("money on a cancelled order", () => {
  it("paid after the cancel is recorded, flagged paid_after_cancel and alerted", async () => {
    const counter = await pairDevice(t, "montmartre");
    const other = await pairDevice(t, "montmartre");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "L" }]);
    await postPush(t.app, counter, pushBody(counter, [createMutation(1, order)]));
    await postPush(t.app, counter, pushBody(counter, [statusMutation(2, order.id, "cancelled")]));

    const paid = await postPush(
      t.app,
      other,
      pushBody(other, [payMutation(1, order.id, [cashPayment(order.totalCents)])]),
    );

    expect(outcomes(paid.body)).toEqual(["flagged:paid_after_cancel"]);
    expect(await orderRow(order.id)).toMatchObject({
      status: "cancelled",
      paid_cents: order.totalCents,
      flags: "paid_after_cancel",
    });
    expect(await flaggedAlerts(order.id)).toEqual([
      expect.stringContaining("received for an order already cancelled"),
    ]);
    const pulled = await getPull(t.app, counter, { since: 0 });
    const pulledOrder = pulled.body.orders.find((o: { id: string }) => o.id === order.id);
    expect(pulledOrder.flags).toEqual(["paid_after_cancel"]);
  });

  it("cancelled after a partial payment is flagged paid_after_cancel", async () => {
    const device = await pairDevice(t);
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "L" }]);

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, order, { payments: [cashPayment(500)] }),
        statusMutation(2, order.id, "cancelled"),
      ]),
    );

    expect(outcomes(response.body)).toEqual(["applied", "flagged:paid_after_cancel"]);
    expect(await orderRow(order.id)).toMatchObject({
      status: "cancelled",
      paid_cents: 500,
      flags: "paid_after_cancel",
    });
  });
});

describe("a ticket sent with a command the server refuses", () => {
  it("is journaled with the mutation's outcome, so it counts in no figure", async () => {
    const device = await pairDevice(t);
    const register = new DeviceRegister(device.deviceId, device.storeId);
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    await postPush(
      t.app,
      device,
      pushBody(device, [createMutation(1, order), statusMutation(2, order.id, "cancelled")]),
    );

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        { ...statusMutation(3, order.id, "completed"), ticket: register.sale(order, []) },
      ]),
    );

    expect(outcomes(response.body)).toEqual(["rejected:invalid_transition"]);
    expect((await anomalies(t.pool, device.deviceId)).map((a) => a.kind)).toContain(
      "uncounted_sale",
    );
  });
});

describe("a credit note refund whose id another order's payment uses", () => {
  it("is recorded under a server id, flagged payment_id_clash and alerted; a resend is not counted twice", async () => {
    const device = await pairDevice(t);
    const register = new DeviceRegister(device.deviceId, "montmartre");
    const first = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const second = buildOrder(menu, [{ productId: "pepperoni", size: "L" }]);
    const payment = cashPayment(first.totalCents);
    const secondPayment = cashPayment(second.totalCents);
    const ticket = register.sale(second, [secondPayment]);
    await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, first, { payments: [payment], status: "completed" }),
        {
          ...createMutation(2, second, { payments: [secondPayment], status: "completed" }),
          ticket,
        },
      ]),
    );
    const refund = { ...payment, amountCents: second.totalCents, tenderedCents: undefined };
    const note = register.creditNote(ticket, [refund]);
    const creditNote = (seq: number) => ({
      seq,
      atMs: Date.now(),
      kind: "order.credit_note",
      orderId: second.id,
      ticket: note,
      refunds: [refund],
      reason: "erreur",
    });

    const response = await postPush(t.app, device, pushBody(device, [creditNote(3)]));
    const again = await postPush(t.app, device, pushBody(device, [creditNote(4)]));

    expect(outcomes(response.body)).toEqual(["flagged:payment_id_clash"]);
    // The resend stores nothing new: its refund was found under the server id.
    expect(outcomes(again.body)).toEqual(["applied"]);
    const refunds = (await paymentsOf(second.id)).filter((p) => p.amountCents < 0);
    expect(refunds).toEqual([{ id: expect.any(String), amountCents: -second.totalCents }]);
    expect(refunds[0].id).not.toBe(hex(payment.id));
    expect(await paymentsOf(first.id)).toEqual([
      { id: hex(payment.id), amountCents: first.totalCents },
    ]);
    expect(await orderRow(second.id)).toMatchObject({ flags: "payment_id_clash" });
    expect(await flaggedAlerts(second.id)).toEqual([
      expect.stringContaining(`payment ${payment.id}`),
    ]);
  });
});

describe("a payment resent for the same order with another amount", () => {
  it("keeps the first amount, flags payment_amount_mismatch and alerts", async () => {
    const device = await pairDevice(t);
    const order = buildOrder(menu, [{ productId: "four_cheese", size: "L" }]);
    const payment = cashPayment(1000);

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [
        createMutation(1, order, { payments: [payment] }),
        payMutation(2, order.id, [{ ...payment, amountCents: order.totalCents }]),
        // The same payment with its own amount is a plain resend.
        payMutation(3, order.id, [payment]),
      ]),
    );

    expect(outcomes(response.body)).toEqual([
      "applied",
      "flagged:payment_amount_mismatch",
      "flagged:payment_amount_mismatch",
    ]);
    expect(await orderRow(order.id)).toMatchObject({
      paid_cents: 1000,
      flags: "payment_amount_mismatch",
    });
    expect(await paymentsOf(order.id)).toEqual([{ id: hex(payment.id), amountCents: 1000 }]);
    expect(await flaggedAlerts(order.id)).toEqual([
      expect.stringContaining(`resent for ${order.totalCents} cents`),
    ]);
  });
});
