import { describe, expect, it } from "vitest";

import { dayDimension, MONTH_OF, splitRange } from "./summary-periods.js";

describe("reading a period as whole months and the days around them", () => {
  it("reads a whole year as twelve months", () => {
    expect(splitRange("2025-01-01", "2025-12-31")).toEqual({
      days: [],
      months: { from: "2025-01-01", to: "2025-12-01" },
    });
  });

  it("reads the days before and after the whole months as days", () => {
    expect(splitRange("2024-01-16", "2024-03-10")).toEqual({
      days: [
        { from: "2024-01-16", to: "2024-01-31" },
        { from: "2024-03-01", to: "2024-03-10" },
      ],
      months: { from: "2024-02-01", to: "2024-02-01" },
    });
    // February of a leap year ends on the 29th.
    expect(splitRange("2024-02-01", "2024-02-29").months).toEqual({
      from: "2024-02-01",
      to: "2024-02-01",
    });
    expect(splitRange("2024-02-01", "2024-02-28")).toEqual({
      days: [{ from: "2024-02-01", to: "2024-02-28" }],
      months: null,
    });
  });

  it("reads a period inside one month, or across two partial ones, as days", () => {
    expect(splitRange("2025-03-05", "2025-03-05").months).toBeNull();
    expect(splitRange("2025-01-20", "2025-02-10")).toEqual({
      days: [{ from: "2025-01-20", to: "2025-02-10" }],
      months: null,
    });
    expect(splitRange("2025-12-15", "2026-01-31")).toEqual({
      days: [{ from: "2025-12-15", to: "2025-12-31" }],
      months: { from: "2026-01-01", to: "2026-01-01" },
    });
  });

  it("names month rows apart from day rows, within the column's eight characters", () => {
    for (const [day, month] of Object.entries(MONTH_OF)) {
      expect(month.length).toBeLessThanOrEqual(8);
      expect(month).not.toBe(day);
      expect(dayDimension(month)).toBe(day);
      expect(dayDimension(day)).toBe(day);
    }
  });
});
