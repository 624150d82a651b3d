/**
 * The kitchen's quarter hours: within opening ranges, past midnight on the
 * day a range starts, none on a closed day, across a DST change, and the
 * first one with room for an order.
 */
import { describe, expect, it } from "vitest";

import type { OpeningHours } from "@ocpizza/schema";

import { firstFreeQuarter, quartersOfDay } from "./slots.js";

const PARIS = "Europe/Paris";
const empty = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

function hours(changes: Partial<OpeningHours["weekly"]>, closedDays: string[] = []): OpeningHours {
  return { weekly: { ...empty, ...changes }, closedDays };
}

describe("the quarter hours of a day", () => {
  it("run from opening to a quarter before closing", () => {
    const quarters = quartersOfDay(
      "2026-12-08",
      hours({ tue: [{ opens: "18:00", closes: "19:00" }] }),
      PARIS,
    );

    expect(quarters.map((q) => q.time)).toEqual(["18:00", "18:15", "18:30", "18:45"]);
    expect(new Date(quarters[0].startMs).toISOString()).toBe("2026-12-08T17:00:00.000Z");
  });

  it("go past midnight on the day the range starts", () => {
    const quarters = quartersOfDay(
      "2026-12-11",
      hours({ fri: [{ opens: "23:30", closes: "00:30" }] }),
      PARIS,
    );

    expect(quarters.map((q) => q.time)).toEqual(["23:30", "23:45", "00:00", "00:15"]);
    expect(new Date(quarters[2].startMs).toISOString()).toBe("2026-12-11T23:00:00.000Z");
  });

  it("are none on a closed day", () => {
    const week = hours({ tue: [{ opens: "18:00", closes: "23:00" }] }, ["2026-12-08"]);

    expect(quartersOfDay("2026-12-08", week, PARIS)).toEqual([]);
  });

  it("follow the wall clock on the day summer time starts", () => {
    const quarters = quartersOfDay(
      "2027-03-28",
      hours({ sun: [{ opens: "12:00", closes: "12:30" }] }),
      PARIS,
    );

    expect(quarters.map((q) => new Date(q.startMs).toISOString())).toEqual([
      "2027-03-28T10:00:00.000Z",
      "2027-03-28T10:15:00.000Z",
    ]);
  });
});

describe("the first quarter with room", () => {
  const week = hours({ tue: [{ opens: "18:00", closes: "19:00" }] });
  const at = (iso: string) => Date.parse(iso);

  it("skips the quarters the kitchen has filled", () => {
    const taken = new Map([
      [at("2026-12-08T17:00:00Z"), 12],
      [at("2026-12-08T17:15:00Z"), 11],
    ]);

    const quarter = firstFreeQuarter(at("2026-12-08T16:50:00Z"), 2, 12, taken, week, PARIS);

    expect(quarter?.time).toBe("18:30");
  });

  it("is none when every quarter to closing is full", () => {
    const taken = new Map([[at("2026-12-08T17:45:00Z"), 12]]);

    expect(firstFreeQuarter(at("2026-12-08T17:40:00Z"), 1, 12, taken, week, PARIS)).toBeNull();
  });
});
