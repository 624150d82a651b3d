/**
 * The store finder's card and the settings form's conversion, rendered and
 * run without a browser: hours by weekday, open or closed, fee in euros, and
 * euros typed by a manager sent as cents, mistakes named by field.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { StoreDetails } from "@ocpizza/schema";

import { LocaleProvider } from "../i18n/i18n.js";
import { checkForm, formOf } from "../manage/stores/settings-form.js";
import { StoreCard } from "./StoreCard.js";
import { storeWords } from "./words.js";

const STORE: StoreDetails = {
  id: "bastille",
  name: "OC Pizza Bastille",
  address: "14 rue de la Roquette",
  postcode: "75011",
  city: "Paris",
  phone: "01 43 55 21 10",
  timeZone: "Europe/Paris",
  latitude: 48.8545,
  longitude: 2.3719,
  openingHours: {
    mon: [],
    tue: [
      { opens: "11:30", closes: "14:30" },
      { opens: "18:00", closes: "23:00" },
    ],
    wed: [],
    thu: [],
    fri: [{ opens: "18:00", closes: "01:00" }],
    sat: [],
    sun: [],
  },
  closedDays: ["2099-12-25"],
  delivery: { maxMinutes: 15, radiusMeters: 2500, feeCents: 250, minimumOrderCents: 1500 },
  legal: {
    companyName: "OC Pizza SAS",
    address: "14 rue de la Roquette, 75011 Paris",
    siret: "81234567600017",
    vatNumber: "FR19812345676",
  },
  closingMinutes: 240,
  openNow: { open: false, nextOpening: { day: "2026-12-08", opens: "18:00" } },
};

function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, " ")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ");
}

describe("a store card (French, the default)", () => {
  const printed = text(
    renderToStaticMarkup(
      <LocaleProvider>
        <StoreCard store={STORE} words={storeWords("fr")} />
      </LocaleProvider>,
    ),
  );

  it("shows the address, the hours of each weekday and the closed days", () => {
    expect(printed).toContain("14 rue de la Roquette, 75011 Paris");
    expect(printed).toContain("Mardi 11:30 – 14:30, 18:00 – 23:00");
    expect(printed).toContain("Vendredi 18:00 – 01:00");
    expect(printed).toContain("Lundi Fermé");
    expect(printed).toContain("Fermetures exceptionnelles : vendredi 25 décembre");
  });

  it("says when a closed store opens, and the delivery fee in euros", () => {
    expect(printed).toContain("Fermé · ouvre le mardi 8 décembre à 18:00");
    expect(printed).toContain("Livraison 2,50 € · minimum 15,00 €");
  });

  it("links to the order page with this store chosen", () => {
    const markup = renderToStaticMarkup(
      <LocaleProvider>
        <StoreCard store={STORE} words={storeWords("fr")} />
      </LocaleProvider>,
    );
    expect(markup).toMatch(/<a class="button-link" href="\/order\?store=bastille">Commander<\/a>/);
  });
});

describe("the settings form", () => {
  it("sends euros typed with a comma as cents", () => {
    const form = { ...formOf(STORE), feeEuros: "3,5", minimumEuros: "20" };
    const checked = checkForm(form);
    expect(checked.ok && checked.settings.delivery).toEqual({
      maxMinutes: 15,
      radiusMeters: 2500,
      feeCents: 350,
      minimumOrderCents: 2000,
    });
  });

  it("names the field of a mistake before sending", () => {
    expect(checkForm({ ...formOf(STORE), feeEuros: "deux euros" })).toEqual({
      ok: false,
      reason: "delivery.feeCents: an amount in euros",
    });
    const checked = checkForm({ ...formOf(STORE), siret: "81234567600018" });
    expect(!checked.ok && checked.reason).toMatch(/legal\.siret/);
  });
});
