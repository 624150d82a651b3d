import { describe, expect, it } from "vitest";

import { canonicalJson, chainHash, GENESIS_HASH, ticketContentSchema } from "./journal.js";
import { pinCheckRequestSchema, pinProblem, setPinRequestSchema } from "./staff-pins.js";

describe("a new PIN", () => {
  it.each(["4826", "7391", "258014", "13579", "1231"])("accepts %s", (pin) => {
    expect(pinProblem(pin)).toBeNull();
  });

  it.each([
    ["too short", "482"],
    ["too long", "4826193"],
    ["letters", "48a6"],
    ["arabic-indic digits", "٤٨٢٦"],
    ["full-width digits", "４８２６"],
    ["one digit repeated", "0000"],
    ["one digit repeated, six times", "777777"],
    ["digits in a row", "1234"],
    ["digits in a row down", "6543"],
    ["a long run", "345678"],
  ])("refuses %s (%s)", (_, pin) => {
    expect(pinProblem(pin)).not.toBeNull();
    expect(setPinRequestSchema.safeParse({ pin }).success).toBe(false);
  });

  it("is checked as any 4 to 6 ASCII digits, so an old easy PIN can still be typed", () => {
    const staffId = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";
    expect(pinCheckRequestSchema.safeParse({ staffId, pin: "1234" }).success).toBe(true);
    expect(pinCheckRequestSchema.safeParse({ staffId, pin: "١٢٣٤" }).success).toBe(false);
  });
});

describe("the staff name on a ticket", () => {
  const content = {
    registerId: "r1",
    storeId: "bastille",
    seq: 1,
    kind: "sale" as const,
    orderId: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b",
    corrects: null,
    issuedAtMs: Date.UTC(2025, 0, 15),
    training: false,
    lines: [],
    totalCents: 0,
    vat: [],
    payments: [],
  };

  it("leaves a ticket without it hashed as before (no key in the canonical text)", () => {
    const parsed = ticketContentSchema.parse(content);
    expect(canonicalJson(parsed)).toBe(canonicalJson(content));
    expect(chainHash(GENESIS_HASH, parsed)).toBe(chainHash(GENESIS_HASH, content));
  });

  it("is kept by the schema and covered by the hash when present", () => {
    const served = ticketContentSchema.parse({ ...content, servedBy: "Camille" });
    expect(served.servedBy).toBe("Camille");
    expect(chainHash(GENESIS_HASH, served)).not.toBe(chainHash(GENESIS_HASH, content));
  });
});
