import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { LocaleProvider } from "../i18n/i18n.js";
import { xReport } from "./x-report.js";
import { XReportSlip } from "./XReportScreen.js";

function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, " ")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ");
}

describe("the printed X report", () => {
  it("shows the register, the day, counts and amounts, VAT per rate and the last ticket", () => {
    const report = xReport([
      {
        hash: "b7e3f0a1".padEnd(64, "0"),
        content: {
          registerId: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b",
          storeId: "bastille",
          seq: 12,
          kind: "sale",
          orderId: "0190a5b2-7c3d-7e4f-8a1b-000000000001",
          corrects: null,
          issuedAtMs: Date.UTC(2025, 0, 15, 12, 0),
          training: false,
          lines: [],
          totalCents: 2500,
          vat: [{ rateBp: 1000, totalCents: 2500, vatCents: 227 }],
          payments: [{ method: "meal_voucher", amountCents: 2500 }],
        },
      },
    ]);

    const printed = text(
      renderToStaticMarkup(
        <LocaleProvider>
          <XReportSlip
            report={report}
            storeName="OC Pizza Bastille"
            register="6A7B"
            day="2025-01-15"
            atMs={Date.UTC(2025, 0, 15, 14, 5)}
            timeZone="Europe/Paris"
          />
        </LocaleProvider>,
      ),
    );

    expect(printed).toContain("Caisse 6A7B — journée du 2025-01-15, à 15:05");
    expect(printed).toContain("Tickets 1 × 25,00 €");
    expect(printed).toContain("Avoirs 0 × 0,00 €");
    expect(printed).toContain("10 % 22,73 € 2,27 € 25,00 €");
    expect(printed).toContain("Ticket-restaurant 1 × 25,00 €");
    expect(printed).toContain("Dernier ticket : n° 6A7B-000012, empreinte b7e3f0a1");
  });
});
