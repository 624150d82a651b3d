import { describe, expect, it } from "vitest";

import { checkEditable, checkTransition, isTicket, type OrderStatus } from "./order-state.js";

const open = (status: OrderStatus, paidCents = 0) => ({ status, totalCents: 2000, paidCents });

describe("checkTransition", () => {
  it.each<[OrderStatus, OrderStatus, number, string | null]>([
    ["pending", "accepted", 0, null],
    ["pending", "refused", 0, null],
    ["accepted", "preparing", 0, null],
    ["accepted", "completed", 2000, null],
    ["preparing", "ready", 0, null],
    ["ready", "out_for_delivery", 2000, null],
    ["out_for_delivery", "completed", 2000, null],
    ["accepted", "cancelled", 0, null],
    ["accepted", "cancelled", 500, null], // partly paid: not a ticket yet
    ["accepted", "cancelled", 2000, "order_is_ticket"],
    ["completed", "cancelled", 0, "order_is_ticket"],
    ["completed", "preparing", 2000, "invalid_transition"],
    ["cancelled", "accepted", 0, "invalid_transition"],
    ["refused", "accepted", 0, "invalid_transition"],
    ["pending", "ready", 0, "invalid_transition"],
    ["ready", "preparing", 0, "invalid_transition"],
  ])("%s -> %s (paid %i): %s", (from, to, paid, code) => {
    const result = checkTransition(open(from, paid), to);
    if (code === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code });
  });
});

describe("isTicket and checkEditable", () => {
  it.each<[OrderStatus, number, boolean]>([
    ["accepted", 0, false],
    ["accepted", 1999, false],
    ["accepted", 2000, true],
    ["accepted", 2500, true],
    ["completed", 0, true],
    ["ready", 0, false],
  ])("%s paid %i: ticket %s", (status, paid, ticket) => {
    expect(isTicket(open(status, paid))).toBe(ticket);
    expect(checkEditable(open(status, paid)).ok).toBe(!ticket);
  });

  it("refuses to edit a cancelled order", () => {
    expect(checkEditable(open("cancelled"))).toMatchObject({
      ok: false,
      code: "invalid_transition",
    });
  });

  it("treats an unpaid order of zero total as no ticket", () => {
    expect(isTicket({ status: "accepted", totalCents: 0, paidCents: 0 })).toBe(false);
  });
});
