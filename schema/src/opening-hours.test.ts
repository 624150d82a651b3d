/**
 * Open or closed at an instant, on Paris wall-clock time: a table of cases with
 * lunch and evening ranges, ranges past midnight, closed days and both DST nights.
 */
import { describe, expect, it } from "vitest";

import {
  clockMinutes,
  isOpenAt,
  openStateAt,
  weekdayOf,
  type OpeningHours,
  type WeeklyHours,
} from "./opening-hours.js";

const PARIS = "Europe/Paris";

const lunchAndEvening = [
  { opens: "11:30", closes: "14:30" },
  { opens: "18:00", closes: "23:00" },
];

/** Lunch and evening on weekdays, late nights (past midnight) on Friday and Saturday. */
const WEEK: WeeklyHours = {
  mon: [],
  tue: lunchAndEvening,
  wed: lunchAndEvening,
  thu: lunchAndEvening,
  fri: [
    { opens: "11:30", closes: "14:30" },
    { opens: "18:00", closes: "01:00" },
  ],
  sat: [{ opens: "18:00", closes: "03:00" }],
  sun: [{ opens: "18:00", closes: "00:00" }],
};

const HOURS: OpeningHours = { weekly: WEEK, closedDays: ["2026-12-25", "2027-01-01"] };

describe("whether the store is open at an instant (Paris time)", () => {
  it.each([
    // [instant (UTC), open?, why]
    ["2026-12-08T10:29:59Z", false, "Tuesday 11:29:59 in winter (UTC+1): not yet"],
    ["2026-12-08T10:30:00Z", true, "Tuesday 11:30 local: lunch opens"],
    ["2026-12-08T13:29:00Z", true, "Tuesday 14:29 local"],
    ["2026-12-08T13:30:00Z", false, "Tuesday 14:30 local: the closing minute is closed"],
    ["2026-12-08T16:00:00Z", false, "Tuesday 17:00 local: between lunch and evening"],
    ["2026-12-08T21:59:00Z", true, "Tuesday 22:59 local"],
    ["2026-06-09T09:29:00Z", false, "Tuesday 11:29 in summer (UTC+2)"],
    ["2026-06-09T09:30:00Z", true, "Tuesday 11:30 in summer: 09:30 UTC"],
    ["2026-12-07T12:00:00Z", false, "Monday: closed all day"],
    ["2026-12-11T23:30:00Z", true, "Saturday 00:30 local: Friday's range runs to 01:00"],
    ["2026-12-12T00:00:00Z", false, "Saturday 01:00 local: Friday's range just ended"],
    ["2026-12-13T01:59:00Z", true, "Sunday 02:59 local: Saturday's range runs to 03:00"],
    ["2026-12-13T22:59:00Z", true, "Sunday 23:59 local: the range closing at 00:00"],
    ["2026-12-13T23:00:00Z", false, "Monday 00:00 local: Sunday closed at midnight"],
    ["2026-12-25T18:00:00Z", false, "Friday 25 December 19:00: a closed day"],
    [
      "2026-12-25T23:30:00Z",
      false,
      "Saturday 00:30 after a closed Friday: that range never opened",
    ],
    ["2026-12-24T23:30:00Z", false, "Friday 00:30: Thursday closed at 23:00"],
    ["2026-12-31T23:30:00Z", false, "Friday 1 January 00:30: Thursday closed at 23:00"],
    ["2027-01-01T21:00:00Z", false, "Friday 1 January 22:00: a closed day"],
    ["2027-01-02T00:30:00Z", false, "Saturday 01:30 local: the closed Friday's late range"],
    ["2027-01-02T17:00:00Z", true, "Saturday 2 January 18:00: open again"],
  ] as const)("%s -> open %s (%s)", (instant, open, _why) => {
    expect(isOpenAt(Date.parse(instant), HOURS, PARIS)).toBe(open);
  });
});

