/**
 * The four charts of the dashboard (recharts): revenue per business day,
 * sales per local hour of day, the ten best-selling products and the
 * payment methods. Amounts are drawn in euros, labelled with the app's
 * money format.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ReactElement } from "react";

import type { SalesDashboard } from "@ocpizza/schema";

import { useI18n } from "../../i18n/i18n.js";
import { codeLabel } from "./labels.js";

const COLORS = ["#b3261e", "#e8a33d", "#3d7a5a", "#3b6ea8", "#7a4f9a", "#8a8a8a"];

export function SalesCharts({ report }: { report: SalesDashboard }) {
  const { t, money, locale } = useI18n();
  const euros = (cents: number) => cents / 100;
  const tooltipMoney = (value: unknown) => money(Math.round(Number(value) * 100));
  const days = report.byDay.map((row) => ({
    day: row.key.slice(5),
    revenue: euros(row.revenueCents),
  }));
  const hours = report.byHour.map((row) => ({
    hour: `${row.key}h`,
    sales: euros(row.salesCents),
  }));
  const products = [...report.byProduct]
    .sort((a, b) => b.salesCents - a.salesCents)
    .slice(0, 10)
    .map((row) => ({
      name: locale === "fr" ? row.label : row.labelEn,
      sales: euros(row.salesCents),
    }));
  const payments = report.byPaymentMethod.map((row) => ({
    name: codeLabel(t, "method", row.key),
    amount: euros(row.amountCents),
  }));

  return (
    <div className="sales-charts">
      <Chart title={t("sales.chart.byDay")}>
        <BarChart data={days}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis />
          <Tooltip formatter={tooltipMoney} />
          <Bar dataKey="revenue" name={t("sales.col.revenue")} fill={COLORS[0]} />
        </BarChart>
      </Chart>
      <Chart title={t("sales.chart.byHour")}>
        <BarChart data={hours}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="hour" />
          <YAxis />
          <Tooltip formatter={tooltipMoney} />
          <Bar dataKey="sales" name={t("sales.col.sales")} fill={COLORS[1]} />
        </BarChart>
      </Chart>
      <Chart title={t("sales.chart.topProducts")}>
        <BarChart data={products} layout="vertical" margin={{ left: 40 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" />
          <YAxis type="category" dataKey="name" width={140} interval={0} />
          <Tooltip formatter={tooltipMoney} />
          <Bar dataKey="sales" name={t("sales.col.sales")} fill={COLORS[2]} />
        </BarChart>
      </Chart>
      <Chart title={t("sales.chart.payments")}>
        <PieChart>
          <Pie data={payments} dataKey="amount" nameKey="name">
            {payments.map((entry, i) => (
              <Cell key={entry.name} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
          <Tooltip formatter={tooltipMoney} />
          <Legend />
        </PieChart>
      </Chart>
    </div>
  );
}

function Chart({ title, children }: { title: string; children: ReactElement }) {
  return (
    <figure className="sales-chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}
