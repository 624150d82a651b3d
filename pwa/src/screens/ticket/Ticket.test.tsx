import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { StoreInfo } from "@ocpizza/schema";

import type { JournalRow, LocalOrder } from "../../db/types.js";
import { LocaleProvider } from "../../i18n/i18n.js";
import type { Locale } from "../../i18n/format.js";
import { TEST_MENU, TEST_STORE } from "../../testing/fixtures.js";
import { CreditNoteSlip } from "./CreditNoteSlip.js";
import { shortOrderId, Ticket } from "./Ticket.js";

const ORDER: LocalOrder = {
  id: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b",
  channel: "counter",
  serviceMode: "takeaway",
  createdAtMs: Date.UTC(2025, 0, 15, 19, 30),
  callNumber: 7,
  menuVersion: 1,
  lines: [
    {
      id: "0190a5b2-0000-7000-8000-000000000001",
      productId: "pepperoni",
      size: "M",
      name: "Pepperoni",
      categoryId: "classic",
      quantity: 2,
      unitPriceCents: 1400,
      vatRateBp: 1000,
      options: [{ kind: "extra", ingredientId: "mushrooms", priceCents: 150 }],
    },
    {
      id: "0190a5b2-0000-7000-8000-000000000002",
      productId: "cola",
      size: "U",
      name: "Cola 33 cl",
      categoryId: "drinks",
      quantity: 1,
      unitPriceCents: 300,
      vatRateBp: 550,
      options: [],
    },
  ],
  totalCents: 3100,
  training: false,
  storeId: "bastille",
  deviceId: null,
  status: "completed",
  statusReason: null,
  businessDay: "2025-01-15",
  paidCents: 3100,
  payments: [
    {
      id: "0190a5b2-0000-7000-8000-000000000003",
      method: "cash",
      amountCents: 3100,
      tenderedCents: 5000,
      createdAtMs: Date.UTC(2025, 0, 15, 19, 30),
      changeCents: 1900,
    },
  ],
  flags: [],
  version: 1,
  updatedAtMs: 0,
  syncState: "synced",
  rejection: null,
};

const JOURNAL: JournalRow = {
  seq: 123,
  orderId: ORDER.id,
  kind: "sale",
  businessDay: "2025-01-15",
  previousHash: "0".repeat(64),
  hash: "4f2a9c1d".padEnd(64, "e"),
  content: {
    registerId: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f4f2a",
    storeId: "bastille",
    seq: 123,
    kind: "sale",
    orderId: ORDER.id,
    corrects: null,
    issuedAtMs: ORDER.createdAtMs,
    training: false,
    lines: [],
    totalCents: 3100,
    vat: [],
    payments: [],
  },
};

const LEGAL_STORE: StoreInfo = {
  ...TEST_STORE,
  legal: {
    companyName: "OC Pizza SAS",
    address: "14 rue de la Roquette, 75011 Paris",
    siret: "81234567600017",
    vatNumber: "FR19812345676",
  },
};

interface RenderOptions {
  callLabel?: string;
  locale?: Locale;
  menu?: typeof TEST_MENU;
  store?: StoreInfo;
}

function render(order: LocalOrder, journal?: JournalRow, options: RenderOptions = {}): string {
  return renderText(
    <Ticket
      order={order}
      store={options.store ?? TEST_STORE}
      menu={options.menu ?? TEST_MENU}
      journal={journal}
      callLabel={options.callLabel}
    />,
    options.locale,
  );
}

function renderText(element: ReactElement, locale: Locale = "fr"): string {
  // LocaleProvider reads the language the tablet remembers.
  const storage = new Map([["ocpizza.locale", locale]]);
  Object.assign(globalThis, {
    localStorage: { getItem: (key: string) => storage.get(key) ?? null },
  });
  const html = renderToStaticMarkup(<LocaleProvider>{element}</LocaleProvider>);
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ");
}

