/**
 * Turns the lines of a pushed order into the rows MySQL stores: lines are the
 * truth (line total = unit price x quantity), totals and per-rate VAT derive
 * from them, and each line is checked against the current menu. Nothing is
 * refused here: what does not fit becomes a sale flag for a manager.
 */
import {
  SALE_FLAGS,
  lineTotalCents,
  priceLine,
  vatBreakdown,
  type MenuSnapshot,
  type OrderLine,
  type SaleFlag,
  type ServiceMode,
} from "@ocpizza/schema";
import type { orderLines, orderVat } from "@ocpizza/schema/db";

export type OrderLineRow = typeof orderLines.$inferInsert;
export type OrderVatRow = typeof orderVat.$inferInsert;

export interface OrderPlacement {
  orderId: string;
  storeId: string;
  businessDay: string;
}

export interface CheckedLines {
  lineRows: OrderLineRow[];
  vatRows: OrderVatRow[];
  totalCents: number;
  itemCount: number;
  lineCount: number;
  flags: SaleFlag[];
  /** One sentence per finding, for the alert (product ids and amounts, no customer data). */
  findings: string[];
}

export function checkLines(
  menu: Pick<MenuSnapshot, "products" | "ingredients">,
  lines: readonly OrderLine[],
  serviceMode: ServiceMode,
  claimedTotalCents: number,
  placement: OrderPlacement,
): CheckedLines {
  const flags = new Set<SaleFlag>();
  const findings: string[] = [];

  const lineRows = lines.map((line, index): OrderLineRow => {
    const lineFlags: SaleFlag[] = [];
    const check = priceLine(menu, line, serviceMode);
    if (!check.ok) {
      lineFlags.push("unknown_product");
      findings.push(`line ${index + 1}: ${check.message}`);
    } else if (
      check.priced.unitPriceCents !== line.unitPriceCents ||
      check.priced.vatRateBp !== line.vatRateBp
    ) {
      lineFlags.push("price_mismatch");
      findings.push(
        `line ${index + 1}: ${line.productId} ${line.size} sold at ${line.unitPriceCents} cents ` +
          `VAT ${line.vatRateBp} bp, the menu says ${check.priced.unitPriceCents} cents ` +
          `VAT ${check.priced.vatRateBp} bp`,
      );
    }
    lineFlags.forEach((flag) => flags.add(flag));

    return {
      id: line.id,
      orderId: placement.orderId,
      storeId: placement.storeId,
      businessDay: placement.businessDay,
      lineNo: index + 1,
      productId: line.productId,
      size: line.size,
      name: line.name,
      categoryId: line.categoryId,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      totalCents: lineTotalCents(line),
      vatRateBp: line.vatRateBp,
      options: JSON.stringify(line.options),
      note: line.note ?? null,
      flags: lineFlags.join(","),
      // totalCents above is already net of it (lineTotalCents).
      discountCents: line.discountCents ?? 0,
      discount: line.discount ? JSON.stringify(line.discount) : null,
      promotionId: line.promotionId ?? null,
    };
  });

  const totalCents = lineRows.reduce((sum, row) => sum + row.totalCents, 0);
  if (totalCents !== claimedTotalCents) {
    flags.add("total_mismatch");
    findings.push(`the device said ${claimedTotalCents} cents, the lines add up to ${totalCents}`);
  }

  const vatRows = vatBreakdown(
    lineRows.map((row) => ({ rateBp: row.vatRateBp, totalCents: row.totalCents })),
  ).map((row): OrderVatRow => ({
    orderId: placement.orderId,
    rateBp: row.rateBp,
    storeId: placement.storeId,
    businessDay: placement.businessDay,
    totalCents: row.totalCents,
    vatCents: row.vatCents,
  }));

  return {
    lineRows,
    vatRows,
    totalCents,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    lineCount: lines.length,
    flags: [...flags],
    findings,
  };
}

/** Order flags kept in a stable order, so "a,b" and "b,a" never both appear. */
export function joinFlags(flags: Iterable<string>): string {
  const order: readonly string[] = SALE_FLAGS;
  return [...new Set(flags)]
    .filter((flag) => flag !== "")
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .join(",");
}

export function splitFlags(flags: string): string[] {
  return flags === "" ? [] : flags.split(",");
}
