import { describe, expect, it } from "vitest";

import { parseEuros } from "@ocpizza/schema";

import { en } from "./en.js";
import {
  fill,
  formatEurosInput,
  formatMoney,
  formatMoneyShort,
  formatRate,
  formatShare,
  formatTime,
} from "./format.js";
import { fr } from "./fr.js";

describe("formatting for people", () => {
  it.each([
    { cents: 1250, locale: "fr", text: "12,50 €" },
    { cents: 123456, locale: "fr", text: "1 234,56 €" },
    { cents: 1250, locale: "en", text: "€12.50" },
    { cents: 5, locale: "en", text: "€0.05" },
  ] as const)("$cents cents in $locale -> $text", ({ cents, locale, text }) => {
    // Intl uses narrow no-break spaces in French; compare with plain spaces.
    expect(formatMoney(cents, locale).replace(/[\u00a0\u202f]/g, " ")).toBe(text);
  });

  it("drops the cents of round quick-cash amounts", () => {
    expect(formatMoneyShort(2000, "fr").replace(/[\u00a0\u202f]/g, " ")).toBe("20 €");
    expect(formatMoneyShort(2050, "en")).toBe("€20.50");
  });

  it("shows a price for editing with the local decimal mark, that parseEuros reads back", () => {
    expect(formatEurosInput(1325, "fr")).toBe("13,25");
    expect(formatEurosInput(1325, "en")).toBe("13.25");
    expect(formatEurosInput(123400, "fr")).toBe("1234,00");
    expect(parseEuros(formatEurosInput(123405, "fr"))).toBe(123405);
  });

  it("prints a share with one decimal the local way", () => {
    expect(formatShare(1, "fr").replace(/[\u00a0\u202f]/g, " ")).toBe("100,0 %");
    expect(formatShare(1, "en")).toBe("100.0 %");
    expect(formatShare(0.125, "fr").replace(/[\u00a0\u202f]/g, " ")).toBe("12,5 %");
  });

  it("prints VAT rates the local way", () => {
    expect(formatRate(550, "fr")).toBe("5,5");
    expect(formatRate(550, "en")).toBe("5.5");
    expect(formatRate(2000, "fr")).toBe("20");
  });

  it("shows times in the store's zone, not the tablet's", () => {
    expect(formatTime(Date.UTC(2025, 5, 15, 18, 5), "fr", "Europe/Paris")).toBe("20:05");
  });

  it("fills the marks of a message and leaves unknown ones", () => {
    expect(fill("Commande n° {number} — {x}", { number: 12 })).toBe("Commande n° 12 — {x}");
  });

  it("has the same marks in both languages for every message", () => {
    const marks = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(marks(en[key]), key).toEqual(marks(fr[key]));
    }
  });
});
