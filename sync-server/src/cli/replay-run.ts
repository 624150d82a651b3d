/**
 * Replays Pizza Place sales through the HTTP sync API as counter devices of
 * one store: each order keeps the data set's local date and time, is paid
 * in cash and handed over, and gets an id derived from the store and the
 * data set's order id, so that replaying a file again changes nothing.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";

import {
  PROTOCOL_VERSION,
  businessDay,
  priceLine,
  zonedTimeToEpochMs,
  type MenuSnapshot,
  type Mutation,
  type PushResponse,
  type ServiceMode,
  type StoreInfo,
} from "@ocpizza/schema";

import { ApiError, callApi } from "./api-client.js";
import {
  deviceFilePath,
  lockDeviceFile,
  obtainDevices,
  type ReplayDevice,
} from "./replay-devices.js";
import { replayId } from "./replay-ids.js";
import { readSales, type SourceOrder } from "./sales-file.js";

export interface ReplayOptions {
  server: string;
  ordersFile: string;
  detailsFile: string;
  storeId: string;
  devices: number;
  mode: ServiceMode;
  /** Orders per push (one mutation each). */
  batchSize: number;
  adminToken: string;
  /** Where device credentials are kept between runs (default .data/replay-devices.json). */
  deviceFile?: string;
  appVersion?: string;
  log?: (line: string) => void;
}

export interface ReplaySummary {
  orders: number;
  lines: number;
  items: number;
  totalCents: number;
  outcomes: Record<string, number>;
  problems: string[];
  elapsedMs: number;
}

const RETRIES = 8;

export async function replay(options: ReplayOptions): Promise<ReplaySummary> {
  const log = options.log ?? (() => {});
  const names = [basename(options.ordersFile), basename(options.detailsFile)];
  const sales = readSales(
    readFileSync(options.ordersFile, "utf8"),
    readFileSync(options.detailsFile, "utf8"),
    names,
  );

  const { stores } = await callApi<{ stores: StoreInfo[] }>(options.server, "/api/v1/stores");
  const store = stores.find((s) => s.id === options.storeId);
  if (!store) {
    throw new ApiError(
      0,
      "unknown_store",
      `no store "${options.storeId}"; stores: ${stores.map((s) => s.id).join(", ")}`,
      null,
    );
  }
  const menu = await callApi<MenuSnapshot>(options.server, "/api/v1/menu");
  const unlock = lockDeviceFile(options.deviceFile ?? deviceFilePath());
  try {
    return await replayLocked(options, sales, store, menu, log);
  } finally {
    unlock();
  }
}

async function replayLocked(
  options: ReplayOptions,
  sales: ReturnType<typeof readSales>,
  store: StoreInfo,
  menu: MenuSnapshot,
  log: (line: string) => void,
): Promise<ReplaySummary> {
  const devices = await obtainDevices(
    options.server,
    store.id,
    options.devices,
    options.adminToken,
  );
  log(`replaying ${sales.orders.length} orders as ${devices.length} device(s) of ${store.name}`);

  const built = buildMutations(sales.orders, menu, store, options.mode, devices.length);
  const started = performance.now();
  const outcomes: Record<string, number> = {};
  await Promise.all(
    devices.map((device, i) => pushAll(options, device, built.perDevice[i], outcomes)),
  );

  return {
    orders: built.orders,
    lines: built.lines,
    items: built.items,
    totalCents: built.totalCents,
    outcomes,
    problems: [...sales.problems, ...built.problems],
    elapsedMs: performance.now() - started,
  };
}

type OrderMutation = Extract<Mutation, { kind: "order.create" }>;

