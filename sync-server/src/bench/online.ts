/**
 * `npm run bench:online`: drives POST /api/v1/online-orders from this process
 * against the real server running as a child process on loopback, and
 * measures GET /health/live the same way in the same run as the baseline.
 * Also measures, on the counter's side, how long an order takes from its
 * creation to a device's event stream saying "changed" and to the pull that
 * brings it. Writes docs/benchmarks.md; its own database, dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import mysql from "mysql2/promise";

import { newId, type MenuSnapshot, type PullResponse } from "@ocpizza/schema";

import { writeBenchmarkSection } from "../../bench/report-file.js";
import { startServer } from "../../bench/server-process.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306";
/** Requests in flight at once, and how long each load phase runs. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 10_000);
const EVENT_SAMPLES = 30;
const STORES = ["bastille", "montmartre", "batignolles", "boulogne", "vincennes"];

interface LoadFigures {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
}

const name = `ocp_bench_online_${randomBytes(4).toString("hex")}`;
const adminToken = randomBytes(24).toString("hex");
const dataDir = mkdtempSync(join(tmpdir(), "ocp-bench-online-"));
const port = 19_900 + Math.floor(Math.random() * 90);
const admin = await mysql.createConnection(BASE_URL);
const server = await startServer(
  { DATABASE_URL: `${BASE_URL}/${name}`, ADMIN_TOKEN: adminToken, DATA_DIR: dataDir },
  port,
);
const sql = await mysql.createConnection({ uri: `${BASE_URL}/${name}`, timezone: "Z" });

try {
  const deviceToken = await prepareStores();
  const menu = (await (await fetch(`${server.url}/api/v1/menu`)).json()) as MenuSnapshot;
  const order = orderMaker(menu);

  // Warm both paths up, untimed.
  await load(2_000, () => get("/health/live"));
  await load(2_000, () => post(order()));
  const health = await load(PHASE_MS, () => get("/health/live"));
  const orders = await load(PHASE_MS, () => post(order()));
  const events = await eventToPull(deviceToken, menu);
  writeBenchmarkSection("bench:online", report(health, orders, events));
  console.log(report(health, orders, events));
} finally {
  await sql.end();
  await server.stop();
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Every store open all day with room in every quarter (the bench measures the
 * endpoint, not the kitchen), and one paired counter per store that counts as
 * seen. Returns bastille's device token.
 */
async function prepareStores(): Promise<string> {
  await sql.query("DELETE FROM store_opening_hours");
  await sql.query("DELETE FROM store_closed_days");
  const week = STORES.flatMap((store) => [1, 2, 3, 4, 5, 6, 7].map((day) => [store, day, 0, 0]));
  await sql.query(
    "INSERT INTO store_opening_hours (store_id, weekday, opens_minute, closes_minute) VALUES ?",
    [week],
  );
  await sql.query("UPDATE stores SET pizzas_per_quarter = 30000");
  let bastilleToken = "";
  for (const storeId of STORES) {
    const token = await pair(storeId);
    if (storeId === "bastille") bastilleToken = token;
  }
  await sql.query("UPDATE devices SET last_seen_at = UTC_TIMESTAMP(3) + INTERVAL 1 DAY");
  return bastilleToken;
}

async function pair(storeId: string): Promise<string> {
  const headers = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
  const coded = await fetch(`${server.url}/api/v1/admin/pairing-codes`, {
    method: "POST",
    headers,
    body: JSON.stringify({ storeId }),
  });
  const { code } = (await coded.json()) as { code: string };
  const paired = await fetch(`${server.url}/api/v1/devices/pair`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, name: `Bench ${storeId}` }),
  });
  return ((await paired.json()) as { token: string }).token;
}

/** A new one-pizza pickup order each call, round robin over the stores. */
function orderMaker(menu: MenuSnapshot, only?: string): () => object {
  const pizzas = new Set(menu.categories.filter((c) => c.kind === "pizza").map((c) => c.id));
  const product = menu.products.find((p) => pizzas.has(p.categoryId))!;
  const size = product.sizes[0];
  let next = 0;
  return () => ({
    idempotencyKey: newId(),
    storeId: only ?? STORES[next++ % STORES.length],
    fulfilment: "pickup",
    when: "asap",
    items: [{ productId: product.id, size: size.size, quantity: 1 }],
    customer: { name: "Bench Client", phone: "0612345678", email: "bench@example.test" },
    clientTotalCents: size.priceCents,
  });
}

