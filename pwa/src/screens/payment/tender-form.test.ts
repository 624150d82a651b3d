import { describe, expect, it } from "vitest";

import { addToEntered, parseEnteredCents, tenderFor } from "./TenderForm.js";

describe("the amount received", () => {
  it("adds the quick notes a customer hands over (50 € then 20 €)", () => {
    expect(addToEntered("", 5_000)).toBe(5_000);
    expect(addToEntered("50,00", 2_000)).toBe(7_000);
    expect(addToEntered("not an amount", 1_000)).toBe(1_000);
  });

  it("refuses above 100 000,00 € before Valider", () => {
    expect(parseEnteredCents("100000,01")).toBe(10_000_001);
    expect(tenderFor("cash", "100000,01", 2_450)).toEqual({ ok: false, reason: "too_big" });
    expect(tenderFor("cash", "100000", 2_450)).toMatchObject({ ok: true });
  });

  it("lets a meal voucher pay only what is not alcohol", () => {
    expect(tenderFor("meal_voucher", "20", 2_450, 1_550)).toMatchObject({
      ok: true,
      payment: { amountCents: 1_550 },
      voucherExcessCents: 450,
    });
  });
});
