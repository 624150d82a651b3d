/**
 * The Square test world with counters: a device paired in each of two
 * stores, their sync pushes numbered for them, and requests sent with their
 * credential or the admin token. Used by the card route tests.
 */
import { newId, type MenuSnapshot, type Mutation, type Order, type Payment } from "@ocpizza/schema";
import { orders, payments } from "@ocpizza/schema/db";

import type { Database } from "../../db/connection.js";

import {
  buildOrder,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
  type PairedDevice,
} from "../fixtures.js";
import { createSquareWorld, type SquareWorld } from "./square-world.js";

export interface CounterWorld extends SquareWorld {
  menu: MenuSnapshot;
  /** A counter of bastille and one of montmartre. */
  counterA: PairedDevice;
  counterB: PairedDevice;
}

export async function createCounterWorld(options: { startMs?: number } = {}) {
  const w = await createSquareWorld(options);
  const world: CounterWorld = {
    ...w,
    menu: await fetchMenu(w.t.app),
    counterA: await pairDevice(w.t, "bastille"),
    counterB: await pairDevice(w.t, "montmartre"),
  };
  return world;
}

const nextSeq = new Map<string, number>();

/** A mutation before its sequence number is given (each kind kept apart). */
type Unnumbered = Mutation extends infer M ? (M extends Mutation ? Omit<M, "seq"> : never) : never;

/** Pushes mutations for a device, numbering them after its earlier ones. */
export async function pushAs(w: CounterWorld, device: PairedDevice, mutations: Unnumbered[]) {
  const first = nextSeq.get(device.deviceId) ?? 1;
  nextSeq.set(device.deviceId, first + mutations.length);
  const numbered = mutations.map((m, i) => ({ ...m, seq: first + i }));
  const response = await postPush(w.t.app, device, pushBody(device, numbered));
  if (response.status !== 200) throw new Error(`push: ${JSON.stringify(response.body)}`);
  return response.body as { results: { outcome: string; code?: string }[] };
}

/** A one-pizza counter order, recorded unpaid (or with `payments`) through the sync. */
export async function pushSale(
  w: CounterWorld,
  device: PairedDevice,
  payments: Payment[] = [],
): Promise<Order> {
  const order = buildOrder(w.menu, [{ productId: "hawaiian", size: "M" }], {
    createdAtMs: w.clock.nowMs,
  });
  await pushAs(w, device, [
    { kind: "order.create", atMs: w.clock.nowMs, order, payments, status: "accepted" },
  ]);
  return order;
}

/** A card payment as the counter writes it (Terminal: squarePaymentId; offline: cardReference). */
export function cardPayment(
  w: CounterWorld,
  amountCents: number,
  extra: { squarePaymentId?: string; cardReference?: string } = {},
): Payment {
  return { id: newId(), method: "card", amountCents, createdAtMs: w.clock.nowMs, ...extra };
}

/** A JSON request to the app, with a device's token or the admin token. */
export async function requestAs(
  w: CounterWorld,
  who: PairedDevice | "admin",
  method: string,
  path: string,
  json?: unknown,
): Promise<{ status: number; body: any }> {
  const token = who === "admin" ? w.t.adminToken : who.token;
  const response = await w.t.app.request(path, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: response.status, body: await response.json() };
}

/** Stores a bare counter order of a store straight in the database (no Square needed). */
export async function insertOrder(
  db: Database,
  options: {
    storeId: string;
    totalCents?: number;
    paidCashCents?: number;
    channel?: "counter" | "online";
    atMs?: number;
  },
): Promise<string> {
  const id = newId();
  const now = new Date(options.atMs ?? Date.now());
  await db.insert(orders).values({
    id,
    storeId: options.storeId,
    channel: options.channel ?? "counter",
    serviceMode: "takeaway",
    status: "accepted",
    businessDay: now.toISOString().slice(0, 10),
    createdAt: now,
    updatedAt: now,
    callNumber: 1,
    menuVersion: 1,
    totalCents: options.totalCents ?? 2500,
    itemCount: 1,
    lineCount: 1,
    version: 1,
  });
  if (options.paidCashCents) {
    await db.insert(payments).values({
      id: newId(),
      orderId: id,
      storeId: options.storeId,
      businessDay: now.toISOString().slice(0, 10),
      method: "cash",
      amountCents: options.paidCashCents,
      createdAt: now,
    });
  }
  return id;
}
