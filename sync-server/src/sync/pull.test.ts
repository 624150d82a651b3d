/**
 * Tests of pull: pages cut at version boundaries, completeness while devices push,
 * store isolation, the menu, reset_required and the history window.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, Mutation, OrderSnapshot, PullResponse } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  createMutation,
  fetchMenu,
  getPull,
  pairDevice,
  postPush,
  pushBody,
  type PairedDevice,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { pageEnd } from "./pull.js";

let t: TestDatabase;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
});
afterAll(() => t?.drop());

function creates(firstSeq: number, count: number): Mutation[] {
  return Array.from({ length: count }, (_, i) =>
    createMutation(firstSeq + i, buildOrder(menu, [{ productId: "veggie_veg", size: "M" }])),
  );
}

/** Pushes `batches` batches of `size` orders, one push (so one version) per batch. */
async function pushBatches(device: PairedDevice, batches: number, size: number): Promise<void> {
  for (let b = 0; b < batches; b++) {
    const response = await postPush(t.app, device, pushBody(device, creates(b * size + 1, size)));
    if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  }
}

async function pullAll(device: PairedDevice, limit: number, since = 0) {
  const pages: PullResponse[] = [];
  for (let cursor = since; ;) {
    const page = await getPull(t.app, device, { since: cursor, limit, menuVersion: menu.version });
    expect(page.status).toBe(200);
    pages.push(page.body);
    cursor = page.body.storeVersion;
    if (!page.body.hasMore) return { pages, cursor };
  }
}

