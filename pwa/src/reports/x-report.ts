/**
 * The X report of this register: today's figures so far, read from its
 * journal (tickets and credit notes), training tickets left out. Pure; the
 * screen chooses the rows (one business day) and prints the result.
 */
import type { TicketContent } from "@ocpizza/schema";

export interface XReport {
  tickets: number;
  salesCents: number;
  creditNotes: number;
  /** Negative: what the credit notes took back. */
  creditNotesCents: number;
  netCents: number;
  /** Per rate, summed over tickets and credit notes (each ticket's VAT rounded once per rate). */
  vat: { rateBp: number; totalCents: number; vatCents: number; netCents: number }[];
  /** Per method: payments taken minus refunds given. */
  payments: { method: string; count: number; amountCents: number }[];
  trainingExcluded: number;
  /** The last ticket of the register at report time, training or not. */
  last: { registerId: string; seq: number; hash: string } | null;
}

export function xReport(rows: readonly { hash: string; content: TicketContent }[]): XReport {
  const report: XReport = {
    tickets: 0,
    salesCents: 0,
    creditNotes: 0,
    creditNotesCents: 0,
    netCents: 0,
    vat: [],
    payments: [],
    trainingExcluded: 0,
    last: null,
  };
  const vat = new Map<number, { totalCents: number; vatCents: number }>();
  const payments = new Map<string, { count: number; amountCents: number }>();

  for (const { hash, content } of rows) {
    if (!report.last || content.seq > report.last.seq) {
      report.last = { registerId: content.registerId, seq: content.seq, hash };
    }
    if (content.training) {
      report.trainingExcluded += 1;
      continue;
    }
    if (content.kind === "sale") {
      report.tickets += 1;
      report.salesCents += content.totalCents;
    } else {
      report.creditNotes += 1;
      report.creditNotesCents += content.totalCents;
    }
    for (const row of content.vat) {
      const sum = vat.get(row.rateBp) ?? { totalCents: 0, vatCents: 0 };
      vat.set(row.rateBp, {
        totalCents: sum.totalCents + row.totalCents,
        vatCents: sum.vatCents + row.vatCents,
      });
    }
    for (const p of content.payments) {
      const sum = payments.get(p.method) ?? { count: 0, amountCents: 0 };
      payments.set(p.method, {
        count: sum.count + 1,
        amountCents: sum.amountCents + p.amountCents,
      });
    }
  }

  report.netCents = report.salesCents + report.creditNotesCents;
  report.vat = [...vat.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rateBp, sum]) => ({ rateBp, ...sum, netCents: sum.totalCents - sum.vatCents }));
  report.payments = [...payments.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([method, sum]) => ({ method, ...sum }));
  return report;
}
