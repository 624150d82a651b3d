import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { LocalOrder } from "../../db/types.js";
import { LocaleProvider } from "../../i18n/i18n.js";
import { TEST_MENU, TEST_STORE } from "../../testing/fixtures.js";
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

function render(order: LocalOrder): string {
  const html = renderToStaticMarkup(
    <LocaleProvider>
      <Ticket order={order} store={TEST_STORE} menu={TEST_MENU} />
    </LocaleProvider>,
  );
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
});
