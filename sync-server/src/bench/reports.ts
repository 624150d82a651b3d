/**
 * `npm run bench:reports`: fills its own database (ocp_bench_reports) with
 * ten stores over several years of generated sales (several million order
 * lines, multi-row INSERTs), then times the manager's sales dashboard for a
 * year of one store and of every store, beside a plain scan of the same
 * order lines measured in the same run. Writes docs/benchmarks.md.
 * Arguments: see parseBenchArgs in report-data.ts.
 */
import mysql from "mysql2/promise";

import { orderLines, orders, orderVat, payments } from "@ocpizza/schema/db";

import { writeBenchmarkSection } from "../../bench/report-file.js";
import { bulkInsert } from "../db/bulk-insert.js";
import { createDb } from "../db/connection.js";
import { openDatabase } from "../db/open-database.js";
import { salesDashboard } from "../reports/sales-dashboard.js";
import { refreshSalesSummary } from "../reports/sales-summary.js";
import { seedDatabase } from "../seed/seed.js";
import {
  benchDays,
  generateDay,
  parseBenchArgs,
  seededRandom,
  type BenchArgs,
  type DayRows,
  type MenuItem,
} from "./report-data.js";

const DATABASE = "ocp_bench_reports";
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306";
/** Days of sales written per multi-row INSERT batch. */
const DAYS_PER_BATCH = 20;
const RUNS = 5;

const args = parseBenchArgs(process.argv.slice(2));
const admin = await mysql.createConnection(SERVER_URL);
try {
  const exists = await databaseExists();
  if (!(args.reuse && exists)) await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
  // Created and migrated as the server does, with its session settings (UTC).
  const { pool } = await openDatabase(`${SERVER_URL}/${DATABASE}`, { size: 2 });
  try {
    const generated = args.reuse && exists ? null : await generate(pool, args);
    const figures = await measure(pool, args);
    report(args, generated, figures);
  } finally {
    await pool.end();
  }
  if (!args.keep) await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
} finally {
  await admin.end();
}

async function databaseExists(): Promise<boolean> {
  const [rows] = await admin.query("SHOW DATABASES LIKE ?", [DATABASE]);
  return (rows as unknown[]).length > 0;
}

interface Generated {
  orders: number;
  lines: number;
  seconds: number;
  summedDays: number;
  summarySeconds: number;
}

/** Seeds the menu and five stores, adds stores up to args.stores, and writes every day's sales. */
async function generate(pool: mysql.Pool, args: BenchArgs): Promise<Generated> {
  await seedDatabase(pool);
  const [storeRows] = await pool.query("SELECT * FROM stores ORDER BY id");
  const seeded = storeRows as { id: string; time_zone: string }[];
  for (let i = seeded.length; i < args.stores; i++) {
    await pool.query(
      "INSERT INTO stores (id, name, address, postcode, city, latitude, longitude, created_at) " +
        "VALUES (?, ?, '1 rue de la Paix', '75002', 'Paris', 48.87, 2.33, UTC_TIMESTAMP(3))",
      [`bench-${i + 1}`, `OC Pizza Bench ${i + 1}`],
    );
  }
  const [all] = await pool.query("SELECT id, time_zone AS timeZone FROM stores ORDER BY id");
  const stores = (all as { id: string; timeZone: string }[]).slice(0, args.stores);
  const menu = await readMenu(pool);
  const days = benchDays(args);

  const started = performance.now();
  let orderCount = 0;
  let lineCount = 0;
  const connection = await pool.getConnection();
  try {
    for (const [s, store] of stores.entries()) {
      const random = seededRandom(1000 + s);
      for (let d = 0; d < days.length; d += DAYS_PER_BATCH) {
        const batch: DayRows = { orders: [], lines: [], vat: [], payments: [] };
        for (const day of days.slice(d, d + DAYS_PER_BATCH)) {
          const rows = generateDay(store, day, menu, args.ordersPerDay, random, d + 1);
          batch.orders.push(...rows.orders);
          batch.lines.push(...rows.lines);
          batch.vat.push(...rows.vat);
          batch.payments.push(...rows.payments);
        }
        await connection.query("BEGIN");
        await bulkInsert(connection, orders, batch.orders);
        await bulkInsert(connection, orderLines, batch.lines);
        await bulkInsert(connection, orderVat, batch.vat);
        await bulkInsert(connection, payments, batch.payments);
        await connection.query("COMMIT");
        orderCount += batch.orders.length;
        lineCount += batch.lines.length;
      }
      console.log(`store ${store.id}: ${orderCount} orders, ${lineCount} lines so far`);
    }
  } finally {
    connection.release();
  }
  // What pushes would have done: raise each store's version to its newest order's.
  await pool.query(
    "UPDATE stores s SET version = (SELECT COALESCE(MAX(o.version), 0) FROM orders o " +
      "WHERE o.store_id = s.id)",
  );
  await pool.query("ANALYZE TABLE orders, order_lines, order_vat, payments");
  const seconds = (performance.now() - started) / 1000;

  // The daily sums the pushes would have kept: built here in one go, and timed.
  const summing = performance.now();
  const summedDays = await refreshSalesSummary(
    pool,
    stores.map((s) => s.id),
    Date.now(),
  );
  const summarySeconds = (performance.now() - summing) / 1000;
  return { orders: orderCount, lines: lineCount, seconds, summedDays, summarySeconds };
}

