/**
 * The stored lines of an online order: the priced items plus, for a
 * delivery, a fee line, so that the lines add up to the order's total as
 * every other order's do (the counter's ticket prints them as they are).
 */
import type { OrderLine, ServiceMode, MenuSnapshot } from "@ocpizza/schema";
import { newId } from "@ocpizza/schema";

import { checkLines, type CheckedLines } from "../sync/order-rows.js";
import { DELIVERY_FEE_PRODUCT } from "./online-order-db.js";

/** Delivery of prepared meals follows the meals' reduced rate (10 %). */
const DELIVERY_FEE_VAT_BP = 1000;

export function storedLines(
  menu: MenuSnapshot,
  lines: readonly OrderLine[],
  serviceMode: ServiceMode,
  deliveryFeeCents: number,
  placement: { orderId: string; storeId: string; businessDay: string },
): CheckedLines {
  const all = [...lines];
  if (deliveryFeeCents > 0) {
    all.push({
      id: newId(),
      productId: DELIVERY_FEE_PRODUCT,
      size: "std",
      name: "Livraison",
      categoryId: "delivery",
      quantity: 1,
      unitPriceCents: deliveryFeeCents,
      vatRateBp: DELIVERY_FEE_VAT_BP,
      options: [],
    });
  }
  const total = all.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  // The fee line is not a menu product: its flag is dropped, the rows are what matter.
  const checked = checkLines(menu, all, serviceMode, total, placement);
  return {
    ...checked,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    lineRows: checked.lineRows.map((row) => ({ ...row, flags: "" })),
    flags: [],
    findings: [],
  };
}

/**
 * The order's note as the counter reads it (French, the stores' language):
 * pickup or delivery and the promised local time, since a pulled order
 * carries no other field for it.
 */
export function counterNote(
  delivery: boolean,
  asap: boolean,
  promisedAtMs: number,
  timeZone: string,
): string {
  const time = new Intl.DateTimeFormat("fr-FR", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(promisedAtMs));
  const mode = delivery ? "livraison" : "retrait";
  return `En ligne · ${mode} ${time}${asap ? " (dès que possible)" : ""}`;
}
