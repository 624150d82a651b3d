/**
 * Tests of the closing request: period keys that exist, and the ones that do not.
 */
import { describe, expect, it } from "vitest";

import { closingRequestSchema, isPeriodKey } from "./closings.js";

describe("isPeriodKey", () => {
  it.each([
    ["day", "2026-01-31", true],
    ["day", "2024-02-29", true],
    ["day", "2026-02-29", false],
    ["day", "2026-13-01", false],
    ["day", "2026-01", false],
    ["month", "2026-12", true],
    ["month", "2026-00", false],
    ["month", "2026-01-05", false],
    ["year", "2026", true],
    ["year", "26", false],
    ["day", "2000-01-01", true],
    ["day", "1999-12-31", false],
    ["day", "0000-01-01", false],
    ["month", "1970-01", false],
    ["year", "1999", false],
  ] as const)("a %s keyed %s is %s", (period, key, valid) => {
    expect(isPeriodKey(period, key)).toBe(valid);
  });
});

describe("closingRequestSchema", () => {
  it("names the key when it does not fit the period, and fills closedBy", () => {
    const bad = closingRequestSchema.safeParse({
      storeId: "bastille",
      period: "year",
      key: "2026-01",
    });
    const good = closingRequestSchema.parse({
      storeId: "bastille",
      period: "day",
      key: "2026-01-05",
    });

    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["key"]);
    expect(good.closedBy).toBe("admin");
  });
});
