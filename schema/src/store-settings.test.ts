/**
 * The checks on a store's settings: SIRET (Luhn) and French VAT number (key
 * and SIREN), opening ranges (times, overlaps across midnight and the week),
 * closed days, amounts and hostile strings. Each refusal names its field.
 */
import { describe, expect, it } from "vitest";

import { describeIssues } from "./protocol.js";
import {
  frenchVatKey,
  isValidFrenchVat,
  isValidSiret,
  storeSettingsSchema,
  type StoreSettingsInput,
} from "./store-settings.js";

/** A valid settings document; each test breaks one thing. */
function goodSettings(): StoreSettingsInput {
  // A new array per day: a test that changes Tuesday must not change Wednesday.
  const lunchAndEvening = () => [
    { opens: "11:30", closes: "14:30" },
    { opens: "18:00", closes: "23:00" },
  ];
  return {
    openingHours: {
      mon: [],
      tue: lunchAndEvening(),
      wed: lunchAndEvening(),
      thu: lunchAndEvening(),
      fri: [{ opens: "18:00", closes: "01:00" }],
      sat: [{ opens: "18:00", closes: "02:00" }],
      sun: [{ opens: "18:00", closes: "23:00" }],
    },
    closedDays: ["2026-12-25", "2026-05-01"],
    delivery: { maxMinutes: 15, radiusMeters: 2500, feeCents: 250, minimumOrderCents: 1500 },
    legal: {
      companyName: "OC Pizza SAS",
      address: "14 rue de la Roquette, 75011 Paris",
      siret: "812 345 676 00017",
      vatNumber: "fr 19 812345676",
    },
    coordinates: { latitude: 48.8545, longitude: 2.3719 },
  };
}

function refusal(input: unknown): string {
  const parsed = storeSettingsSchema.safeParse(input);
  if (parsed.success) throw new Error("expected the settings to be refused");
  return describeIssues(parsed.error);
}

describe("SIRET and VAT numbers", () => {
  it.each([
    ["81234567600017", true],
    ["812 345 676 00017", true],
    ["44306184100013", true],
    ["81234567600018", false],
    ["8123456760001", false],
    ["812345676000170", false],
    ["8123456760001A", false],
    ["00000000000000", true],
    // La Poste: one SIREN for every office, digit sum a multiple of 5.
    ["35600000000048", true],
    ["35600000000015", true],
    ["35600000000016", false],
  ])("SIRET %s is valid: %s", (siret, valid) => {
    expect(isValidSiret(siret)).toBe(valid);
  });

  it("computes the French VAT key from the SIREN", () => {
    expect(frenchVatKey("443061841")).toBe("64");
    expect(frenchVatKey("812345676")).toBe("19");
    expect(frenchVatKey("000000000")).toBe("12");
  });

  it.each([
    ["FR19812345676", true],
    ["fr 19 812 345 676", true],
    ["FR20812345676", false],
    ["FR19812345677", false],
    ["DE19812345676", false],
    ["FR1981234567", false],
    ["FRXX812345676", false],
  ])("VAT number %s is valid: %s", (vat, valid) => {
    expect(isValidFrenchVat(vat)).toBe(valid);
  });
});

