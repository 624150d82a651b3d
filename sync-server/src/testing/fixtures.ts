/**
 * Shared test fixtures: pairing a device through the API, building orders
 * priced from the menu, the four mutation kinds, calling push and pull, and
 * counting rows so a test can prove that nothing was written.
 */
import type { Hono } from "hono";
import type { Pool, RowDataPacket } from "mysql2/promise";

import {
  PROTOCOL_VERSION,
  newId,
  priceLine,
  type MenuSnapshot,
  type Mutation,
  type Order,
  type OrderStatus,
  type Payment,
  type ServiceMode,
} from "@ocpizza/schema";

import type { AppEnv } from "../http/auth.js";
import type { TestDatabase } from "./test-database.js";

export interface PairedDevice {
  deviceId: string;
  token: string;
  storeId: string;
}

type App = Hono<AppEnv>;

export async function pairDevice(
  t: Pick<TestDatabase, "app" | "adminToken">,
  storeId = "bastille",
  name = "Comptoir",
): Promise<PairedDevice> {
  const codeResponse = await t.app.request("/api/v1/admin/pairing-codes", {
    method: "POST",
    headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ storeId }),
  });
  if (codeResponse.status !== 201) throw new Error(`pairing code: ${await codeResponse.text()}`);
  const { code } = (await codeResponse.json()) as { code: string };
  const paired = await t.app.request("/api/v1/devices/pair", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, name }),
  });
  if (paired.status !== 201) throw new Error(`pair: ${await paired.text()}`);
  const body = (await paired.json()) as { deviceId: string; token: string };
  return { deviceId: body.deviceId, token: body.token, storeId };
}

export async function fetchMenu(app: App): Promise<MenuSnapshot> {
  return (await (await app.request("/api/v1/menu")).json()) as MenuSnapshot;
}

export interface ItemSpec {
  productId: string;
  size: string;
  quantity?: number;
  /** Overrides the menu price (an order priced with an older menu). */
  unitPriceCents?: number;
}

/** A counter order priced from the menu, as a device builds it. */
export function buildOrder(
  menu: MenuSnapshot,
  items: readonly ItemSpec[],
  options: { serviceMode?: ServiceMode; createdAtMs?: number; callNumber?: number } = {},
): Order {
  const serviceMode = options.serviceMode ?? "takeaway";
  const lines = items.map((item) => {
    const product = menu.products.find((p) => p.id === item.productId);
    const check = priceLine(menu, { ...item, options: [] }, serviceMode);
    const priced = check.ok ? check.priced : { unitPriceCents: 1000, vatRateBp: 1000 };
    return {
      id: newId(),
      productId: item.productId,
      size: item.size,
      name: product?.nameFr ?? item.productId,
      categoryId: product?.categoryId ?? "classic",
      quantity: item.quantity ?? 1,
      unitPriceCents: item.unitPriceCents ?? priced.unitPriceCents,
      vatRateBp: priced.vatRateBp as 550 | 1000 | 2000,
      options: [],
    };
  });
  return {
    id: newId(),
    channel: "counter",
    serviceMode,
    createdAtMs: options.createdAtMs ?? Date.now(),
    callNumber: options.callNumber ?? 1,
    menuVersion: menu.version,
    lines,
    totalCents: lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0),
    training: false,
  };
}

export function cashPayment(amountCents: number, tenderedCents?: number): Payment {
  return { id: newId(), method: "cash", amountCents, tenderedCents, createdAtMs: Date.now() };
}

export function createMutation(
  seq: number,
  order: Order,
  extra: { payments?: Payment[]; status?: "accepted" | "completed" } = {},
): Mutation {
  return {
    seq,
    atMs: order.createdAtMs,
    kind: "order.create",
    order,
    payments: extra.payments ?? [],
    status: extra.status ?? "accepted",
  };
}

export function payMutation(seq: number, orderId: string, payments: Payment[]): Mutation {
  return { seq, atMs: Date.now(), kind: "order.pay", orderId, payments };
}

export function statusMutation(seq: number, orderId: string, status: OrderStatus): Mutation {
  return { seq, atMs: Date.now(), kind: "order.status", orderId, status };
}

export function pushBody(device: PairedDevice, mutations: unknown[], extra: object = {}) {
  return {
    protocol: PROTOCOL_VERSION,
    appVersion: "test-1.0.0",
    clientId: device.deviceId,
    mutations,
    ...extra,
  };
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function postPush(
  app: App,
  device: PairedDevice,
  body: unknown,
): Promise<JsonResponse> {
  const response = await app.request("/api/v1/sync/push", {
    method: "POST",
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export async function getPull(
  app: App,
  device: PairedDevice,
  query: Record<string, string | number>,
): Promise<JsonResponse> {
  const params = new URLSearchParams(
    Object.entries({ protocol: PROTOCOL_VERSION, ...query }).map(([k, v]) => [k, String(v)]),
  );
  const response = await app.request(`/api/v1/sync/pull?${params}`, {
    headers: { authorization: `Bearer ${device.token}` },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Every table a request could write to. */
export const WRITABLE_TABLES = [
  "orders",
  "order_lines",
  "order_vat",
  "payments",
  "sync_mutations",
  "rejections",
  "sync_losses",
  "alerts",
  "devices",
  "pairing_codes",
  "registers",
  "journal_entries",
  "journal_anomalies",
  "closings",
  "shifts",
  "cash_movements",
  "staff",
  "staff_stores",
  "customers",
  "sessions",
  "login_attempts",
  "password_resets",
  "email_verifications",
  "line_preparation",
  "delivery_assignments",
  "driver_settlements",
  "stock_levels",
  "stock_movements",
] as const;

export async function countRows(pool: Pool): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of WRITABLE_TABLES) {
    const [rows] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${table}\``);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

/** The device row fields tests check: its cursor and last report. */
export async function deviceState(pool: Pool, deviceId: string) {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT last_applied_seq, reported_pending, store_id FROM devices WHERE id = " +
      "UNHEX(REPLACE(?, '-', ''))",
    [deviceId],
  );
  return {
    lastAppliedSeq: Number(rows[0].last_applied_seq),
    pending: Number(rows[0].reported_pending),
  };
}

/** Each mutation's outcome as "outcome" or "outcome:code", for compact assertions. */
export function outcomeCodes(body: { results: { outcome: string; code?: string }[] }): string[] {
  return body.results.map((r) => (r.code ? `${r.outcome}:${r.code}` : r.outcome));
}
