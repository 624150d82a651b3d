/**
 * Cash drawer arithmetic, in cents: what the drawer should hold at closing
 * (float + cash taken - change given - cash refunds ± movements; meal
 * vouchers and cheques as taken) and the difference with what was counted.
 * Pure functions; the rows come from the `drawer` table.
 */
import type { DrawerAmounts, DrawerRow } from "../db/types.js";

export interface ExpectedDrawer extends DrawerAmounts {
  floatCents: number;
  /** Cash handed over by customers (before change). */
  cashTakenCents: number;
  changeCents: number;
  cashRefundsCents: number;
  movementsInCents: number;
  movementsOutCents: number;
}

export type DrawerLine = Pick<
  DrawerRow,
  "source" | "method" | "amountCents" | "tenderedCents" | "changeCents"
>;

export function expectedDrawer(floatCents: number, rows: readonly DrawerLine[]): ExpectedDrawer {
  const result: ExpectedDrawer = {
    floatCents,
    cashTakenCents: 0,
    changeCents: 0,
    cashRefundsCents: 0,
    movementsInCents: 0,
    movementsOutCents: 0,
    cashCents: 0,
    mealVoucherCents: 0,
    chequeCents: 0,
  };
  for (const row of rows) {
    if (row.source === "movement") {
      if (row.amountCents >= 0) result.movementsInCents += row.amountCents;
      else result.movementsOutCents -= row.amountCents;
    } else if (row.method === "cash" && row.source === "payment") {
      result.cashTakenCents += row.tenderedCents ?? row.amountCents;
      result.changeCents += row.changeCents;
    } else if (row.method === "cash") {
      result.cashRefundsCents -= row.amountCents;
    } else if (row.method === "meal_voucher") {
      // A voucher is kept at its face value: the excess over the amount due is not returned.
      result.mealVoucherCents +=
        row.source === "payment" ? (row.tenderedCents ?? row.amountCents) : row.amountCents;
    } else if (row.method === "cheque") {
      result.chequeCents += row.amountCents;
    }
  }
  result.cashCents =
    floatCents +
    result.cashTakenCents -
    result.changeCents -
    result.cashRefundsCents +
    result.movementsInCents -
    result.movementsOutCents;
  return result;
}

/** Counted minus expected, per tender: positive is a surplus, negative a shortfall. */
export function drawerDifference(counted: DrawerAmounts, expected: DrawerAmounts): DrawerAmounts {
  return {
    cashCents: counted.cashCents - expected.cashCents,
    mealVoucherCents: counted.mealVoucherCents - expected.mealVoucherCents,
    chequeCents: counted.chequeCents - expected.chequeCents,
  };
}
