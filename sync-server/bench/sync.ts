/**
 * `npm run bench:sync`: replays the January data through the HTTP sync API
 * and compares the rate with a baseline measured in the same run: the same
 * rows inserted directly with mysql2, one transaction per batch of the size
 * the replay pushes, multi-row INSERTs. Writes the figures to
 * docs/benchmarks.md. Uses its own databases and drops them afterwards.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { drizzle } from "drizzle-orm/mysql2";
import { migrate } from "drizzle-orm/mysql2/migrator";
import mysql from "mysql2/promise";

import { businessDay, vatBreakdown, type MenuSnapshot, type StoreInfo } from "@ocpizza/schema";
import { uuidToBuffer } from "@ocpizza/schema/db";

import { callApi, REPO_ROOT } from "../src/cli/api-client.js";
import { buildMutations, replay } from "../src/cli/replay-run.js";
import { readSales } from "../src/cli/sales-file.js";
import { writeBenchmarkSection } from "./report-file.js";
import { startServer } from "./server-process.js";

const BATCH = 100;
const DEVICES = 2;
const BASE_URL = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306";
const data = join(REPO_ROOT, "sync-server/data/pizza-place");
const ordersFile = join(data, "orders-2015-01.csv");
const detailsFile = join(data, "order_details-2015-01.csv");

const suffix = `${Date.now()}_${randomBytes(3).toString("hex")}`;
const apiDb = `ocp_bench_api_${suffix}`;
const baseDb = `ocp_bench_sql_${suffix}`;
const admin = await mysql.createConnection(BASE_URL);

try {
  // Through the API, as counters do.
  const adminToken = randomBytes(24).toString("hex");
  const server = await startServer(
    {
      DATABASE_URL: `${BASE_URL}/${apiDb}`,
      ADMIN_TOKEN: adminToken,
      DATA_DIR: join("/tmp", `ocp-bench-${suffix}`),
    },
    18_000 + Math.floor(Math.random() * 1000),
  );
  const summary = await replay({
    server: server.url,
    ordersFile,
    detailsFile,
    storeId: "bastille",
    devices: DEVICES,
    mode: "takeaway",
    batchSize: BATCH,
    adminToken,
  });
  const apiRate = summary.orders / (summary.elapsedMs / 1000);
  const peakRss = server.peakRssBytes();
  const menu = await callApi<MenuSnapshot>(server.url, "/api/v1/menu");
  const { stores } = await callApi<{ stores: StoreInfo[] }>(server.url, "/api/v1/stores");
  await server.stop();

  // Baseline: the same rows, straight into MySQL.
  await admin.query(`CREATE DATABASE \`${baseDb}\``);
  const pool = mysql.createPool({
    uri: `${BASE_URL}/${baseDb}`,
    timezone: "Z",
    connectionLimit: DEVICES,
  });
  await migrate(drizzle(pool), { migrationsFolder: join(REPO_ROOT, "schema/drizzle") });
  const store = stores.find((s) => s.id === "bastille")!;
  const sales = readSales(readFileSync(ordersFile, "utf8"), readFileSync(detailsFile, "utf8"));
  const built = buildMutations(sales.orders, menu, store, "takeaway", DEVICES);
  const started = performance.now();
  await Promise.all(built.perDevice.map((mutations) => insertDirectly(pool, store, mutations)));
  const baseRate = built.orders / ((performance.now() - started) / 1000);
  await pool.end();

  const lines = [
    `January 2015 (${summary.orders} orders, ${summary.lines} lines), ${DEVICES} devices, batches of ${BATCH} orders.`,
    "",
    "| path | orders/s | ratio to baseline |",
    "|---|---|---|",
    `| sync API (HTTP push, validation, exactly-once bookkeeping) | ${apiRate.toFixed(0)} | ${(apiRate / baseRate).toFixed(2)} |`,
    `| baseline: mysql2 multi-row INSERTs, same batches | ${baseRate.toFixed(0)} | 1.00 |`,
    "",
    `Peak server memory (VmHWM) during the replay: ${(peakRss / 1024 / 1024).toFixed(0)} MiB.`,
    `Outcomes: ${JSON.stringify(summary.outcomes)}.`,
  ];
  console.log(lines.join("\n"));
  writeBenchmarkSection("bench:sync", lines.join("\n"));
} finally {
  await admin.query(`DROP DATABASE IF EXISTS \`${apiDb}\``);
  await admin.query(`DROP DATABASE IF EXISTS \`${baseDb}\``);
  await admin.end();
}

type Built = ReturnType<typeof buildMutations>["perDevice"][number];

async function insertDirectly(pool: mysql.Pool, store: StoreInfo, mutations: Built) {
  for (let i = 0; i < mutations.length; i += BATCH) {
    const batch = mutations.slice(i, i + BATCH);
    const orders: unknown[][] = [];
    const lines: unknown[][] = [];
    const payments: unknown[][] = [];
    const vat: unknown[][] = [];
    for (const { order, payments: paid } of batch) {
      const day = businessDay(order.createdAtMs, store.timeZone, store.closingMinutes);
      const at = new Date(order.createdAtMs);
      const items = order.lines.reduce((sum, l) => sum + l.quantity, 0);
      orders.push([
        uuidToBuffer(order.id),
        store.id,
        "counter",
        order.serviceMode,
        "completed",
        day,
        at,
        at,
        order.callNumber,
        order.menuVersion,
        order.totalCents,
        order.totalCents,
        items,
        order.lines.length,
        1,
      ]);
      order.lines.forEach((l, n) =>
        lines.push([
          uuidToBuffer(l.id),
          uuidToBuffer(order.id),
          store.id,
          day,
          n + 1,
          l.productId,
          l.size,
          l.name,
          l.categoryId,
          l.quantity,
          l.unitPriceCents,
          l.unitPriceCents * l.quantity,
          l.vatRateBp,
          "[]",
        ]),
      );
      for (const p of paid)
        payments.push([
          uuidToBuffer(p.id),
          uuidToBuffer(order.id),
          store.id,
          day,
          p.method,
          p.amountCents,
          at,
        ]);
      for (const row of vatBreakdown(
        order.lines.map((l) => ({
          rateBp: l.vatRateBp,
          totalCents: l.unitPriceCents * l.quantity,
        })),
      )) {
        vat.push([uuidToBuffer(order.id), row.rateBp, store.id, day, row.totalCents, row.vatCents]);
      }
    }
    const connection = await pool.getConnection();
    try {
      await connection.beginTransaction();
      await connection.query(
        "INSERT INTO orders (id, store_id, channel, service_mode, status, business_day, created_at, updated_at, call_number, menu_version, total_cents, paid_cents, item_count, line_count, version) VALUES ?",
        [orders],
      );
      await connection.query(
        "INSERT INTO order_lines (id, order_id, store_id, business_day, line_no, product_id, size, name, category_id, quantity, unit_price_cents, total_cents, vat_rate_bp, options) VALUES ?",
        [lines],
      );
      await connection.query(
        "INSERT INTO payments (id, order_id, store_id, business_day, method, amount_cents, created_at) VALUES ?",
        [payments],
      );
      await connection.query(
        "INSERT INTO order_vat (order_id, rate_bp, store_id, business_day, total_cents, vat_cents) VALUES ?",
        [vat],
      );
      await connection.commit();
    } finally {
      connection.release();
    }
  }
}
