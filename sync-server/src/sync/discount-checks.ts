/**
 * The discounts of a pushed sale, checked and never refused: the server works
 * out what the order's promotions and hand-given discounts come to and flags
 * `discount_mismatch` when a line says otherwise, and `discount_over_limit`
 * when the clerk gave more than their role may without a manager's approval.
 * The sale is recorded as the device sent it (docs/menu-and-prices.md).
 */
import {
  DEFAULT_DISCOUNT_LIMITS,
  discountOrder,
  withinDiscountLimit,
  type Order,
  type SaleFlag,
} from "@ocpizza/schema";

import type { ApplyContext } from "./apply-context.js";
import type { MadeBy } from "./staff-checks.js";

export function checkDiscounts(
  ctx: Pick<ApplyContext, "menu" | "known" | "store">,
  order: Pick<Order, "lines" | "discount">,
  businessDay: string,
  by: MadeBy,
): { flags: SaleFlag[]; findings: string[] } {
  const flags: SaleFlag[] = [];
  const findings: string[] = [];
  const expected = discountOrder(order.lines, {
    promotions: ctx.menu.promotions ?? [],
    businessDay,
    orderDiscount: order.discount,
  });

  const wrong = order.lines
    .map((line, i) => ({ i, sent: line.discountCents ?? 0, due: expected.lines[i].discountCents }))
    .filter(({ sent, due }) => sent !== due);
  if (wrong.length > 0) {
    flags.push("discount_mismatch");
    for (const { i, sent, due } of wrong) {
      findings.push(`line ${i + 1}: discount of ${sent} cents, the menu's rules give ${due}`);
    }
  }

  // An unknown clerk is held to the counter's limit; the approver must be a manager here.
  const limits = ctx.menu.discountLimits ?? DEFAULT_DISCOUNT_LIMITS;
  const role = (by.staffId && ctx.known.staff.get(by.staffId)?.role) || "counter";
  const approver = by.approvedByStaffId ? ctx.known.staff.get(by.approvedByStaffId) : undefined;
  const approved =
    approver?.role === "manager" &&
    (approver.storeIds.includes(ctx.store.id) || approver.storeIds.includes("*"));
  if (!approved && !withinDiscountLimit(expected.manualRateBp, role, limits)) {
    flags.push("discount_over_limit");
    findings.push(
      `a discount of ${expected.manualRateBp / 100} % given by a ${role} (limit ` +
        `${limits[role] / 100} %) without a manager's approval`,
    );
  }
  return { flags, findings };
}