describe("a settings document", () => {
  it("is accepted and normalised: SIRET without spaces, VAT upper case, days sorted", () => {
    const settings = storeSettingsSchema.parse(goodSettings());
    expect(settings.legal.siret).toBe("81234567600017");
    expect(settings.legal.vatNumber).toBe("FR19812345676");
    expect(settings.closedDays).toEqual(["2026-05-01", "2026-12-25"]);
  });

  const broken: [string, (s: StoreSettingsInput) => unknown, RegExp][] = [
    [
      "a time past 23:59",
      (s) => (s.openingHours.tue[0].closes = "25:00"),
      /openingHours\.tue\.0\.closes/,
    ],
    ["24:00", (s) => (s.openingHours.tue[0].closes = "24:00"), /openingHours\.tue\.0\.closes/],
    ["a time without minutes", (s) => (s.openingHours.wed[0].opens = "11"), /openingHours\.wed\.0/],
    [
      "a range of no length",
      (s) => (s.openingHours.mon = [{ opens: "12:00", closes: "12:00" }]),
      /openingHours\.mon\.0/,
    ],
    [
      "overlapping ranges in a day",
      (s) => (s.openingHours.tue[1].opens = "14:00"),
      /openingHours\.tue\.1: overlaps tue 11:30-14:30/,
    ],
    [
      "a late range running into the next day's",
      (s) =>
        (s.openingHours.sat = [
          { opens: "11:00", closes: "14:00" },
          { opens: "00:30", closes: "03:00" },
        ]),
      /openingHours\.sat\.1: overlaps fri 18:00-01:00/,
    ],
    [
      "Sunday night running into Monday's",
      (s) => {
        s.openingHours.sun = [{ opens: "20:00", closes: "02:00" }];
        s.openingHours.mon = [{ opens: "01:00", closes: "03:00" }];
      },
      /overlaps/,
    ],
    [
      "five ranges in a day",
      (s) =>
        (s.openingHours.mon = ["08:00", "10:00", "12:00", "14:00", "16:00"].map((opens, i) => ({
          opens,
          closes: `${String(9 + 2 * i).padStart(2, "0")}:00`,
        }))),
      /openingHours\.mon: must have at most 4/,
    ],
    [
      "a huge array of ranges",
      (s) =>
        (s.openingHours.mon = Array.from({ length: 10_000 }, () => ({
          opens: "10:00",
          closes: "11:00",
        }))),
      /openingHours\.mon/,
    ],
    [
      "a missing weekday",
      (s) => delete (s.openingHours as Partial<typeof s.openingHours>).sun,
      /openingHours\.sun/,
    ],
    [
      "an unknown weekday",
      (s) => ((s.openingHours as Record<string, unknown>).holiday = []),
      /openingHours/,
    ],
    [
      "a closed day that is no date",
      (s) => (s.closedDays = ["2026-02-30"]),
      /closedDays\.0: must be a real calendar date/,
    ],
    [
      "a repeated closed day",
      (s) => (s.closedDays = ["2026-12-25", "2026-12-25"]),
      /closedDays: must not repeat/,
    ],
    ["a negative fee", (s) => (s.delivery.feeCents = -1), /delivery\.feeCents/],
    [
      "a fee in euros",
      (s) => (s.delivery.feeCents = 2.5),
      /delivery\.feeCents: must be whole cents/,
    ],
    ["a zone of 0 minutes", (s) => (s.delivery.maxMinutes = 0), /delivery\.maxMinutes/],
    ["a radius of 500 km", (s) => (s.delivery.radiusMeters = 500_000), /delivery\.radiusMeters/],
    ["a bad SIRET", (s) => (s.legal.siret = "81234567600018"), /legal\.siret: must be 14 digits/],
    ["a bad VAT key", (s) => (s.legal.vatNumber = "FR20812345676"), /legal\.vatNumber/],
    [
      "a VAT number of another company",
      (s) => (s.legal.vatNumber = "FR64443061841"),
      /legal\.vatNumber: must carry the same SIREN/,
    ],
    [
      "an empty company name",
      (s) => (s.legal.companyName = "   "),
      /legal\.companyName: must not be empty/,
    ],
    [
      "a control character",
      (s) => (s.legal.companyName = "OC\u0000Pizza"),
      /legal\.companyName: must not contain control/,
    ],
    ["a bidi override", (s) => (s.legal.address = "rue \u202Eazzip"), /legal\.address/],
    [
      "a 10 kB address",
      (s) => (s.legal.address = "x".repeat(10_000)),
      /legal\.address: must be at most 255/,
    ],
    ["a latitude of 91", (s) => (s.coordinates.latitude = 91), /coordinates\.latitude/],
    [
      "coordinates as text",
      (s) => ((s.coordinates as Record<string, unknown>).longitude = "2.37"),
      /coordinates\.longitude/,
    ],
    [
      "an unknown field",
      (s) => ((s as Record<string, unknown>).owner = "me"),
      /owner|Unrecognized/,
    ],
  ];

  it.each(broken)("is refused for %s, naming the field", (_what, breakIt, field) => {
    const input = goodSettings();
    breakIt(input);
    expect(refusal(input)).toMatch(field);
  });

  it("accepts a range closing at midnight and one day closed all week", () => {
    const input = goodSettings();
    input.openingHours.sun = [{ opens: "18:00", closes: "00:00" }];
    input.openingHours.mon = [{ opens: "00:00", closes: "02:00" }];
    // Sunday closes at 00:00 and Monday opens at 00:00: they touch, they do not overlap.
    expect(storeSettingsSchema.safeParse(input).success).toBe(true);
  });
});
