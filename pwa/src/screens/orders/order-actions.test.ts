import { describe, expect, it } from "vitest";

import { orderActions } from "./order-actions.js";

describe("actions offered on an order", () => {
  it.each([
    {
      status: "accepted",
      paid: 0,
      mode: "takeaway",
      pay: true,
      moves: ["ready", "completed"],
      cancel: true,
    },
    {
      status: "accepted",
      paid: 2500,
      mode: "takeaway",
      pay: false,
      moves: ["ready", "completed"],
      cancel: false,
    },
    {
      status: "ready",
      paid: 0,
      mode: "delivery",
      pay: true,
      moves: ["out_for_delivery", "completed"],
      cancel: true,
    },
    { status: "ready", paid: 0, mode: "eat_in", pay: true, moves: ["completed"], cancel: true },
    { status: "completed", paid: 2500, mode: "eat_in", pay: false, moves: [], cancel: false },
    { status: "completed", paid: 0, mode: "eat_in", pay: true, moves: [], cancel: false },
    { status: "cancelled", paid: 0, mode: "eat_in", pay: false, moves: [], cancel: false },
  ] as const)("$status, paid $paid of 2500, $mode", (row) => {
    const actions = orderActions({
      status: row.status,
      totalCents: 2500,
      paidCents: row.paid,
      serviceMode: row.mode,
    });
    expect(actions).toMatchObject({ pay: row.pay, moves: row.moves, cancel: row.cancel });
  });

  it.each([
    { tickets: [], creditNote: false, credited: false, moves: ["ready", "completed"] },
    {
      tickets: [{ kind: "sale" }],
      creditNote: true,
      credited: false,
      moves: ["ready", "completed"],
    },
    {
      tickets: [{ kind: "sale" }, { kind: "credit_note" }],
      creditNote: false,
      credited: true,
      moves: [],
    },
  ] as const)("a paid order with tickets $tickets", (row) => {
    const order = {
      status: "accepted",
      totalCents: 2500,
      paidCents: 2500,
      serviceMode: "eat_in",
    } as const;
    const actions = orderActions(order, row.tickets);
    expect(actions).toMatchObject({
      creditNote: row.creditNote,
      credited: row.credited,
      moves: row.moves,
      cancel: false,
    });
  });

  it("offers nothing but a reprint once a credit note was issued, even if a refund shows as due", () => {
    const refunded = {
      status: "completed",
      totalCents: 2500,
      paidCents: 0,
      serviceMode: "eat_in",
    } as const;
    const actions = orderActions(refunded, [{ kind: "sale" }, { kind: "credit_note" }]);
    expect(actions).toEqual({
      pay: false,
      moves: [],
      cancel: false,
      creditNote: false,
      credited: true,
    });
  });
});