describe("pull", () => {
  it("cuts pages at version boundaries and returns every order once", async () => {
    const writer = await pairDevice(t, "vincennes");
    await pushBatches(writer, 6, 3); // 6 versions of 3 orders each
    const reader = await pairDevice(t, "vincennes");

    const { pages } = await pullAll(reader, 7);

    // 7 rows would split the third version: pages hold 2 versions (6 rows) each.
    expect(pages.map((p) => p.orders.length)).toEqual([6, 6, 6]);
    for (const page of pages) {
      const versions = new Set(page.orders.map((o) => o.version));
      expect(Math.max(...versions)).toBe(page.storeVersion);
    }
    const ids = pages.flatMap((p) => p.orders.map((o) => o.id));
    expect(new Set(ids).size).toBe(18);
    expect(ids).toHaveLength(18);
  });

  it("returns a whole version even when it holds more rows than the limit", async () => {
    const writer = await pairDevice(t, "batignolles");
    await pushBatches(writer, 2, 5);

    const first = await getPull(t.app, writer, { since: 0, limit: 3 });

    expect(first.body.orders).toHaveLength(5);
    expect(first.body.hasMore).toBe(true);
    const second = await getPull(t.app, writer, { since: first.body.storeVersion, limit: 3 });
    expect(second.body.orders).toHaveLength(5);
    expect(second.body.hasMore).toBe(false);
  });

  it("ends with every order exactly once while other devices push during the pull", async () => {
    const writers = await Promise.all([1, 2, 3].map(() => pairDevice(t, "montmartre")));
    const reader = await pairDevice(t, "montmartre");
    const seen = new Map<string, number>();
    const record = (orders: OrderSnapshot[]) =>
      orders.forEach((o) => seen.set(o.id, (seen.get(o.id) ?? 0) + 1));

    let writing = true;
    const pushes = Promise.all(
      writers.map(async (w) => {
        for (let b = 0; b < 8; b++) {
          const r = await postPush(t.app, w, pushBody(w, creates(b * 3 + 1, 3)));
          expect(r.status).toBe(200);
        }
      }),
    ).finally(() => {
      writing = false;
    });
    let cursor = 0;
    let pagesWhileWriting = 0;
    for (let guard = 0; guard < 500; guard++) {
      if (writing) pagesWhileWriting += 1;
      const page = await getPull(t.app, reader, { since: cursor, limit: 4 });
      expect(page.status).toBe(200);
      record(page.body.orders);
      cursor = page.body.storeVersion;
      if (!writing && !page.body.hasMore) break;
    }
    await pushes;
    const last = await getPull(t.app, reader, { since: cursor, limit: 4 });
    record(last.body.orders);

    const [rows] = await t.pool.query<RowDataPacket[]>(
      "SELECT LOWER(HEX(id)) AS id FROM orders WHERE store_id = 'montmartre'",
    );
    expect(pagesWhileWriting).toBeGreaterThan(3);
    expect(seen.size).toBe(rows.length);
    expect(rows.length).toBe(72);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    const [[store]] = await t.pool.query<RowDataPacket[]>(
      "SELECT version FROM stores WHERE id = 'montmartre'",
    );
    expect(last.body.storeVersion).toBe(Number(store.version));
  });

  it("shows a device only its own store's orders, as full aggregates", async () => {
    const bastille = await pairDevice(t, "bastille");
    const boulogne = await pairDevice(t, "boulogne");
    const order = buildOrder(menu, [
      { productId: "hawaiian", size: "L", quantity: 2 },
      { productId: "coca_cola_33", size: "U" },
    ]);
    const payment = cashPayment(order.totalCents, order.totalCents + 160);
    await postPush(
      t.app,
      bastille,
      pushBody(bastille, [
        createMutation(1, { ...order, note: "sans olives" }, { payments: [payment] }),
      ]),
    );

    const own = await getPull(t.app, bastille, { since: 0 });
    const other = await getPull(t.app, boulogne, { since: 0 });

    expect(other.body.orders.map((o: OrderSnapshot) => o.id)).not.toContain(order.id);
    const snapshot = own.body.orders.find((o: OrderSnapshot) => o.id === order.id);
    expect(snapshot).toMatchObject({
      storeId: "bastille",
      deviceId: bastille.deviceId,
      status: "accepted",
      note: "sans olives",
      totalCents: order.totalCents,
      paidCents: order.totalCents,
      flags: [],
      createdAtMs: order.createdAtMs,
      lines: order.lines,
      payments: [{ ...payment, changeCents: 160 }],
    });
    expect(own.body.store).toMatchObject({
      id: "bastille",
      timeZone: "Europe/Paris",
      closingMinutes: 240,
    });
  });

  it("carries the store's legal identity as last saved, for the tickets", async () => {
    const device = await pairDevice(t, "montmartre");
    await t.pool.query(
      "UPDATE stores SET legal_name = 'Pizza Butte SARL', siret = '44306184100013', " +
        "vat_number = 'FR64443061841', legal_address = '3 rue Lepic, 75018 Paris' " +
        "WHERE id = 'montmartre'",
    );

    const page = await getPull(t.app, device, { since: 0 });

    expect(page.body.store.legal).toEqual({
      companyName: "Pizza Butte SARL",
      address: "3 rue Lepic, 75018 Paris",
      siret: "44306184100013",
      vatNumber: "FR64443061841",
    });
  });

  it("sends the menu only when the device's menu version is not the current one", async () => {
    const device = await pairDevice(t);

    const stale = await getPull(t.app, device, { since: 0, menuVersion: 0 });
    const current = await getPull(t.app, device, { since: 0, menuVersion: menu.version });

    expect(stale.body.menu.version).toBe(menu.version);
    expect(stale.body.menu.products.length).toBeGreaterThan(32);
    expect(current.body.menu).toBeUndefined();
  });

  it("asks for a reset when the cursor is ahead of the store", async () => {
    const device = await pairDevice(t);
    const state = await getPull(t.app, device, { since: 0 });

    const ahead = await getPull(t.app, device, { since: state.body.storeVersion + 5 });

    expect(ahead.status).toBe(409);
    expect(ahead.body.error).toMatchObject({
      code: "reset_required",
      storeVersion: state.body.storeVersion,
    });
  });

  it("starts a pull from 0 at the history window", async () => {
    const device = await pairDevice(t, "vincennes");
    const [old, recent] = [creates(1, 1), creates(2, 1)];
    await postPush(t.app, device, pushBody(device, old));
    await postPush(t.app, device, pushBody(device, recent));
    await t.pool.query(
      "UPDATE orders SET updated_at = NOW(3) - INTERVAL 10 DAY WHERE store_id = 'vincennes' " +
        "AND id <> UNHEX(REPLACE(?, '-', ''))",
      [(recent[0] as Extract<Mutation, { kind: "order.create" }>).order.id],
    );

    const pulled = await getPull(t.app, device, { since: 0 });

    expect(pulled.body.orders.map((o: OrderSnapshot) => o.id)).toEqual([
      (recent[0] as Extract<Mutation, { kind: "order.create" }>).order.id,
    ]);
  });
});

describe("pageEnd", () => {
  it.each([
    { versions: [1, 2, 3, 4], limit: 3, end: 3 },
    { versions: [1, 2, 2, 2], limit: 3, end: 1 },
    { versions: [2, 2, 2, 2], limit: 3, end: 2 },
    { versions: [1, 1, 2, 3], limit: 2, end: 1 },
  ])("ends a page of $versions with limit $limit at version $end", ({ versions, limit, end }) => {
    expect(pageEnd(versions, limit)).toBe(end);
  });
});
