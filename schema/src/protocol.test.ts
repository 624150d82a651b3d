import { describe, expect, it } from "vitest";

import { newId } from "./ids.js";
import { describeIssues, mutationSchema, pushRequestSchema } from "./protocol.js";

const at = Date.parse("2015-01-01T10:38:36Z");

function line(overrides: Record<string, unknown> = {}) {
  return {
    id: newId(),
    productId: "hawaiian",
    size: "M",
    name: "The Hawaiian Pizza",
    categoryId: "classic",
    quantity: 1,
    unitPriceCents: 1325,
    vatRateBp: 1000,
    ...overrides,
  };
}

function create(overrides: Record<string, unknown> = {}, lineOverrides = {}) {
  return {
    seq: 1,
    atMs: at,
    kind: "order.create",
    order: {
      id: newId(),
      channel: "counter",
      serviceMode: "takeaway",
      createdAtMs: at,
      callNumber: 1,
      menuVersion: 1,
      lines: [line(lineOverrides)],
      totalCents: 1325,
      ...overrides,
    },
    payments: [
      { id: newId(), method: "cash", amountCents: 1325, tenderedCents: 2000, createdAtMs: at },
    ],
  };
}

function push(mutations: unknown[]) {
  return { protocol: 1, appVersion: "0.1.0", clientId: newId(), mutations };
}

describe("mutationSchema", () => {
  it("accepts a counter sale paid in cash and defaults its status", () => {
    const parsed = mutationSchema.parse(create());
    expect(parsed.kind).toBe("order.create");
    if (parsed.kind === "order.create") expect(parsed.status).toBe("accepted");
  });

  it.each([
    ["a zero quantity", {}, { quantity: 0 }, "order.lines.0.quantity"],
    ["a negative quantity", {}, { quantity: -2 }, "order.lines.0.quantity"],
    ["a huge quantity", {}, { quantity: 10_000 }, "order.lines.0.quantity"],
    ["a fractional price", {}, { unitPriceCents: 12.5 }, "order.lines.0.unitPriceCents"],
    ["an unknown VAT rate", {}, { vatRateBp: 700 }, "order.lines.0.vatRateBp"],
    ["a phone order without phone", { channel: "phone" }, {}, "order.customer"],
    ["a delivery without address", { serviceMode: "delivery" }, {}, "order.customer.address"],
    ["an id that is not a UUID", { id: "1" }, {}, "order.id"],
  ])("refuses %s and names the field", (_case, orderOverrides, lineOverrides, path) => {
    const result = mutationSchema.safeParse(create(orderOverrides, lineOverrides));
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toContain(path);
  });
});

describe("pushRequestSchema", () => {
  it("accepts contiguous sequence numbers", () => {
    const result = pushRequestSchema.safeParse(push([create(), { ...create(), seq: 2 }]));
    expect(result.success).toBe(true);
  });

  it("refuses a batch with a hole or a repeat", () => {
    expect(pushRequestSchema.safeParse(push([create(), { ...create(), seq: 3 }])).success).toBe(
      false,
    );
    expect(pushRequestSchema.safeParse(push([create(), create()])).success).toBe(false);
  });

  it("refuses a lost range that runs backwards", () => {
    const body = { ...push([]), lost: { fromSeq: 5, toSeq: 4 } };
    expect(pushRequestSchema.safeParse(body).success).toBe(false);
  });
});

describe("bounds that keep every figure inside its column", () => {
  it("refuses lines that add up to more than the largest order", () => {
    const lines = Array.from({ length: 3 }, () => line({ quantity: 99, unitPriceCents: 50_000 }));
    const result = mutationSchema.safeParse(create({ lines, totalCents: 0 }));
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toContain("order.lines");
  });

  it("refuses payments of one mutation adding up to more than the largest order", () => {
    const payments = Array.from({ length: 3 }, () => ({
      id: newId(),
      method: "cash",
      amountCents: 4_000_000,
      createdAtMs: at,
    }));
    const result = mutationSchema.safeParse({ ...create(), payments });
    expect(result.success).toBe(false);
  });

  it.each([
    ["a lost range past the largest seq", { lost: { fromSeq: 1, toSeq: 2 ** 53 - 1 } }],
    [
      "an outbox report past the largest seq",
      { outbox: { pending: 2 ** 40, oldestPendingAtMs: null, highestSeq: 1 } },
    ],
  ])("refuses %s", (_case, extra) => {
    expect(pushRequestSchema.safeParse({ ...push([]), ...extra }).success).toBe(false);
  });
});

describe("who made a mutation", () => {
  const status = (extra: Record<string, unknown>) => ({
    seq: 2,
    atMs: at,
    kind: "order.status",
    orderId: newId(),
    status: "cancelled",
    ...extra,
  });

  it("takes an optional staffId on every kind, and an approver on sensitive ones", () => {
    const staffId = newId();
    const approvedByStaffId = newId();

    const created = mutationSchema.parse({ ...create(), staffId });
    const voided = mutationSchema.parse(status({ staffId, approvedByStaffId }));
    const queuedBefore = mutationSchema.parse(create());

    expect(created).toMatchObject({ staffId });
    expect(voided).toMatchObject({ staffId, approvedByStaffId });
    expect(queuedBefore).not.toHaveProperty("staffId");
  });

  it.each([
    ["a staffId that is not a UUID", { staffId: "camille" }, "staffId"],
    ["an approver that is not a UUID", { approvedByStaffId: "1' OR 1=1" }, "approvedByStaffId"],
    ["a staffId that is a number", { staffId: 42 }, "staffId"],
  ])("refuses %s, naming the field", (_, extra, field) => {
    const parsed = mutationSchema.safeParse(status(extra));
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error)).toContain(field);
  });

  it("drops an approver on a kind that takes none (an order.pay)", () => {
    const parsed = mutationSchema.parse({
      seq: 3,
      atMs: at,
      kind: "order.pay",
      orderId: newId(),
      payments: [{ id: newId(), method: "card", amountCents: 100, createdAtMs: at }],
      approvedByStaffId: newId(),
    });
    expect(parsed).not.toHaveProperty("approvedByStaffId");
  });
});
