import { describe, expect, it } from "vitest";

import { effectiveAtOf, readPrices } from "./menu-api.js";

describe("readPrices", () => {
  it("reads euros with a comma or a point into cents", () => {
    expect(readPrices({ S: "12,50", M: "16" })).toEqual({
      ok: true,
      prices: [
        { size: "S", priceCents: 1250 },
        { size: "M", priceCents: 1600 },
      ],
    });
  });

  it.each(["-1", "abc", "12.345", ""])("names the size of %j", (text) => {
    expect(readPrices({ L: text })).toEqual({ ok: false, size: "L" });
  });
});

describe("effectiveAtOf", () => {
  it("reads the date and time as Paris time, on the spring DST day too", () => {
    expect(effectiveAtOf("2026-12-10T00:00")).toBe("2026-12-09T23:00:00.000Z");
    expect(effectiveAtOf("2027-03-28T03:00")).toBe("2027-03-28T01:00:00.000Z");
  });

  it("leaves an empty field to mean now", () => {
    expect(effectiveAtOf("")).toBeUndefined();
  });
});
