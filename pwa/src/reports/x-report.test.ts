import { describe, expect, it } from "vitest";

import type { TicketContent } from "@ocpizza/schema";

import { xReport } from "./x-report.js";

let seq = 0;
function ticket(overrides: Partial<TicketContent>): { hash: string; content: TicketContent } {
  seq += 1;
  return {
    hash: String(seq).padStart(64, "a"),
    content: {
      registerId: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b",
      storeId: "bastille",
      seq,
      kind: "sale",
      orderId: "0190a5b2-7c3d-7e4f-8a1b-000000000001",
      corrects: null,
      issuedAtMs: Date.UTC(2025, 0, 15, 12, 0),
      training: false,
      lines: [],
      totalCents: 0,
      vat: [],
      payments: [],
      ...overrides,
    },
  };
}

describe("the X report", () => {
  it("adds up tickets, credit notes, VAT per rate and payments, training left out", () => {
    seq = 0;
    const rows = [
      ticket({
        totalCents: 2800,
        vat: [
          { rateBp: 550, totalCents: 300, vatCents: 16 },
          { rateBp: 1000, totalCents: 2500, vatCents: 227 },
        ],
        payments: [{ method: "cash", amountCents: 2800 }],
      }),
      ticket({
        totalCents: 1250,
        vat: [{ rateBp: 1000, totalCents: 1250, vatCents: 114 }],
        payments: [
          { method: "card", amountCents: 1000 },
          { method: "cash", amountCents: 250 },
        ],
      }),
      ticket({
        kind: "credit_note",
        corrects: { registerId: "r", seq: 2 },
        totalCents: -1250,
        vat: [{ rateBp: 1000, totalCents: -1250, vatCents: -114 }],
        payments: [{ method: "card", amountCents: -1250 }],
      }),
      ticket({
        training: true,
        totalCents: 9900,
        vat: [{ rateBp: 2000, totalCents: 9900, vatCents: 1650 }],
        payments: [{ method: "cash", amountCents: 9900 }],
      }),
    ];

    const report = xReport(rows);

    expect(report).toMatchObject({
      tickets: 2,
      salesCents: 4050,
      creditNotes: 1,
      creditNotesCents: -1250,
      netCents: 2800,
      trainingExcluded: 1,
      last: { seq: 4, hash: rows[3].hash },
    });
    expect(report.vat).toEqual([
      { rateBp: 550, totalCents: 300, vatCents: 16, netCents: 284 },
      { rateBp: 1000, totalCents: 2500, vatCents: 227, netCents: 2273 },
    ]);
    expect(report.payments).toEqual([
      { method: "card", count: 2, amountCents: -250 },
      { method: "cash", count: 2, amountCents: 3050 },
    ]);
  });

  it("is all zeros on a day without tickets", () => {
    expect(xReport([])).toMatchObject({
      tickets: 0,
      netCents: 0,
      vat: [],
      payments: [],
      last: null,
    });
  });
});
