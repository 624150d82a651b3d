import { describe, expect, it } from "vitest";

import { change, customPeriod, presetPeriod } from "./period.js";

const paris = { timeZone: "Europe/Paris", closingMinutes: 240 };
// Wednesday 15 January 2025, 12:00 in Paris (11:00 UTC).
const noonWednesday = Date.parse("2025-01-15T11:00:00Z");
// Thursday 16 January 2025, 02:30 in Paris: still Wednesday's business day.
const nightAfter = Date.parse("2025-01-16T01:30:00Z");

describe("the period picker", () => {
  it("reads today and yesterday as business days in the store's clock", () => {
    expect(presetPeriod("today", noonWednesday, paris)).toEqual({
      from: "2025-01-15",
      to: "2025-01-15",
    });
    expect(presetPeriod("today", nightAfter, paris).from).toBe("2025-01-15");
    expect(presetPeriod("yesterday", nightAfter, paris)).toEqual({
      from: "2025-01-14",
      to: "2025-01-14",
    });
  });

  it("starts the week on Monday and takes the whole previous month", () => {
    expect(presetPeriod("week", noonWednesday, paris)).toEqual({
      from: "2025-01-13",
      to: "2025-01-15",
    });
    const sunday = Date.parse("2025-01-19T12:00:00Z");
    expect(presetPeriod("week", sunday, paris).from).toBe("2025-01-13");
    expect(presetPeriod("lastMonth", noonWednesday, paris)).toEqual({
      from: "2024-12-01",
      to: "2024-12-31",
    });
    const march = Date.parse("2024-03-10T12:00:00Z");
    expect(presetPeriod("lastMonth", march, paris)).toEqual({
      from: "2024-02-01",
      to: "2024-02-29",
    });
  });

  it("refuses a custom range that is blank or reversed", () => {
    expect(customPeriod("2025-01-01", "2025-01-31")).toEqual({
      from: "2025-01-01",
      to: "2025-01-31",
    });
    expect(customPeriod("2025-02-01", "2025-01-31")).toBeNull();
    expect(customPeriod("", "2025-01-31")).toBeNull();
  });

  it("gives the change against the previous period, or none without a base", () => {
    expect(change(120, 100)).toBeCloseTo(0.2);
    expect(change(80, 100)).toBeCloseTo(-0.2);
    expect(change(50, 0)).toBeNull();
  });
});
