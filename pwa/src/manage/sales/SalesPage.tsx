/**
 * The sales dashboard (/manage/sales): store and period pickers, the KPI
 * tiles against the previous period, the freshness line, charts, a sortable
 * table per breakdown, VAT and refunds, the registers, and CSV exports of
 * what is shown. Online only: the figures live on the server.
 */
import { useMemo, useState } from "react";

import type { SalesDashboard, SalesRow } from "@ocpizza/schema";

import { useNavigatorOnline } from "../../components/use-online.js";
import { formatRate, formatShare } from "../../i18n/format.js";
import type { MessageKey } from "../../i18n/fr.js";
import { useI18n } from "../../i18n/i18n.js";
import { DevicesTable } from "./DevicesTable.js";
import { FreshnessLine } from "./FreshnessLine.js";
import { KpiTiles } from "./KpiTiles.js";
import { codeLabel } from "./labels.js";
import { customPeriod, presetPeriod, PRESETS, type PeriodPreset } from "./period.js";
import { dashboardPath, ServerError, useDashboard, useStores } from "./sales-api.js";
import { SalesCharts } from "./SalesCharts.js";
import { SortableTable, type Column } from "./SortableTable.js";
import { StorePicker } from "./StorePicker.js";
import "./sales.css";

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
type Breakdown = (typeof BREAKDOWNS)[number][0];

const PRESET_WORDS: Record<PeriodPreset, MessageKey> = {
  today: "sales.period.today",
  yesterday: "sales.period.yesterday",
  week: "sales.period.week",
  lastMonth: "sales.period.lastMonth",
  custom: "sales.period.custom",
};

export function SalesPage({ nowMs = Date.now() }: { nowMs?: number }) {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const stores = useStores();
  const [storeId, setStoreId] = useState("");
  const [preset, setPreset] = useState<PeriodPreset>("week");
  const [custom, setCustom] = useState({ from: "", to: "" });
  const [breakdown, setBreakdown] = useState<Breakdown>("day");

  const store = stores.data?.find((s) => s.id === storeId);
  const clock = store ?? { timeZone: "Europe/Paris", closingMinutes: 240 };
  const period =
    preset === "custom" ? customPeriod(custom.from, custom.to) : presetPeriod(preset, nowMs, clock);
  const query = { from: period?.from ?? "", to: period?.to ?? "", storeId: storeId || undefined };

  if (!online)
    return (
      <p className="sales-offline" role="alert">
        {t("sales.offline")}
      </p>
    );

  return (
    <div className="sales-page">
      <h1>{t("sales.title")}</h1>
      <form className="sales-pickers" onSubmit={(e) => e.preventDefault()}>
        <StorePicker storeId={storeId} onChange={setStoreId} />
        <fieldset>
          <legend>{t("sales.period")}</legend>
          {PRESETS.map((p) => (
            <label key={p} className="sales-preset">
              <input
                type="radio"
                name="period"
                value={p}
                checked={preset === p}
                onChange={() => setPreset(p)}
              />
              {t(PRESET_WORDS[p])}
            </label>
          ))}
        </fieldset>
        {preset === "custom" && (
          <>
            <label>
              {t("sales.from")}
              <input
                type="date"
                value={custom.from}
                onChange={(e) => setCustom({ ...custom, from: e.target.value })}
              />
            </label>
            <label>
              {t("sales.to")}
              <input
                type="date"
                value={custom.to}
                onChange={(e) => setCustom({ ...custom, to: e.target.value })}
              />
            </label>
          </>
        )}
        {period && (
          <a className="button" href={dashboardPath(query, {})} download data-testid="export-csv">
            {t("sales.exportCsv")}
          </a>
        )}
      </form>
      {period && (
        <Dashboard
          query={query}
          timeZone={clock.timeZone}
          breakdown={breakdown}
          onBreakdown={setBreakdown}
        />
      )}
      <DevicesTable storeId={query.storeId} timeZone={clock.timeZone} />
    </div>
  );
}

function Dashboard({
  query,
  timeZone,
  breakdown,
  onBreakdown,
}: {
  query: { from: string; to: string; storeId?: string };
  timeZone: string;
  breakdown: Breakdown;
  onBreakdown: (b: Breakdown) => void;
}) {
  const { t } = useI18n();
  const dashboard = useDashboard(query);
  if (dashboard.error) {
    const error = dashboard.error;
    const signIn = error instanceof ServerError && error.status === 401;
    return <p role="alert">{signIn ? t("sales.signIn") : error.message}</p>;
  }
  if (!dashboard.data) return <p aria-busy="true">{t("sales.loading")}</p>;
  const report = dashboard.data;

  return (
    <>
      <FreshnessLine freshness={report.freshness} timeZone={timeZone} />
      <KpiTiles current={report.totals} previous={report.previous.totals} />
      {report.totals.orders === 0 && report.totals.creditNotes === 0 ? (
        <p>{t("sales.noData")}</p>
      ) : (
        <>
          <SalesCharts report={report} />
          <BreakdownTable
            report={report}
            breakdown={breakdown}
            onBreakdown={onBreakdown}
            csvHref={dashboardPath(query, { section: breakdown })}
          />
          <VatAndRefunds report={report} />
        </>
      )}
    </>
  );
}

