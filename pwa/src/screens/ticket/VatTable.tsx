/**
 * The VAT table printed on a ticket and on the X report: one row per rate
 * with its net (HT), VAT (TVA) and gross (TTC) amounts. The caller computes
 * the rows; this file only lays them out.
 */
import type { VatBreakdownRow } from "@ocpizza/schema";

import { formatRate } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";

interface VatTableProps {
  rows: readonly VatBreakdownRow[];
  /** A title above the table (the X report's "by rate"); none on a ticket. */
  caption?: string;
}

export function VatTable({ rows, caption }: VatTableProps) {
  const { t, money, locale } = useI18n();
  return (
    <table className="ticket-vat">
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t("ticket.vatRate")}</th>
          <th scope="col">{t("ticket.net")}</th>
          <th scope="col">{t("ticket.vat")}</th>
          <th scope="col">{t("ticket.gross")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.rateBp}>
            <td>{formatRate(row.rateBp, locale)} %</td>
            <td>{money(row.netCents)}</td>
            <td>{money(row.vatCents)}</td>
            <td>{money(row.totalCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