async function readMenu(pool: mysql.Pool): Promise<MenuItem[]> {
  const [rows] = await pool.query(
    "SELECT s.product_id AS productId, s.size, p.name_fr AS name, p.category_id AS categoryId, " +
      "s.price_cents AS priceCents, p.vat_takeaway_bp AS vatRateBp " +
      "FROM product_sizes s JOIN products p ON p.id = s.product_id ORDER BY s.product_id, s.size",
  );
  return rows as MenuItem[];
}

interface Timing {
  label: string;
  /** Median of RUNS, after one untimed run. */
  dashboardMs: number;
  scanMs: number;
  lines: number;
  revenueCents: number;
}

/** The dashboard and the plain scan, for the last year of one store and of every store. */
async function measure(pool: mysql.Pool, args: BenchArgs): Promise<Timing[]> {
  const db = createDb(pool);
  const [all] = await pool.query("SELECT id FROM stores ORDER BY id");
  const storeIds = (all as { id: string }[]).map((s) => s.id).slice(0, args.stores);
  const year = { from: `${args.lastYear}-01-01`, to: `${args.lastYear}-12-31` };
  const cases = [
    { label: `one store (${storeIds[0]}), ${args.lastYear}`, storeIds: [storeIds[0]] },
    { label: `all ${storeIds.length} stores, ${args.lastYear}`, storeIds },
  ];
  const timings: Timing[] = [];
  for (const c of cases) {
    const range = { ...year, storeIds: c.storeIds };
    let revenueCents = 0;
    // What the endpoint does: catch up the sums (nothing to do here), then read them.
    const dashboardMs = await median(async () => {
      await refreshSalesSummary(pool, c.storeIds, Date.now());
      revenueCents = (await salesDashboard(db, range, Date.now())).totals.revenueCents;
    });
    let lines = 0;
    let scannedCents = 0;
    const scanMs = await median(async () => {
      const [rows] = await pool.query(
        "SELECT COUNT(*) AS n, SUM(total_cents) AS cents FROM order_lines " +
          "WHERE store_id IN (?) AND business_day BETWEEN ? AND ?",
        [c.storeIds, year.from, year.to],
      );
      const [row] = rows as { n: number; cents: string }[];
      lines = Number(row.n);
      scannedCents = Number(row.cents);
    });
    // Every generated order counts as a sale: both paths must find the same money.
    if (scannedCents !== revenueCents) {
      throw new Error(`${c.label}: the dashboard says ${revenueCents}, the scan ${scannedCents}`);
    }
    timings.push({ label: c.label, dashboardMs, scanMs, lines, revenueCents });
    console.log(c.label, { dashboardMs, scanMs, lines });
  }
  return timings;
}

async function median(work: () => Promise<void>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

function report(args: BenchArgs, generated: Generated | null, timings: Timing[]): void {
  const volume = generated
    ? `${generated.orders.toLocaleString("en")} orders and ` +
      `${generated.lines.toLocaleString("en")} order lines generated in ` +
      `${generated.seconds.toFixed(0)} s (${(generated.lines / generated.seconds).toFixed(0)} ` +
      `lines/s with their orders, VAT rows and payments, multi-row INSERTs); ` +
      `their daily sums (${generated.summedDays.toLocaleString("en")} store-days) built in ` +
      `${generated.summarySeconds.toFixed(0)} s.`
    : "Data reused from a previous run (--reuse).";
  const lines = [
    `${args.stores} stores, ${args.years} years (${args.lastYear - args.years + 1}-` +
      `${args.lastYear}), about ${args.ordersPerDay} orders per store and day. ${volume}`,
    "",
    "| report | order lines in range | dashboard (median of 5) | plain scan | ratio |",
    "|---|---|---|---|---|",
    ...timings.map(
      (t) =>
        `| ${t.label} | ${t.lines.toLocaleString("en")} | ${t.dashboardMs.toFixed(0)} ms ` +
        `| ${t.scanMs.toFixed(0)} ms | ${(t.dashboardMs / t.scanMs).toFixed(1)} |`,
    ),
    "",
    "The dashboard is what GET /api/v1/reports/dashboard does: check that the daily sums",
    "(sales_summary) are up to date, then read the totals, the previous period, every",
    "breakdown, VAT, refunds and freshness from them (about a dozen small queries).",
    "The plain scan is `SELECT COUNT(*), SUM(total_cents) FROM order_lines` over the",
    "same stores and business days, through the (store_id, business_day) index; both",
    "are checked to find the same revenue. Times are medians of five runs after one",
    "untimed run, on a database the generator has just written (warm buffer pool).",
  ];
  console.log(lines.join("\n"));
  writeBenchmarkSection("bench:reports", lines.join("\n"));
}
