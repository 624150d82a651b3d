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
const BASE_URL = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306";
const data = join(REPO_ROOT, "sync-server/data/pizza-place");
const ordersFile = join(data, "orders-2015-01.csv");
const detailsFile = join(data, "order_details-2015-01.csv");
// June warms both paths up first (a server that has been running), untimed.
const warmUp = {
  ordersFile: join(data, "orders-2015-06.csv"),
  detailsFile: join(data, "order_details-2015-06.csv"),
};

interface RunFigures {
  devices: number;
  orders: number;
  lines: number;
  apiRate: number;
  baseRate: number;
  peakRssBytes: number;
  outcomes: Record<string, number>;
}

const admin = await mysql.createConnection(BASE_URL);
const runs: RunFigures[] = [];
try {
  // One counter alone, then two counters of one store writing at once: the
  // baseline always writes with as many connections as there are devices.
  for (const devices of [1, 2]) runs.push(await measure(devices));
} finally {
  await admin.end();
}

const lines = [
  `January 2015 (${runs[0].orders} orders, ${runs[0].lines} lines), batches of ${BATCH} ` +
    `orders per push and per baseline transaction.`,
  "",
  "| devices | sync API orders/s | baseline orders/s | ratio | peak server memory |",
  "|---|---|---|---|---|",
  ...runs.map(
    (r) =>
      `| ${r.devices} | ${r.apiRate.toFixed(0)} | ${r.baseRate.toFixed(0)} ` +
      `| ${(r.apiRate / r.baseRate).toFixed(2)} ` +
      `| ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB |`,
  ),
  "",
  "Both paths first write June untimed (a warm server and database), then January is timed.",
  "The sync API path is the HTTP push as counters send it: auth, zod validation,",
  "exactly-once bookkeeping (device and store row locks, one sync_mutations row",
  "per mutation), menu check, VAT rows. The baseline inserts the same order, line,",
  "payment and VAT rows with mysql2 multi-row INSERTs, one transaction per batch.",
  "Pushes of one store serialise on the store's version row (the pull cursor), so",
  "a second device of the same store adds little; other stores are not blocked.",
  `Outcomes: ${runs.map((r) => JSON.stringify(r.outcomes)).join(", ")}.`,
];
console.log(lines.join("\n"));
writeBenchmarkSection("bench:sync", lines.join("\n"));

async function measure(devices: number): Promise<RunFigures> {
  const suffix = `${Date.now()}_${randomBytes(3).toString("hex")}`;
  const apiDb = `ocp_bench_api_${suffix}`;
  const baseDb = `ocp_bench_sql_${suffix}`;
  try {
    // Through the API, as counters do.
    const adminToken = randomBytes(24).toString("hex");
    const dataDir = join("/tmp", `ocp-bench-${suffix}`);
    const server = await startServer(
      { DATABASE_URL: `${BASE_URL}/${apiDb}`, ADMIN_TOKEN: adminToken, DATA_DIR: dataDir },
      18_000 + Math.floor(Math.random() * 1000),
    );
    const replayOptions = {
      server: server.url,
      storeId: "bastille",
      devices,
      mode: "takeaway" as const,
      batchSize: BATCH,
      adminToken,
      deviceFile: join(dataDir, "devices.json"),
    };
    await replay({ ...replayOptions, ...warmUp });
    const summary = await replay({ ...replayOptions, ordersFile, detailsFile });
    const peakRssBytes = server.peakRssBytes();
    const menu = await callApi<MenuSnapshot>(server.url, "/api/v1/menu");
    const { stores } = await callApi<{ stores: StoreInfo[] }>(server.url, "/api/v1/stores");
    await server.stop();

    // Baseline: the same rows, straight into MySQL.
    await admin.query(`CREATE DATABASE \`${baseDb}\``);
    const pool = mysql.createPool({
      uri: `${BASE_URL}/${baseDb}`,
      timezone: "Z",
      connectionLimit: devices,
    });
    await migrate(drizzle(pool), { migrationsFolder: join(REPO_ROOT, "schema/drizzle") });
    const store = stores.find((s) => s.id === "bastille")!;
    const build = (files: { ordersFile: string; detailsFile: string }) => {
      const sales = readSales(
        readFileSync(files.ordersFile, "utf8"),
        readFileSync(files.detailsFile, "utf8"),
      );
      return buildMutations(sales.orders, menu, store, "takeaway", devices);
    };
    const warm = build(warmUp);
    await Promise.all(warm.perDevice.map((mutations) => insertDirectly(pool, store, mutations)));
    const built = build({ ordersFile, detailsFile });
    const started = performance.now();
    await Promise.all(built.perDevice.map((mutations) => insertDirectly(pool, store, mutations)));
    const baseRate = built.orders / ((performance.now() - started) / 1000);
    await pool.end();

    return {
      devices,
      orders: summary.orders,
      lines: summary.lines,
      apiRate: summary.orders / (summary.elapsedMs / 1000),
      baseRate,
      peakRssBytes,
      outcomes: summary.outcomes,
    };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${apiDb}\``);
    await admin.query(`DROP DATABASE IF EXISTS \`${baseDb}\``);
  }
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
        "INSERT INTO orders (id, store_id, channel, service_mode, status, business_day, " +
          "created_at, updated_at, call_number, menu_version, total_cents, paid_cents, " +
          "item_count, line_count, version) VALUES ?",
        [orders],
      );
      await connection.query(
        "INSERT INTO order_lines (id, order_id, store_id, business_day, line_no, product_id, " +
          "size, name, category_id, quantity, unit_price_cents, total_cents, vat_rate_bp, " +
          "options) VALUES ?",
        [lines],
      );
      await connection.query(
        "INSERT INTO payments (id, order_id, store_id, business_day, method, amount_cents, " +
          "created_at) VALUES ?",
        [payments],
      );
      await connection.query(
        "INSERT INTO order_vat (order_id, rate_bp, store_id, business_day, total_cents, " +
          "vat_cents) VALUES ?",
        [vat],
      );
      await connection.commit();
    } finally {
      connection.release();
    }
  }
}
