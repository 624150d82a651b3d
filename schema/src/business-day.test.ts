import { describe, expect, it } from "vitest";

import { addDays, businessDay, zoneOffsetMinutes, zonedTimeToEpochMs } from "./business-day.js";

const PARIS = "Europe/Paris";

describe("zonedTimeToEpochMs", () => {
  it.each([
    // winter: UTC+1
    ["2015/01/01", "11:38:36", "2015-01-01T10:38:36.000Z"],
    // summer: UTC+2
    ["2015-06-01", "11:21:45", "2015-06-01T09:21:45.000Z"],
    // just after midnight, winter: still the previous UTC day
    ["2015-01-02", "00:30:00", "2015-01-01T23:30:00.000Z"],
    // autumn overlap (02:30 happens twice on 2015-10-25): the earlier instant
    ["2015-10-25", "02:30:00", "2015-10-25T00:30:00.000Z"],
    // spring gap (02:30 does not exist on 2015-03-29): read with the winter offset
    ["2015-03-29", "02:30:00", "2015-03-29T01:30:00.000Z"],
  ])("%s %s in Paris is %s", (date, time, iso) => {
    expect(new Date(zonedTimeToEpochMs(date, time, PARIS)).toISOString()).toBe(iso);
  });

  it("refuses a date that is not one", () => {
    expect(() => zonedTimeToEpochMs("2015/xx/01", "10:00:00", PARIS)).toThrow(RangeError);
  });
});

describe("zoneOffsetMinutes", () => {
  it("is 60 in Paris winter and 120 in summer", () => {
    expect(zoneOffsetMinutes(Date.parse("2015-01-15T12:00:00Z"), PARIS)).toBe(60);
    expect(zoneOffsetMinutes(Date.parse("2015-07-15T12:00:00Z"), PARIS)).toBe(120);
  });
});

describe("businessDay", () => {
  const closing = 4 * 60;
  it.each([
    ["2015-01-01T10:38:36Z", "2015-01-01"], // 11:38 local
    ["2015-01-01T22:59:00Z", "2015-01-01"], // 23:59 local
    ["2015-01-01T23:30:00Z", "2015-01-01"], // 00:30 local on the 2nd: before closing
    ["2015-01-02T02:59:00Z", "2015-01-01"], // 03:59 local
    ["2015-01-02T03:00:00Z", "2015-01-02"], // 04:00 local: a new day
    ["2015-06-30T22:30:00Z", "2015-06-30"], // 00:30 local on July 1st, summer
    ["2015-12-31T23:10:00Z", "2015-12-31"], // New Year's Eve after midnight
  ])("a sale at %s belongs to %s", (iso, day) => {
    expect(businessDay(Date.parse(iso), PARIS, closing)).toBe(day);
  });

  it("follows a store's own closing hour", () => {
    const at = Date.parse("2015-01-02T01:30:00Z"); // 02:30 local
    expect(businessDay(at, PARIS, 0)).toBe("2015-01-02");
    expect(businessDay(at, PARIS, 180)).toBe("2015-01-01");
  });

  it("adds days across months and years", () => {
    expect(addDays("2015-12-31", 1)).toBe("2016-01-01");
    expect(addDays("2016-03-01", -1)).toBe("2016-02-29");
  });
});
