import { mutationSchema } from "@ocpizza/schema";
import { describe, expect, it } from "vitest";

import { pizzaLine } from "../testing/fixtures.js";
import { invalidOrderReason } from "./invalid-order.js";

const ORDER_ID = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";
const LINE_ID = "0190a5b2-0000-7000-8000-000000000001";
const AT_MS = Date.UTC(2025, 0, 15, 12, 0);

function sale(changes: { lines?: object[]; payments?: object[]; note?: string } = {}) {
  return {
    seq: 1,
    atMs: AT_MS,
    kind: "order.create",
    order: {
      id: ORDER_ID,
      channel: "counter",
      serviceMode: "takeaway",
      createdAtMs: AT_MS,
      callNumber: 1,
      menuVersion: 1,
      lines: changes.lines ?? [{ ...pizzaLine(), id: LINE_ID }],
      totalCents: 1250,
      note: changes.note,
    },
    payments: changes.payments ?? [],
  };
}

const payment = (amountCents: number, tenderedCents?: number) => ({
  id: LINE_ID,
  method: "cash",
  amountCents,
  tenderedCents,
  createdAtMs: AT_MS,
});

function reasonFor(mutation: object) {
  const parsed = mutationSchema.safeParse(mutation);
  if (parsed.success) throw new Error("the schema accepted it");
  return invalidOrderReason(parsed.error.issues);
}

describe("why the schema refused a sale, for the clerk", () => {
  it.each([
    [
      "an amount received above 100 000 €",
      sale({ payments: [payment(1250, 10_000_001)] }),
      "amount_too_big",
    ],
    [
      "101 cart lines",
      sale({ lines: Array.from({ length: 101 }, () => ({ ...pizzaLine(), id: LINE_ID })) }),
      "too_many_lines",
    ],
    [
      "11 payments",
      sale({ payments: Array.from({ length: 11 }, () => payment(100)) }),
      "too_many_payments",
    ],
    ["a quantity of 100", sale({ lines: [{ ...pizzaLine(100), id: LINE_ID }] }), "quantity"],
    ["a 300-character note", sale({ note: "x".repeat(300) }), "text_too_long"],
  ])("names %s", (_, mutation, reason) => {
    expect(reasonFor(mutation)).toBe(reason);
  });

  it("falls back to a general reason it cannot name", () => {
    expect(invalidOrderReason([{ code: "invalid_type", path: ["order", "id"] }])).toBe("other");
  });
});