function get(path: string): Promise<Response> {
  return fetch(`${server.url}${path}`);
}

function post(body: object): Promise<Response> {
  return fetch(`${server.url}/api/v1/online-orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** CONCURRENCY workers sending requests back to back for `durationMs`. */
async function load(durationMs: number, send: () => Promise<Response>): Promise<LoadFigures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const start = performance.now();
  const end = start + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      const response = await send();
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    statuses,
  };
}

/**
 * One device of bastille holds the event stream open; each sample posts an
 * order to bastille and times, from the moment the order's answer arrives,
 * the `changed` event and then the pull that returns the order.
 */
async function eventToPull(token: string, menu: MenuSnapshot) {
  const bastilleOrder = orderMaker(menu, "bastille");
  const auth = { authorization: `Bearer ${token}` };
  const controller = new AbortController();
  const stream = await fetch(`${server.url}/api/v1/sync/events`, {
    headers: { ...auth, accept: "text/event-stream" },
    signal: controller.signal,
  });
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const nextChanged = async (): Promise<number> => {
    for (;;) {
      const frames = buffered.split("\n\n");
      buffered = frames.pop() ?? "";
      const changed = frames.filter((f) => f.includes("event: changed"));
      if (changed.length > 0) return Number(/"storeVersion":(\d+)/.exec(changed.at(-1)!)![1]);
      const { value, done } = await reader.read();
      if (done) throw new Error("the event stream ended");
      buffered += decoder.decode(value, { stream: true });
    }
  };
  let cursor = await nextChanged();
  const toEvent: number[] = [];
  const toPulled: number[] = [];
  for (let i = 0; i < EVENT_SAMPLES; i++) {
    const created = (await (await post(bastilleOrder())).json()) as { order: { id: string } };
    const answered = performance.now();
    await nextChanged();
    toEvent.push(performance.now() - answered);
    const pulled = (await (
      await fetch(`${server.url}/api/v1/sync/pull?protocol=1&since=${cursor}`, { headers: auth })
    ).json()) as PullResponse;
    if (!pulled.orders.some((o) => o.id === created.order.id)) {
      throw new Error("the pull after the event did not bring the order");
    }
    toPulled.push(performance.now() - answered);
    cursor = pulled.storeVersion;
  }
  controller.abort();
  toEvent.sort((a, b) => a - b);
  toPulled.sort((a, b) => a - b);
  return {
    samples: EVENT_SAMPLES,
    eventP50: percentile(toEvent, 0.5),
    eventP99: percentile(toEvent, 0.99),
    pulledP50: percentile(toPulled, 0.5),
    pulledP99: percentile(toPulled, 0.99),
  };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function report(
  health: LoadFigures,
  orders: LoadFigures,
  events: Awaited<ReturnType<typeof eventToPull>>,
): string {
  const row = (what: string, f: LoadFigures) =>
    `| ${what} | ${f.requests} | ${f.perSecond.toFixed(0)} | ${f.p50Ms.toFixed(1)} ms | ` +
    `${f.p99Ms.toFixed(1)} ms | ${JSON.stringify(f.statuses).replace(/"/g, "")} |`;
  return [
    `${CONCURRENCY} requests in flight from a second process on loopback, ${PHASE_MS / 1000} s ` +
      "per endpoint, one-pizza pickup orders round robin over the five stores (each open all " +
      "day, kitchen capacity out of the way), every order a new idempotency key.",
    "",
    "| endpoint | requests | per second | p50 | p99 | statuses |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    row("GET /health/live (baseline)", health),
    row("POST /api/v1/online-orders", orders),
    "",
    `Orders per second are ${((orders.perSecond / health.perSecond) * 100).toFixed(1)} % of the ` +
      "bare health endpoint's requests per second.",
    "",
    `Counter side, ${events.samples} orders to one store with a device's event stream open ` +
      "(the server reads store versions every 500 ms): from the order's answer to the `changed` " +
      `event, p50 ${events.eventP50.toFixed(0)} ms, p99 ${events.eventP99.toFixed(0)} ms; to the ` +
      `pull that brings the order, p50 ${events.pulledP50.toFixed(0)} ms, p99 ` +
      `${events.pulledP99.toFixed(0)} ms.`,
  ].join("\n");
}
