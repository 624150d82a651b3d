/**
 * The sales dashboard as one CSV table, for a spreadsheet in French: ";"
 * between fields, amounts in euros with a decimal comma ("1234,50"), UTF-8
 * with a byte order mark, CRLF line ends. One header; the first column says
 * which breakdown a row belongs to (docs/reports.md lists them).
 */
import type { SalesDashboard, SalesRow, SalesTotals } from "@ocpizza/schema";

export const CSV_HEADER = [
  "section",
  "key",
  "label",
  "orders",
  "items",
  "sales_eur",
  "credit_notes_eur",
  "revenue_eur",
  "vat_eur",
];

/** The breakdowns written, in this order, with their section names. */
const BREAKDOWNS = [
  ["store", "byStore"],
  ["day", "byDay"],
  ["hour", "byHour"],
  ["product", "byProduct"],
  ["size", "bySize"],
  ["category", "byCategory"],
  ["channel", "byChannel"],
  ["service_mode", "byServiceMode"],
] as const;

export type CsvSection = (typeof BREAKDOWNS)[number][0];
export const CSV_SECTIONS: readonly string[] = BREAKDOWNS.map(([section]) => section);

/** The CSV text; `only` keeps the totals and one breakdown (what one screen table shows). */
export function dashboardCsv(report: SalesDashboard, only?: CsvSection): string {
  const rows: (string | number)[][] = [CSV_HEADER];
  rows.push(totalsRow("total", `${report.from}..${report.to}`, report.totals));
  const previous = report.previous;
  rows.push(totalsRow("previous_total", `${previous.from}..${previous.to}`, previous.totals));

  for (const [section, field] of BREAKDOWNS) {
    if (only && only !== section) continue;
    for (const row of report[field]) rows.push(breakdownRow(section, row));
  }
  if (!only) {
    for (const p of report.byPaymentMethod) {
      rows.push(["payment_method", p.key, p.key, p.payments, "", euros(p.amountCents), "", "", ""]);
    }
    for (const v of report.vatByRate) {
      const sales = euros(v.revenueCents);
      rows.push(["vat_rate", v.key, `${v.key} %`, "", "", sales, "", sales, euros(v.vatCents)]);
    }
    for (const r of report.refunds.refundedByMethod) {
      rows.push(["refund", r.key, r.key, r.refunds, "", "", "", euros(r.amountCents), ""]);
    }
  }
  return "\uFEFF" + rows.map((row) => row.map(field).join(";")).join("\r\n") + "\r\n";
}

function totalsRow(section: string, key: string, t: SalesTotals): (string | number)[] {
  return [
    section,
    key,
    section,
    t.orders,
    t.items,
    euros(t.salesCents),
    euros(t.creditNotesCents),
    euros(t.revenueCents),
    euros(t.vatCents),
  ];
}

function breakdownRow(section: string, row: SalesRow): (string | number)[] {
  return [
    section,
    row.key,
    row.label,
    row.orders,
    row.items,
    euros(row.salesCents),
    euros(row.creditNotesCents),
    euros(row.revenueCents),
    "",
  ];
}

/** Integer cents as euros with a decimal comma, exact: -1205 -> "-12,05". */
export function euros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

/**
 * One field: numbers as they are; text quoted when it holds a separator, a
 * quote or a line break, and prefixed with ' when a spreadsheet would read
 * it as a formula (a product named "=HYPERLINK(...)").
 */
function field(value: string | number): string {
  if (typeof value === "number") return String(value);
  if (/^-?\d+(,\d{2})?$/.test(value)) return value;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