describe("the daylight saving nights", () => {
  // 2026-03-29: 02:00 CET jumps to 03:00 CEST. 2026-10-25: 03:00 CEST falls back to 02:00 CET.
  const late: OpeningHours = {
    weekly: { ...WEEK, sat: [{ opens: "22:00", closes: "02:30" }] },
    closedDays: [],
  };

  it.each([
    ["2026-03-28T20:59:00Z", false, "Saturday 21:59 CET"],
    ["2026-03-28T21:00:00Z", true, "Saturday 22:00 CET"],
    ["2026-03-29T00:59:00Z", true, "Sunday 01:59 CET, just before the jump"],
    ["2026-03-29T01:00:00Z", false, "Sunday 03:00 CEST: 02:00-02:30 never happened"],
    ["2026-10-24T20:00:00Z", true, "Saturday 22:00 CEST"],
    ["2026-10-25T00:15:00Z", true, "Sunday 02:15 CEST, the first 02:15"],
    ["2026-10-25T00:30:00Z", false, "Sunday 02:30 CEST: closed at the first 02:30"],
    ["2026-10-25T01:15:00Z", true, "Sunday 02:15 CET, the second 02:15: the wall clock says open"],
    ["2026-10-25T01:30:00Z", false, "Sunday 02:30 CET"],
  ] as const)("%s -> open %s (%s)", (instant, open, _why) => {
    expect(isOpenAt(Date.parse(instant), late, PARIS)).toBe(open);
  });

  it("opens on the wall clock the evening after a change: 18:00 CEST is 16:00 UTC", () => {
    expect(isOpenAt(Date.parse("2026-03-29T15:59:00Z"), HOURS, PARIS)).toBe(false);
    expect(isOpenAt(Date.parse("2026-03-29T16:00:00Z"), HOURS, PARIS)).toBe(true);
    expect(isOpenAt(Date.parse("2026-10-25T16:59:00Z"), HOURS, PARIS)).toBe(false);
    expect(isOpenAt(Date.parse("2026-10-25T17:00:00Z"), HOURS, PARIS)).toBe(true);
  });
});

describe("what the door sign says", () => {
  it("gives the closing time while open", () => {
    expect(openStateAt(Date.parse("2026-12-11T23:30:00Z"), HOURS, PARIS)).toEqual({
      open: true,
      closesAt: "01:00",
    });
  });

  it("gives the next opening while closed, later today or after closed days", () => {
    expect(openStateAt(Date.parse("2026-12-08T16:00:00Z"), HOURS, PARIS).nextOpening).toEqual({
      day: "2026-12-08",
      opens: "18:00",
    });
    // Monday is closed all day: Tuesday's lunch.
    expect(openStateAt(Date.parse("2026-12-07T09:00:00Z"), HOURS, PARIS).nextOpening).toEqual({
      day: "2026-12-08",
      opens: "11:30",
    });
    // Christmas Friday is closed: Saturday evening.
    expect(openStateAt(Date.parse("2026-12-25T08:00:00Z"), HOURS, PARIS).nextOpening).toEqual({
      day: "2026-12-26",
      opens: "18:00",
    });
  });

  it("says there is no next opening for a week without hours", () => {
    const never: OpeningHours = {
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      closedDays: [],
    };
    expect(openStateAt(Date.parse("2026-12-08T12:00:00Z"), never, PARIS)).toEqual({
      open: false,
      nextOpening: null,
    });
  });
});

describe("clock helpers", () => {
  it.each([
    ["00:00", 0],
    ["23:59", 1439],
    ["11:30", 690],
    ["24:00", null],
    ["25:00", null],
    ["9:30", null],
    ["12:60", null],
    ["12:30:00", null],
    ["", null],
  ] as const)("reads %j as %s minutes", (text, minutes) => {
    expect(clockMinutes(text)).toBe(minutes);
  });

  it("knows the weekday of a date", () => {
    expect(weekdayOf("2026-12-07")).toBe("mon");
    expect(weekdayOf("2026-12-13")).toBe("sun");
    expect(weekdayOf("2024-02-29")).toBe("thu");
  });
});
