/**
 * Discount and promotion arithmetic to the cent, with the VAT a ticket prints
 * on what is left: tables of cases, each worked out by hand in its comment.
 */
import { describe, expect, it } from "vitest";

import { businessDay } from "./business-day.js";
import { vatBreakdown } from "./money.js";
import { discountOrder, lineTotalCents, shareOut, type DiscountableLine } from "./pricing.js";
import {
  isoWeekday,
  promotionInForce,
  promotionInputSchema,
  type Promotion,
} from "./promotions.js";
import { orderSchema } from "./protocol.js";

const pizzaM: DiscountableLine = { categoryId: "classic", unitPriceCents: 1325, quantity: 2 };
const pizzaS: DiscountableLine = { categoryId: "veggie", unitPriceCents: 1050, quantity: 1 };
const cola: DiscountableLine = { categoryId: "drinks", unitPriceCents: 300, quantity: 1 };
const beer: DiscountableLine = { categoryId: "drinks", unitPriceCents: 450, quantity: 1 };

const secondPizzaTuesday: Promotion = {
  id: "promo-2nd",
  nameFr: "2e pizza -50 % le mardi",
  nameEn: "2nd pizza half price on Tuesdays",
  kind: "second_item",
  percentBp: 5000,
  categoryIds: ["classic", "veggie"],
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  weekdays: [2],
  active: true,
};
const drinksWeek: Promotion = {
  id: "promo-drinks",
  nameFr: "Boissons -20 %",
  nameEn: "Drinks -20%",
  kind: "percent_off",
  percentBp: 2000,
  categoryIds: ["drinks"],
  startsOn: "2026-12-01",
  endsOn: "2026-12-07",
  weekdays: [],
  active: true,
};
const TUESDAY = "2026-12-01";
const WEDNESDAY = "2026-12-02";