function BreakdownTable({
  report,
  breakdown,
  onBreakdown,
  csvHref,
}: {
  report: SalesDashboard;
  breakdown: Breakdown;
  onBreakdown: (b: Breakdown) => void;
  csvHref: string;
}) {
  const { t, money, locale } = useI18n();
  const field = BREAKDOWNS.find(([name]) => name === breakdown)![1];
  const rows = report[field];
  const columns = useMemo<Column<SalesRow>[]>(() => {
    const name = (row: SalesRow) => {
      if (breakdown === "channel") return codeLabel(t, "channel", row.key);
      if (breakdown === "service_mode") return codeLabel(t, "mode", row.key);
      return locale === "fr" ? row.label : row.labelEn;
    };
    const total = report.totals.revenueCents;
    return [
      { id: "key", header: t(`sales.by.${breakdown}`), value: name },
      { id: "orders", header: t("sales.col.orders"), value: (r) => r.orders, numeric: true },
      { id: "items", header: t("sales.col.items"), value: (r) => r.items, numeric: true },
      {
        id: "sales",
        header: t("sales.col.sales"),
        value: (r) => r.salesCents,
        render: (r) => money(r.salesCents),
        numeric: true,
      },
      {
        id: "credit",
        header: t("sales.col.creditNotes"),
        value: (r) => r.creditNotesCents,
        render: (r) => money(r.creditNotesCents),
        numeric: true,
      },
      {
        id: "revenue",
        header: t("sales.col.revenue"),
        value: (r) => r.revenueCents,
        render: (r) => money(r.revenueCents),
        numeric: true,
      },
      {
        id: "share",
        header: t("sales.col.share"),
        value: (r) => (total === 0 ? 0 : r.revenueCents / total),
        render: (r) => (total === 0 ? "" : formatShare(r.revenueCents / total, locale)),
        numeric: true,
      },
    ];
  }, [breakdown, locale, money, report.totals.revenueCents, t]);

  return (
    <section className="sales-section" aria-labelledby="breakdown-title">
      <h2 id="breakdown-title">{t("sales.table")}</h2>
      <div className="sales-tabs" role="tablist">
        {BREAKDOWNS.map(([name]) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={name === breakdown}
            onClick={() => onBreakdown(name)}
          >
            {t(`sales.by.${name}`)}
          </button>
        ))}
        <a className="button" href={csvHref} download>
          {t("sales.exportTable")}
        </a>
      </div>
      <SortableTable
        key={breakdown}
        rows={rows}
        columns={columns}
        rowKey={(r) => r.key}
        initialSort={
          breakdown === "day" || breakdown === "hour"
            ? { id: "key", descending: false }
            : { id: "revenue", descending: true }
        }
        testId="breakdown-table"
      />
    </section>
  );
}

function VatAndRefunds({ report }: { report: SalesDashboard }) {
  const { t, money, locale } = useI18n();
  return (
    <section className="sales-section" aria-labelledby="vat-title">
      <h2 id="vat-title">{t("sales.vat.title")}</h2>
      <table className="sales-table" data-testid="vat-table">
        <thead>
          <tr>
            <th scope="col">{t("sales.vat.rate")}</th>
            <th scope="col" className="numeric">
              {t("sales.vat.base")}
            </th>
            <th scope="col" className="numeric">
              {t("sales.vat.vat")}
            </th>
            <th scope="col" className="numeric">
              {t("sales.vat.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.vatByRate.map((rate) => (
            <tr key={rate.rateBp}>
              <td>{formatRate(rate.rateBp, locale)} %</td>
              <td className="numeric">{money(rate.revenueExVatCents)}</td>
              <td className="numeric">{money(rate.vatCents)}</td>
              <td className="numeric">{money(rate.revenueCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("sales.refunds.title")}</h2>
      <p>
        {t("sales.refunds.summary", {
          count: report.refunds.creditNotes,
          amount: money(report.refunds.creditNotesCents),
        })}
      </p>
      <ul>
        {report.refunds.refundedByMethod.map((r) => (
          <li key={r.key}>
            {t("sales.refunds.method", {
              method: codeLabel(t, "method", r.key),
              amount: money(r.amountCents),
              count: r.refunds,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