describe("the ticket", () => {
  it("prints the call number, Paris time, lines with options, VAT per rate and the change", () => {
    const text = render(ORDER);

    expect(text).toContain("N° 7");
    expect(text).toContain("15/01/2025 20:30");
    expect(text).toContain("2 × Pepperoni (M) + Champignons 28,00 €");
    expect(text).toContain("1 × Cola 33 cl 3,00 €");
    // 10 %: 2800 TTC -> 255 TVA; 5.5 %: 300 TTC -> 16 TVA (each rounded once per rate).
    expect(text).toContain("10 % 25,45 € 2,55 € 28,00 €");
    expect(text).toContain("5,5 % 2,84 € 0,16 € 3,00 €");
    expect(text).toContain("Espèces (reçu 50,00 €) 31,00 €");
    expect(text).toContain("Rendu 19,00 €");
    expect(text).toContain(`Commande ${shortOrderId(ORDER.id)}`);
  });

  it("says what is left to pay on an unpaid order", () => {
    const text = render({ ...ORDER, payments: [], paidCents: 0, status: "accepted" });
    expect(text).toContain("NON PAYÉE — reste 31,00 €");
  });

  it("prints the fiscal number and the start of the hash apart from the call number", () => {
    const text = render(ORDER, JOURNAL);
    expect(text).toContain("Ticket n° 4F2A-000123");
    expect(text).toContain("Empreinte 4f2a9c1d");
    expect(text).not.toContain("Ticket n° 7");
  });

  it("prints the call number with the register's code", () => {
    expect(render(ORDER, undefined, { callLabel: "A-7" })).toContain("N° A-7");
  });

  it("owes nothing once the order is cancelled or refused", () => {
    const unpaid = { ...ORDER, payments: [], paidCents: 0 };
    expect(render({ ...unpaid, status: "cancelled" })).not.toContain("NON PAYÉE");
    expect(render({ ...unpaid, status: "refused" })).not.toContain("NON PAYÉE");
  });

  it("names products in English from the menu, and keeps the recorded name of one gone", () => {
    const greek = { ...ORDER.lines[1], productId: "the_greek", name: "La Grecque", size: "L" };
    const order = { ...ORDER, lines: [ORDER.lines[0], greek] };
    expect(render(order, undefined, { locale: "en" })).toContain("1 × The Greek (L)");
    const gone = { ...TEST_MENU, products: TEST_MENU.products.filter((p) => p.id !== "the_greek") };
    expect(render(order, undefined, { locale: "en", menu: gone })).toContain("1 × La Grecque (L)");
  });

  it("prints the seller's legal identity: company, address, SIRET and VAT number", () => {
    const text = render(ORDER, JOURNAL, { store: LEGAL_STORE });
    expect(text).toContain("OC Pizza SAS 14 rue de la Roquette, 75011 Paris");
    expect(text).toContain("SIRET 81234567600017");
    expect(text).toContain("N° TVA intracom. FR19812345676");

    const english = render(ORDER, JOURNAL, { store: LEGAL_STORE, locale: "en" });
    expect(english).toContain("VAT no. FR19812345676");
  });

  it("leaves out a legal identity the store has not filled in", () => {
    const blank = { companyName: "", address: "", siret: "", vatNumber: "" };
    expect(render(ORDER, JOURNAL, { store: { ...TEST_STORE, legal: blank } })).not.toContain(
      "SIRET",
    );
    expect(render(ORDER, JOURNAL)).not.toContain("SIRET");
  });

  it("prints the legal identity on a credit note too", () => {
    const credit: JournalRow = {
      ...JOURNAL,
      seq: 124,
      kind: "credit_note",
      content: { ...JOURNAL.content, seq: 124, kind: "credit_note", totalCents: -3100 },
    };
    const text = renderText(<CreditNoteSlip row={credit} store={LEGAL_STORE} />);
    expect(text).toContain("SIRET 81234567600017");
    expect(text).toContain("N° TVA intracom. FR19812345676");
  });

  it("marks a training sale FORMATION", () => {
    expect(render({ ...ORDER, training: true })).toContain("FORMATION");
    expect(render(ORDER)).not.toContain("FORMATION");
  });
});
