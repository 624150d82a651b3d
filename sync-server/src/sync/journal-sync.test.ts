/**
 * Tests of tickets arriving with a push: stored against the device's
 * register, the head moved, and every ticket that does not fit recorded as
 * an anomaly and an alert while the sale itself is still applied.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, Order } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  createMutation,
  fetchMenu,
  pairDevice,
  payMutation,
  postPush,
  pushBody,
  statusMutation,
  type PairedDevice,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import {
  alertKinds,
  anomalies,
  DeviceRegister,
  journalRows,
  registerRow,
} from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
});
afterAll(() => t?.drop());

async function newDevice() {
  const device = await pairDevice(t, "bastille");
  return { device, register: new DeviceRegister(device.deviceId, "bastille") };
}

function sale(items = [{ productId: "hawaiian", size: "M", quantity: 2 }]): Order {
  return buildOrder(menu, items);
}

/** A paid counter sale with its ticket, as one order.create. */
function paidSale(seq: number, register: DeviceRegister, order = sale()) {
  const payment = cashPayment(order.totalCents);
  const ticket = register.sale(order, [payment]);
  return { ...createMutation(seq, order, { payments: [payment], status: "completed" }), ticket };
}

async function push(device: PairedDevice, mutations: unknown[], extra: object = {}) {
  const response = await postPush(t.app, device, pushBody(device, mutations, extra));
  expect(response.status).toBe(200);
  return response.body;
}

describe("a ticket in a push", () => {
  it("is stored with its chain and moves the register head", async () => {
    const { device, register } = await newDevice();

    const body = await push(device, [paidSale(1, register), paidSale(2, register)]);

    expect(body.results.map((r: { outcome: string }) => r.outcome)).toEqual(["applied", "applied"]);
    const rows = await journalRows(t.pool, device.deviceId);
    expect(rows.map((r) => [r.seq, r.hash])).toEqual(
      register.entries.map((e) => [e.content.seq, e.hash]),
    );
    expect(JSON.parse(rows[1].content)).toEqual(register.entries[1].content);
    expect(await registerRow(t.pool, device.deviceId)).toMatchObject({
      headSeq: 2,
      headHash: register.head.hash,
      kind: "device",
    });
    expect(await anomalies(t.pool, device.deviceId)).toEqual([]);
  });

  it("resent under the same seq or a new seq is stored once, without an anomaly", async () => {
    const { device, register } = await newDevice();
    const first = paidSale(1, register);

    await push(device, [first]);
    await push(device, [first]);
    await push(device, [{ ...first, seq: 2 }]);

    expect(await journalRows(t.pool, device.deviceId)).toHaveLength(1);
    expect(await anomalies(t.pool, device.deviceId)).toEqual([]);
  });

  it("after a hole is stored and reported as a gap, and the head moves once the hole is filled", async () => {
    const { device, register } = await newDevice();
    const one = paidSale(1, register);
    const two = paidSale(2, register);
    const three = paidSale(3, register);

    await push(device, [one]);
    await push(device, [{ ...three, seq: 2 }]);
    expect(await registerRow(t.pool, device.deviceId)).toMatchObject({ headSeq: 1 });
    expect(await anomalies(t.pool, device.deviceId)).toEqual([
      expect.objectContaining({ seq: 3, kind: "gap", message: expect.stringMatching(/2 to 2/) }),
    ]);

    await push(device, [{ ...two, seq: 3 }]);
    expect(await registerRow(t.pool, device.deviceId)).toMatchObject({
      headSeq: 3,
      headHash: register.head.hash,
    });
    expect(await anomalies(t.pool, device.deviceId)).toHaveLength(1);
    expect(await alertKinds(t.pool, "bastille")).toContain("journal_gap");
  });

  it("that does not follow the previous ticket is a broken link, and the sale is still applied", async () => {
    const { device, register } = await newDevice();
    await push(device, [paidSale(1, register)]);
    register.head = { ...register.head, hash: "f".repeat(64) };

    const body = await push(device, [paidSale(2, register)]);

    expect(body.results[0].outcome).toBe("applied");
    expect(await journalRows(t.pool, device.deviceId)).toHaveLength(2);
    expect((await anomalies(t.pool, device.deviceId)).map((a) => [a.seq, a.kind])).toEqual([
      [2, "broken_link"],
    ]);
    expect(await registerRow(t.pool, device.deviceId)).toMatchObject({ headSeq: 2 });
  });

  it("whose content does not match its hash is stored as received and reported altered", async () => {
    const { device, register } = await newDevice();
    const mutation = paidSale(1, register);
    const altered = {
      ...mutation.ticket,
      content: { ...mutation.ticket.content, issuedAtMs: 946_684_800_001 },
    };

    await push(device, [{ ...mutation, ticket: altered }]);

    expect((await anomalies(t.pool, device.deviceId)).map((a) => a.kind)).toEqual(["altered"]);
    expect(JSON.parse((await journalRows(t.pool, device.deviceId))[0].content).issuedAtMs).toBe(
      946_684_800_001,
    );
    expect(await alertKinds(t.pool, "bastille")).toContain("journal_altered");
  });

  it("reusing the number of a stored ticket is a duplicate: the first one is kept", async () => {
    const { device, register } = await newDevice();
    const first = paidSale(1, register);
    register.head = { seq: 0, hash: register.entries[0].previousHash };
    const second = paidSale(2, register);

    await push(device, [first, second]);

    const rows = await journalRows(t.pool, device.deviceId);
    expect(rows.map((r) => r.hash)).toEqual([first.ticket.hash]);
    expect((await anomalies(t.pool, device.deviceId)).map((a) => [a.seq, a.kind])).toEqual([
      [1, "duplicate"],
    ]);
    expect(await alertKinds(t.pool, "bastille")).toContain("journal_duplicate");
  });

  it("that disagrees with the order as stored is a mismatch naming the difference", async () => {
    const { device, register } = await newDevice();
    const order = sale();
    const payment = cashPayment(order.totalCents);
    const ticket = register.sale(order, [payment], { totalCents: 1, storeId: "montmartre" });

    const body = await push(device, [
      { ...createMutation(1, order, { payments: [payment] }), ticket },
    ]);

    expect(body.results[0].outcome).toBe("applied");
    const [anomaly] = await anomalies(t.pool, device.deviceId);
    expect(anomaly.kind).toBe("mismatch");
    expect(anomaly.message).toMatch(/total 1 cents/);
    expect(anomaly.message).toMatch(/store montmartre/);
  });

  it("finalizing an order by payment or handover is compared with the order after that command", async () => {
    const { device, register } = await newDevice();
    const paid = sale();
    const handed = sale();
    const payment = cashPayment(paid.totalCents);

    await push(device, [
      createMutation(1, paid),
      createMutation(2, handed),
      { ...payMutation(3, paid.id, [payment]), ticket: register.sale(paid, [payment]) },
      { ...statusMutation(4, handed.id, "completed"), ticket: register.sale(handed, []) },
    ]);

    expect(await journalRows(t.pool, device.deviceId)).toHaveLength(2);
    expect(await anomalies(t.pool, device.deviceId)).toEqual([]);
  });

  it("with the device's reported head stores that head on the register", async () => {
    const { device, register } = await newDevice();
    const one = paidSale(1, register);
    paidSale(2, register);

    await push(device, [one], { journal: register.report() });

    expect(await registerRow(t.pool, device.deviceId)).toMatchObject({
      headSeq: 1,
      reportedHeadSeq: 2,
      reportedHeadHash: register.head.hash,
    });
  });
});
