/**
 * A credit note as printed under its ticket, straight from its journal entry:
 * number, the ticket it cancels, negative lines, VAT per rate, the refunds and
 * its hash, then the seller's legal identity. Apart from that identity it
 * shows only what the chain protects.
 */
import type { StoreInfo } from "@ocpizza/schema";

import { fiscalNumber } from "../../db/journal.js";
import type { JournalRow } from "../../db/types.js";
import { formatDateTime, formatRate } from "../../i18n/format.js";
import { useI18n } from "../../i18n/i18n.js";
import { lineTitle } from "../counter/line-label.js";
import { LegalIdentity } from "./LegalIdentity.js";

export function CreditNoteSlip({ row, store }: { row: JournalRow; store: StoreInfo }) {
  const { t, money, locale } = useI18n();
  const { content } = row;
  return (
    <article
      className="ticket ticket-credit"
      aria-label={t("credit.slipTitle", { number: fiscalNumber(content) })}
    >
      {content.training && <p className="ticket-training">{t("ticket.training")}</p>}
      <p className="ticket-call">
        <strong>{t("credit.slipTitle", { number: fiscalNumber(content) })}</strong>
        {content.corrects && (
          <span>{t("credit.corrects", { number: fiscalNumber(content.corrects) })}</span>
        )}
      </p>
      <p className="ticket-date">{formatDateTime(content.issuedAtMs, locale, store.timeZone)}</p>
      <table className="ticket-lines">
        <tbody>
          {content.lines.map((line, index) => (
            <tr key={index}>
              <td>
                {line.quantity} × {lineTitle(line.name, line.size)}
              </td>
              <td className="amount">{money(line.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ticket-total">
        <span>{t("ticket.total")}</span>
        <strong>{money(content.totalCents)}</strong>
      </p>
      <table className="ticket-vat">
        <thead>
          <tr>
            <th scope="col">{t("ticket.vatRate")}</th>
            <th scope="col">{t("ticket.vat")}</th>
            <th scope="col">{t("ticket.gross")}</th>
          </tr>
        </thead>
        <tbody>
          {content.vat.map((v) => (
            <tr key={v.rateBp}>
              <td>{formatRate(v.rateBp, locale)} %</td>
              <td>{money(v.vatCents)}</td>
              <td>{money(v.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="ticket-payments">
        {content.payments.map((p, index) => (
          <li key={index}>
            <span>{t("credit.refund", { method: t(`method.${p.method}` as "method.cash") })}</span>
            <span>{money(p.amountCents)}</span>
          </li>
        ))}
      </ul>
      <p className="ticket-fiscal">
        <span>{t("ticket.hash", { hash: row.hash.slice(0, 8) })}</span>
      </p>
      <LegalIdentity legal={store.legal} />
    </article>
  );
}