describe("discountOrder", () => {
  it.each<[string, DiscountableLine[], Parameters<typeof discountOrder>[1], number[]]>([
    ["no discount at all", [pizzaM, cola], { businessDay: TUESDAY }, [0, 0]],
    // 2650 x 10 % = 265
    [
      "10 % on a line",
      [{ ...pizzaM, discount: { kind: "percent", value: 1000 } }, cola],
      { businessDay: null },
      [265, 0],
    ],
    // 1050 x 15 % = 157.5, rounded half away from zero
    [
      "15 % on a line rounds half up",
      [{ ...pizzaS, discount: { kind: "percent", value: 1500 } }],
      { businessDay: null },
      [158],
    ],
    [
      "an amount larger than the line stops at the line",
      [{ ...cola, discount: { kind: "amount", value: 500 } }],
      { businessDay: null },
      [300],
    ],
    // 3400 x 10 % = 340, shared 2650:300:450 -> 265, 30, 45
    [
      "10 % on the order, shared by what each line costs",
      [pizzaM, cola, beer],
      { businessDay: null, orderDiscount: { kind: "percent", value: 1000 } },
      [265, 30, 45],
    ],
    // 100 over 333, 333, 334: 33.3, 33.3, 33.4 -> 33, 33, 33 + the cent left to the largest remainder
    [
      "an amount on the order: the leftover cent goes to the largest remainder",
      [
        { categoryId: "x", unitPriceCents: 333, quantity: 1 },
        { categoryId: "x", unitPriceCents: 333, quantity: 1 },
        { categoryId: "x", unitPriceCents: 334, quantity: 1 },
      ],
      { businessDay: null, orderDiscount: { kind: "amount", value: 100 } },
      [33, 33, 34],
    ],
    // units 1325, 1325, 1050: the second 1325 is lowered by 662.5 -> 663
    [
      "2nd pizza -50 % on a Tuesday",
      [pizzaM, pizzaS, cola],
      { businessDay: TUESDAY, promotions: [secondPizzaTuesday] },
      [663, 0, 0],
    ],
    [
      "2nd pizza -50 % is off on a Wednesday",
      [pizzaM, pizzaS],
      { businessDay: WEDNESDAY, promotions: [secondPizzaTuesday] },
      [0, 0],
    ],
    // units 1325, 1050, 1050 (S x2): the 1050 in second place -> 525
    [
      "2nd pizza pairs the dearest with the next",
      [
        { ...pizzaM, quantity: 1 },
        { ...pizzaS, quantity: 2 },
      ],
      { businessDay: TUESDAY, promotions: [secondPizzaTuesday] },
      [0, 525],
    ],
    // drinks -20 %: 300 -> 60, 450 -> 90; then 10 % of the order's 3250 left = 325,
    // shared 2650:240:360 -> 265, 24, 36
    [
      "a promotion, then the order's discount on what is left",
      [pizzaM, cola, beer],
      {
        businessDay: WEDNESDAY,
        promotions: [secondPizzaTuesday, drinksWeek],
        orderDiscount: { kind: "percent", value: 1000 },
      },
      [265, 84, 126],
    ],
    [
      "a promotion outside its dates gives nothing",
      [cola],
      { businessDay: "2026-12-08", promotions: [drinksWeek] },
      [0],
    ],
    [
      "100 % leaves nothing to pay, never less",
      [{ ...pizzaM, discount: { kind: "percent", value: 10_000 } }],
      { businessDay: null, orderDiscount: { kind: "amount", value: 100 } },
      [2650],
    ],
  ])("%s", (_, lines, options, expected) => {
    const result = discountOrder(lines, options);
    expect(result.lines.map((l) => l.discountCents)).toEqual(expected);
    expect(result.totalDiscountCents).toBe(expected.reduce((a, b) => a + b, 0));
  });

  it.each<[string, DiscountableLine[], Parameters<typeof discountOrder>[1], number]>([
    ["none", [pizzaM], { businessDay: null }, 0],
    [
      "10 % on a line",
      [{ ...pizzaM, discount: { kind: "percent", value: 1000 } }],
      { businessDay: null },
      1000,
    ],
    // 100 / 2650 = 3.77 % -> 378 bp, rounded up so a limit is never slipped under
    [
      "1 € off 26.50 €",
      [{ ...pizzaM, discount: { kind: "amount", value: 100 } }],
      { businessDay: null },
      378,
    ],
    [
      "15 % on the order",
      [pizzaM, cola],
      { businessDay: null, orderDiscount: { kind: "percent", value: 1500 } },
      1500,
    ],
    [
      "a promotion is not given by hand",
      [pizzaM],
      { businessDay: TUESDAY, promotions: [secondPizzaTuesday] },
      0,
    ],
  ])("the rate given by hand: %s", (_, lines, options, rate) => {
    expect(discountOrder(lines, options).manualRateBp).toBe(rate);
  });
});

describe("VAT on discounted lines", () => {
  // Each rate's VAT derives from that rate's net total: total x rate / (1 + rate), half up.
  it.each<
    [string, DiscountableLine[], Parameters<typeof discountOrder>[1], [number, number, number][]]
  >([
    // 2385 @10 % -> 216.8 -> 217; 270 @5.5 % -> 14.07 -> 14; 405 @20 % -> 67.5 -> 68
    [
      "10 % on an order of three rates",
      [{ ...pizzaM }, { ...cola }, { ...beer }],
      { businessDay: null, orderDiscount: { kind: "percent", value: 1000 } },
      [
        [550, 270, 14],
        [1000, 2385, 217],
        [2000, 405, 68],
      ],
    ],
    // pizza 1325 x2 -> 663 off: 1987 @10 % -> 180.6 -> 181; cola 300 @5.5 % -> 15.6 -> 16
    [
      "2nd pizza half price beside a drink",
      [pizzaM, cola],
      { businessDay: TUESDAY, promotions: [secondPizzaTuesday] },
      [
        [550, 300, 16],
        [1000, 1987, 181],
      ],
    ],
    // 1 € off 1050 + 300: shares 77.7 / 22.2 -> 77 + 1 (largest remainder) = 78, 22
    // 972 @10 % -> 88.36 -> 88; 278 @5.5 % -> 14.49 -> 14
    [
      "an amount on the order over two rates",
      [pizzaS, cola],
      { businessDay: null, orderDiscount: { kind: "amount", value: 100 } },
      [
        [550, 278, 14],
        [1000, 972, 88],
      ],
    ],
  ])("%s", (_, lines, options, expected) => {
    const rates = [1000, 550, 2000];
    const vatOf = (line: DiscountableLine) =>
      line.categoryId === "drinks" ? (line.unitPriceCents === 450 ? 2000 : 550) : 1000;
    const result = discountOrder(lines, options);
    const net = lines.map((line, i) => ({
      rateBp: vatOf(line),
      totalCents: lineTotalCents({ ...line, discountCents: result.lines[i].discountCents }),
    }));
    const rows = vatBreakdown(net).map((r) => [r.rateBp, r.totalCents, r.vatCents]);
    expect(rows).toEqual(expected);
    expect(rates.length).toBe(3);
    // The ticket's total is the sum of the per-rate totals, to the cent.
    const gross = lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
    expect(rows.reduce((s, r) => s + r[1], 0)).toBe(gross - result.totalDiscountCents);
  });
});