/** Turns source orders into order.create mutations (without seq), split across devices. */
export function buildMutations(
  orders: readonly SourceOrder[],
  menu: MenuSnapshot,
  store: StoreInfo,
  mode: ServiceMode,
  deviceCount: number,
) {
  const sizes = new Map<string, { productId: string; size: string }>();
  for (const product of menu.products) {
    for (const { size } of product.sizes)
      sizes.set(`${product.id}_${size.toLowerCase()}`, { productId: product.id, size });
  }
  const perDevice: Omit<OrderMutation, "seq">[][] = Array.from({ length: deviceCount }, () => []);
  const callNumbers = new Map<string, number>();
  const problems: string[] = [];
  let lines = 0;
  let items = 0;
  let totalCents = 0;

  const sorted = [...orders].sort(
    (a, b) =>
      `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`) ||
      Number(a.sourceId) - Number(b.sourceId),
  );
  for (const [index, source] of sorted.entries()) {
    const createdAtMs = zonedTimeToEpochMs(source.date, source.time, store.timeZone);
    const orderId = replayId(createdAtMs, store.id, "order", source.sourceId);
    const orderLines = [];
    for (const line of source.lines) {
      const known = sizes.get(line.pizzaId);
      const priced = known && priceLine(menu, { ...known, options: [] }, mode);
      if (!known || !priced || !priced.ok) {
        problems.push(
          `order ${source.sourceId}: pizza "${line.pizzaId}" is not on the menu; line skipped`,
        );
        continue;
      }
      const product = menu.products.find((p) => p.id === known.productId)!;
      orderLines.push({
        id: replayId(createdAtMs, store.id, "line", line.sourceId),
        productId: known.productId,
        size: known.size,
        name: product.nameFr,
        categoryId: product.categoryId,
        quantity: line.quantity,
        unitPriceCents: priced.priced.unitPriceCents,
        vatRateBp: priced.priced.vatRateBp as 550 | 1000 | 2000,
        options: [],
      });
    }
    if (orderLines.length === 0) continue;

    const device = index % deviceCount;
    const day = businessDay(createdAtMs, store.timeZone, store.closingMinutes);
    const callKey = `${device}|${day}`;
    const callNumber = ((callNumbers.get(callKey) ?? 0) % 9999) + 1;
    callNumbers.set(callKey, callNumber);
    const orderTotal = orderLines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
    lines += orderLines.length;
    items += orderLines.reduce((sum, l) => sum + l.quantity, 0);
    totalCents += orderTotal;

    perDevice[device].push({
      kind: "order.create",
      atMs: createdAtMs,
      status: "completed",
      order: {
        id: orderId,
        channel: "counter",
        serviceMode: mode,
        createdAtMs,
        callNumber,
        menuVersion: menu.version,
        lines: orderLines,
        totalCents: orderTotal,
        training: false,
      },
      payments: [
        {
          id: replayId(createdAtMs, store.id, "payment", source.sourceId),
          method: "cash",
          amountCents: orderTotal,
          tenderedCents: orderTotal,
          createdAtMs,
        },
      ],
    });
  }
  return { perDevice, problems, orders: perDevice.flat().length, lines, items, totalCents };
}

/** Pushes one device's mutations in batches, carrying on from its last applied seq. */
async function pushAll(
  options: ReplayOptions,
  device: ReplayDevice,
  mutations: Omit<OrderMutation, "seq">[],
  outcomes: Record<string, number>,
): Promise<void> {
  const state = await callApi<{ lastAppliedSeq: number }>(options.server, "/api/v1/sync/state", {
    token: device.token,
  });
  let nextSeq = state.lastAppliedSeq + 1;
  let offset = 0;
  let failures = 0;

  while (offset < mutations.length) {
    const batch = mutations
      .slice(offset, offset + options.batchSize)
      .map((m, i) => ({ ...m, seq: nextSeq + i }));
    try {
      const response = await callApi<PushResponse>(options.server, "/api/v1/sync/push", {
        token: device.token,
        body: {
          protocol: PROTOCOL_VERSION,
          appVersion: options.appVersion ?? "replay",
          clientId: device.deviceId,
          mutations: batch,
          outbox: {
            // What the device still holds once this batch is applied.
            pending: mutations.length - offset - batch.length,
            oldestPendingAtMs: null,
            highestSeq: nextSeq + batch.length - 1,
          },
        },
      });
      for (const result of response.results)
        outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      offset += batch.length;
      nextSeq += batch.length;
      failures = 0;
    } catch (error) {
      // Another writer moved this device on: renumber from the server's last applied seq.
      if (error instanceof ApiError && error.code === "sequence_gap") {
        nextSeq =
          Number((error.body as { error: { lastAppliedSeq: number } }).error.lastAppliedSeq) + 1;
        continue;
      }
      const transient = error instanceof ApiError && (error.status === 0 || error.status >= 500);
      if (!transient || ++failures > RETRIES) throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(30_000, 500 * 2 ** failures)),
      );
    }
  }
}
