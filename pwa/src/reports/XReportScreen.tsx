/**
 * The X report (/x): this register's figures for the current business day so
 * far, from its journal, laid out as an 80 mm receipt and printable. It
 * closes nothing; the Z report (day closing) is the server's.
 */
import { businessDay } from "@ocpizza/schema";
import { createPortal } from "react-dom";

import { useMeta } from "../app/data-hooks.js";
import { useServices } from "../app/services.js";
import { useLiveQuery } from "../app/use-live-query.js";
import { useNow } from "../app/use-now.js";
import { fiscalNumber, registerShortId } from "../db/journal.js";
import { useI18n } from "../i18n/i18n.js";
import { VatTable } from "../screens/ticket/VatTable.js";
import "../screens/ticket/ticket.css";
import { xReport, type XReport } from "./x-report.js";

export function XReportScreen() {
  const { t } = useI18n();
  const { db } = useServices();
  const meta = useMeta();
  const now = useNow(60_000);
  const store = meta?.store;
  const day = store ? businessDay(now, store.timeZone, store.closingMinutes) : null;
  const rows = useLiveQuery(
    async () => (day ? db.journal.where("businessDay").equals(day).toArray() : []),
    [db, day],
  );
  if (!store || !day || !rows || !meta?.credential) return null;

  const report = xReport(rows);
  const slip = (
    <XReportSlip
      report={report}
      storeName={store.name}
      register={registerShortId(meta.credential.deviceId)}
      day={day}
      atMs={now}
      timeZone={store.timeZone}
    />
  );
  const printRoot = document.getElementById("print-root");

  return (
    <section className="x-report-screen" aria-labelledby="x-title">
      <h1 id="x-title">{t("x.title")}</h1>
      {rows.length === 0 && <p className="notice">{t("x.empty")}</p>}
      <div className="ticket-preview">{slip}</div>
      <div className="dialog-actions">
        <button type="button" className="primary big" onClick={() => window.print()}>
          {t("x.print")}
        </button>
      </div>
      {printRoot && createPortal(slip, printRoot)}
    </section>
  );
}

interface XReportSlipProps {
  report: XReport;
  storeName: string;
  register: string;
  day: string;
  atMs: number;
  timeZone: string;
}

export function XReportSlip({
  report,
  storeName,
  register,
  day,
  atMs,
  timeZone,
}: XReportSlipProps) {
  const { t, money, time } = useI18n();
  return (
    <article className="ticket x-report" aria-label={t("x.title")}>
      <header className="ticket-store">
        <strong>{t("x.title")}</strong>
        <span>{storeName}</span>
        <span>{t("x.subtitle", { register, day, time: time(atMs, timeZone) })}</span>
      </header>
      <table className="ticket-lines">
        <tbody>
          <tr>
            <td>{t("x.tickets")}</td>
            <td className="amount">
              {t("x.count", { count: report.tickets, amount: money(report.salesCents) })}
            </td>
          </tr>
          <tr>
            <td>{t("x.creditNotes")}</td>
            <td className="amount">
              {t("x.count", { count: report.creditNotes, amount: money(report.creditNotesCents) })}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="ticket-total">
        <span>{t("x.net")}</span>
        <strong>{money(report.netCents)}</strong>
      </p>
      <VatTable rows={report.vat} caption={t("x.byRate")} />
      <p>{t("x.byMethod")}</p>
      <ul className="ticket-payments">
        {report.payments.map((p) => (
          <li key={p.method}>
            <span>{t(`method.${p.method}` as "method.cash")}</span>
            <span>{t("x.count", { count: p.count, amount: money(p.amountCents) })}</span>
          </li>
        ))}
      </ul>
      {report.trainingExcluded > 0 && (
        <p>{t("x.trainingExcluded", { count: report.trainingExcluded })}</p>
      )}
      {report.last && (
        <p className="ticket-fiscal">
          {t("x.lastTicket", {
            number: fiscalNumber(report.last),
            hash: report.last.hash.slice(0, 8),
          })}
        </p>
      )}
    </article>
  );
}
