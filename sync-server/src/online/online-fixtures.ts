/**
 * Fixtures of the online ordering tests: an app on a fresh database with a
 * settable clock (Tuesday evening, every store open), the fake SMTP and fake
 * Google, a paired counter of bastille that was seen a minute ago, and a
 * valid order body that each bad-input case breaks in one place.
 */
import type { Hono } from "hono";
import type { RowDataPacket } from "mysql2/promise";

import { newId, type MenuSnapshot, type OnlineOrderRequest } from "@ocpizza/schema";

import { smtpMailer } from "../accounts/mailer.js";
import type { AppEnv } from "../http/auth.js";
import { startFakeGoogle, type FakeGoogle } from "../testing/fake-google.js";
import { startFakeSmtp, type FakeSmtp } from "../testing/fake-smtp.js";
import { fetchMenu, pairDevice, type PairedDevice } from "../testing/fixtures.js";
import { OPEN_EVENING_MS } from "../testing/store-settings-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

export const PUBLIC_URL = "https://commande.ocpizza.test";

export interface OnlineWorld {
  t: TestDatabase;
  app: Hono<AppEnv>;
  smtp: FakeSmtp;
  google: FakeGoogle;
  counter: PairedDevice;
  menu: MenuSnapshot;
  clock: { nowMs: number };
  close(): Promise<void>;
}

export async function createOnlineWorld(): Promise<OnlineWorld> {
  const [t, smtp, google] = await Promise.all([
    createTestDatabase(),
    startFakeSmtp(),
    startFakeGoogle(),
  ]);
  const clock = { nowMs: OPEN_EVENING_MS };
  const app = t.makeApp({
    now: () => clock.nowMs,
    auth: {
      mailer: smtpMailer(smtp.url, "OC Pizza <commandes@ocpizza.test>"),
      publicUrl: PUBLIC_URL,
    },
    maps: {
      serverKey: google.key,
      mapsApiBase: google.url,
      routesApiBase: google.url,
      quotesPerWindow: 10_000,
    },
  });
  const counter = await pairDevice(t, "bastille");
  const world: OnlineWorld = {
    t,
    app,
    smtp,
    google,
    counter,
    menu: await fetchMenu(app),
    clock,
    async close() {
      await Promise.all([smtp.close(), google.close()]);
      await t.drop();
    },
  };
  await counterSeen(world, "bastille", clock.nowMs - 60_000);
  return world;
}

/** Every counter of the store was last seen at `atMs`. */
export async function counterSeen(w: OnlineWorld, storeId: string, atMs: number): Promise<void> {
  await w.t.pool.query("UPDATE devices SET last_seen_at = ? WHERE store_id = ?", [
    new Date(atMs),
    storeId,
  ]);
}

/** The first pizza of the menu in its first size, and what it costs. */
export function aPizza(menu: MenuSnapshot): {
  productId: string;
  size: string;
  priceCents: number;
} {
  const pizzaCategories = new Set(
    menu.categories.filter((c) => c.kind === "pizza").map((c) => c.id),
  );
  const product = menu.products.find((p) => pizzaCategories.has(p.categoryId))!;
  return { productId: product.id, ...product.sizes[0] };
}

/** A pickup order of `quantity` pizzas, as soon as possible, with the right total. */
export function pickupOrder(
  menu: MenuSnapshot,
  quantity = 2,
  changes: Partial<OnlineOrderRequest> = {},
): OnlineOrderRequest {
  const pizza = aPizza(menu);
  return {
    idempotencyKey: newId(),
    storeId: "bastille",
    fulfilment: "pickup",
    when: "asap",
    items: [{ productId: pizza.productId, size: pizza.size, quantity, options: [] }],
    customer: {
      name: "Camille Martin",
      phone: "+33 6 11 22 33 44",
      email: `camille-${newId().slice(-6)}@example.test`,
      language: "fr",
    },
    paymentMethod: "on_handover",
    clientTotalCents: pizza.priceCents * quantity,
    ...changes,
  };
}

export async function postOrder(
  w: Pick<OnlineWorld, "app">,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await w.app.request("/api/v1/online-orders", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Rows of every table an online order writes, counted: a refusal must leave them as they were. */
export async function orderRowCounts(w: OnlineWorld): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ["orders", "order_lines", "order_vat", "online_orders"]) {
    const [rows] = await w.t.pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(rows[0].n);
  }
  const [store] = await w.t.pool.query<RowDataPacket[]>(
    "SELECT version FROM stores WHERE id = 'bastille'",
  );
  counts.bastilleVersion = Number(store[0].version);
  return counts;
}
