import { describe, expect, it } from "vitest";

import { drawerDifference, expectedDrawer, type DrawerLine } from "./expected.js";

const cash = (amountCents: number, tenderedCents: number): DrawerLine => ({
  source: "payment",
  method: "cash",
  amountCents,
  tenderedCents,
  changeCents: tenderedCents - amountCents,
});
const voucher = (amountCents: number, tenderedCents: number): DrawerLine => ({
  source: "payment",
  method: "meal_voucher",
  amountCents,
  tenderedCents,
  changeCents: 0,
});
const other = (method: "cheque" | "card", amountCents: number): DrawerLine => ({
  source: "payment",
  method,
  amountCents,
  changeCents: 0,
});
const refund = (method: "cash" | "cheque" | "card", amountCents: number): DrawerLine => ({
  source: "refund",
  method,
  amountCents: -amountCents,
  changeCents: 0,
});
const movement = (amountCents: number): DrawerLine => ({
  source: "movement",
  method: "cash",
  amountCents,
  changeCents: 0,
});

describe("what the drawer should hold", () => {
  it.each([
    { name: "the float alone", rows: [], cash: 15_000, vouchers: 0, cheques: 0 },
    {
      name: "cash sales minus the change given",
      rows: [cash(2_800, 5_000), cash(1_250, 1_250)],
      cash: 15_000 + 6_250 - 2_200,
      vouchers: 0,
      cheques: 0,
    },
    {
      name: "a voucher kept at face value, a cheque, a card payment (not in the drawer)",
      rows: [voucher(1_100, 1_200), other("cheque", 2_500), other("card", 4_000)],
      cash: 15_000,
      vouchers: 1_200,
      cheques: 2_500,
    },
    {
      name: "cash and cheque refunds",
      rows: [
        cash(3_850, 4_000),
        refund("cash", 3_850),
        other("cheque", 900),
        refund("cheque", 900),
      ],
      cash: 15_000 + 4_000 - 150 - 3_850,
      vouchers: 0,
      cheques: 0,
    },
    {
      name: "cash put in and taken out",
      rows: [movement(2_000), movement(-10_000)],
      cash: 15_000 + 2_000 - 10_000,
      vouchers: 0,
      cheques: 0,
    },
  ])("$name", ({ rows, cash: expectedCash, vouchers, cheques }) => {
    const expected = expectedDrawer(15_000, rows);
    expect(expected).toMatchObject({
      cashCents: expectedCash,
      mealVoucherCents: vouchers,
      chequeCents: cheques,
    });
  });

  it("breaks the expected cash down as the closing dialog shows it", () => {
    const rows = [cash(2_800, 5_000), refund("cash", 1_000), movement(500), movement(-2_000)];
    expect(expectedDrawer(10_000, rows)).toEqual({
      floatCents: 10_000,
      cashTakenCents: 5_000,
      changeCents: 2_200,
      cashRefundsCents: 1_000,
      movementsInCents: 500,
      movementsOutCents: 2_000,
      cashCents: 10_000 + 5_000 - 2_200 - 1_000 + 500 - 2_000,
      mealVoucherCents: 0,
      chequeCents: 0,
    });
  });
});

describe("the difference at closing", () => {
  it.each([
    { counted: [10_300, 1_200, 0], expected: [10_300, 1_200, 0], difference: [0, 0, 0] },
    { counted: [10_000, 1_200, 2_500], expected: [10_300, 1_200, 2_500], difference: [-300, 0, 0] },
    { counted: [10_450, 0, 2_500], expected: [10_300, 1_200, 2_500], difference: [150, -1_200, 0] },
  ])("counted $counted against $expected", ({ counted, expected, difference }) => {
    const amounts = ([cashCents, mealVoucherCents, chequeCents]: number[]) => ({
      cashCents,
      mealVoucherCents,
      chequeCents,
    });
    expect(drawerDifference(amounts(counted), amounts(expected))).toEqual(amounts(difference));
  });
});