describe("shareOut", () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [7, [0, 5, 5], [0, 4, 3]],
    [0, [3, 4], [0, 0]],
    [5, [0, 0], [0, 0]],
  ])("shares %i over %j as %j", (total, weights, expected) => {
    expect(shareOut(total, weights)).toEqual(expected);
  });
});

describe("promotions in force", () => {
  it("knows Tuesday from Wednesday", () => {
    expect(isoWeekday(TUESDAY)).toBe(2);
    expect(isoWeekday("2026-12-06")).toBe(7);
  });

  it("counts a sale at 01:30 on Wednesday as Tuesday's when the day closes at 04:00", () => {
    const day = businessDay(Date.UTC(2026, 11, 2, 0, 30), "Europe/Paris", 240);
    expect(day).toBe(TUESDAY);
    expect(promotionInForce(secondPizzaTuesday, day)).toBe(true);
  });

  it("is off when not active", () => {
    expect(promotionInForce({ ...secondPizzaTuesday, active: false }, TUESDAY)).toBe(false);
  });

  it.each([
    [{ startsOn: "2026-12-10", endsOn: "2026-12-01" }, /endsOn/],
    [{ startsOn: "2026-02-30" }, /startsOn/],
    [{ percentBp: 0 }, /percentBp/],
    [{ percentBp: 10_001 }, /percentBp/],
    [{ weekdays: [8] }, /weekdays/],
    [{ nameFr: "<script>" }, /nameFr/],
  ])("refuses %j", (change, field) => {
    const result = promotionInputSchema.safeParse({ ...secondPizzaTuesday, ...change });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map((i) => i.path))).toMatch(field);
  });
});

describe("discounts in the protocol", () => {
  const order = {
    id: "0190a0b0-0000-7000-8000-000000000001",
    channel: "counter",
    serviceMode: "takeaway",
    createdAtMs: Date.UTC(2026, 11, 1, 12),
    callNumber: 1,
    menuVersion: 1,
    totalCents: 2650,
    lines: [
      {
        id: "0190a0b0-0000-7000-8000-000000000002",
        productId: "hawaiian",
        size: "M",
        name: "Hawaïenne",
        categoryId: "classic",
        quantity: 2,
        unitPriceCents: 1325,
        vatRateBp: 1000,
      },
    ],
  };

  it("accepts a line discount no larger than the line", () => {
    const line = {
      ...order.lines[0],
      discountCents: 2650,
      discount: { kind: "percent", value: 10_000 },
    };
    expect(orderSchema.safeParse({ ...order, lines: [line] }).success).toBe(true);
  });

  it.each([
    ["a discount larger than the line", { discountCents: 2651 }],
    ["a percentage above 100 %", { discount: { kind: "percent", value: 10_001 } }],
    ["a negative discount", { discountCents: -1 }],
  ])("refuses %s", (_, change) => {
    const line = { ...order.lines[0], ...change };
    expect(orderSchema.safeParse({ ...order, lines: [line] }).success).toBe(false);
  });
});
