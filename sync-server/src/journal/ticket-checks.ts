/**
 * Does a ticket say what the server stored? A sale's lines, totals, VAT and
 * payments are compared with the order as stored; a credit note with the
 * ticket it corrects and the refunds it came with. Each difference is one
 * sentence; none of them refuses anything (the caller records an anomaly).
 */
import { vatBreakdown, type TicketContent } from "@ocpizza/schema";

export interface StoredOrder {
  id: string;
  totalCents: number;
  paidCents: number;
  training: boolean;
  lines: {
    name: string;
    productId: string;
    size: string;
    quantity: number;
    unitPriceCents: number;
    totalCents: number;
    vatRateBp: number;
  }[];
}

/** Differences between a sale ticket and the order the server stored. */
export function compareSale(content: TicketContent, order: StoredOrder | null): string[] {
  if (!order) return [`the ticket's order ${content.orderId} is not stored in this store`];
  const findings: string[] = [];
  if (content.kind !== "sale") findings.push(`a "${content.kind}" ticket finalizes a sale`);
  if (content.orderId !== order.id) {
    findings.push(`the ticket names order ${content.orderId}, the mutation order ${order.id}`);
  }
  if (content.totalCents !== order.totalCents) {
    findings.push(`total ${content.totalCents} cents, the order ${order.totalCents}`);
  }
  if (content.training !== order.training) {
    findings.push(`training ${content.training}, the order ${order.training}`);
  }
  if (content.lines.length !== order.lines.length) {
    findings.push(`${content.lines.length} line(s), the order ${order.lines.length}`);
  } else {
    content.lines.forEach((line, i) => {
      const stored = order.lines[i];
      const fields = (
        [
          "name",
          "productId",
          "size",
          "quantity",
          "unitPriceCents",
          "totalCents",
          "vatRateBp",
        ] as const
      ).filter((field) => line[field] !== stored[field]);
      if (fields.length > 0) findings.push(`line ${i + 1}: ${fields.join(", ")} differ`);
    });
  }
  const vat = vatBreakdown(
    order.lines.map((l) => ({ rateBp: l.vatRateBp, totalCents: l.totalCents })),
  );
  const sameVat =
    vat.length === content.vat.length &&
    vat.every(
      (row, i) =>
        row.rateBp === content.vat[i].rateBp &&
        row.totalCents === content.vat[i].totalCents &&
        row.vatCents === content.vat[i].vatCents,
    );
  if (!sameVat) findings.push("VAT per rate differs from the order's lines");
  const paid = sum(content.payments.map((p) => p.amountCents));
  if (paid !== order.paidCents) {
    findings.push(`payments ${paid} cents, the order has ${order.paidCents} paid`);
  }
  return findings;
}

export interface CorrectedTicket {
  orderId: string;
  totalCents: number;
}

/** Differences between a credit note, the ticket it corrects and the refunds given. */
export function compareCreditNote(
  content: TicketContent,
  orderId: string,
  corrected: CorrectedTicket | null,
  refundedCents: number,
): string[] {
  const findings: string[] = [];
  if (content.kind !== "credit_note") findings.push(`a "${content.kind}" ticket in a credit note`);
  if (content.orderId !== orderId) {
    findings.push(`the credit note names order ${content.orderId}, the mutation order ${orderId}`);
  }
  if (!content.corrects) {
    findings.push("the credit note does not say which ticket it corrects");
  } else if (!corrected) {
    findings.push(
      `it corrects ticket ${content.corrects.seq} of register ${content.corrects.registerId}, ` +
        "which the server does not hold",
    );
  } else {
    if (corrected.orderId !== orderId) {
      findings.push(`the corrected ticket belongs to order ${corrected.orderId}`);
    }
    if (-content.totalCents > corrected.totalCents) {
      findings.push(`it credits ${-content.totalCents} cents of a ${corrected.totalCents} ticket`);
    }
  }
  if (content.totalCents > 0) findings.push(`a credit note of +${content.totalCents} cents`);
  const linesTotal = sum(content.lines.map((l) => l.totalCents));
  if (linesTotal !== content.totalCents) {
    findings.push(`lines add up to ${linesTotal} cents, the total says ${content.totalCents}`);
  }
  const paidBack = -sum(content.payments.map((p) => p.amountCents));
  if (paidBack !== refundedCents) {
    findings.push(`the ticket pays back ${paidBack} cents, the refunds say ${refundedCents}`);
  }
  return findings;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
