import { describe, expect, it } from "vitest";

import {
  divRoundHalfAwayFromZero,
  parseEuros,
  rateLabel,
  vatBreakdown,
  vatIncludedCents,
} from "./money.js";

describe("divRoundHalfAwayFromZero", () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [4, 2, 2],
    [7, 3, 2],
    [-7, 3, -2],
    [1, 3, 0],
    [0, 7, 0],
  ])("rounds %i / %i to %i", (numerator, denominator, expected) => {
    expect(divRoundHalfAwayFromZero(numerator, denominator)).toBe(expected);
  });

  it("refuses non-integers and zero denominators", () => {
    expect(() => divRoundHalfAwayFromZero(1.5, 2)).toThrow(RangeError);
    expect(() => divRoundHalfAwayFromZero(1, 0)).toThrow(RangeError);
  });
});

describe("vatIncludedCents", () => {
  it.each([
    // total, rate, VAT: 1100 at 10 % holds exactly 100
    [1100, 1000, 100],
    [1000, 1000, 91], // 90.909 -> 91
    [1055, 550, 55], // 55.0 exactly
    [1275, 550, 66], // 66.47 -> 66
    [1200, 2000, 200],
    [5, 1000, 0], // 0.45 -> 0
    [6, 1000, 1], // 0.545 -> 1
    [-1000, 1000, -91], // a credit note mirrors the sale
    [0, 2000, 0],
  ])("%i cents at %i bp contain %i cents of VAT", (total, rate, vat) => {
    expect(vatIncludedCents(total, rate)).toBe(vat);
  });

  it("rounds a half cent away from zero", () => {
    // 2.1 cents at 5 %: 2.1 * 500 / 10500 = 0.1; use a total that lands on .5 exactly.
    // 1050 cents at 500 bp hold 50 exactly; 1071 at 2000 hold 178.5 -> 179.
    expect(vatIncludedCents(1071, 2000)).toBe(179);
    expect(vatIncludedCents(-1071, 2000)).toBe(-179);
  });
});

describe("vatBreakdown", () => {
  it("derives each rate's VAT from that rate's total, rounded once", () => {
    // Three lines of 1.00 at 10 %: per line 9.09 -> 9 each (27), once on 3.00 -> 27.27 -> 27.
    // Seven lines of 0.15 at 10 %: per line 1.36 -> 1 each (7); on 1.05 -> 9.55 -> 10.
    const lines = Array.from({ length: 7 }, () => ({ rateBp: 1000, totalCents: 15 }));
    const rows = vatBreakdown([...lines, { rateBp: 2000, totalCents: 450 }]);
    expect(rows).toEqual([
      { rateBp: 1000, totalCents: 105, vatCents: 10, netCents: 95 },
      { rateBp: 2000, totalCents: 450, vatCents: 75, netCents: 375 },
    ]);
  });

  it("returns nothing for an empty order", () => {
    expect(vatBreakdown([])).toEqual([]);
  });
});

describe("parseEuros and rateLabel", () => {
  it.each([
    ["12.75", 1275],
    ["16.5", 1650],
    ["9", 900],
    ["20,25", 2025],
    ["0.05", 5],
    ["-3.10", -310],
  ])("reads %s as %i cents", (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(["", "abc", "1.234", "1e3", "12.5.0"])("refuses %j", (text) => {
    expect(() => parseEuros(text)).toThrow(RangeError);
  });

  it("labels rates the way reports key them", () => {
    expect([550, 1000, 2000].map(rateLabel)).toEqual(["5.5", "10", "20"]);
  });
});
