/**
 * The stock ledger on real MariaDB: stock = initial + the sum of movements;
 * two counters selling the last ingredients offline at the same time are
 * both recorded (never refused), the stock goes negative and a manager is
 * alerted once; a retried push counts a sale once; low stock alerts once per
 * crossing; a cancellation gives the ingredients back, a change of lines
 * settles the difference.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { MenuSnapshot, Mutation } from "@ocpizza/schema";

import {
  buildOrder,
  createMutation,
  pairDevice,
  postPush,
  pushBody,
  statusMutation,
} from "../testing/fixtures.js";
import { useSyncWorld, type SyncWorld } from "../testing/sync-world.js";

let w: SyncWorld;
const { push, query } = useSyncWorld((world) => (w = world));

/** Each test takes the next store (emptied of stock and alerts), so figures never mix. */
let nextStore = 0;
async function freshStore(): Promise<string> {
  const rows = await query("SELECT id FROM stores ORDER BY id");
  const ids = rows.map((row) => row.id as string);
  const storeId = ids[nextStore++ % ids.length];
  await query("DELETE FROM stock_levels WHERE store_id = ?", [storeId]);
  await query("DELETE FROM stock_movements WHERE store_id = ?", [storeId]);
  await query("DELETE FROM alerts WHERE store_id = ?", [storeId]);
  return storeId;
}

function recipeOf(menu: MenuSnapshot, productId: string, size: string) {
  return menu.recipes.filter((r) => r.productId === productId && r.size === size);
}

async function admin(method: string, path: string, body?: unknown) {
  const response = await w.t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${w.t.adminToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function deliver(storeId: string, items: { ingredientId: string; quantity: number }[]) {
  const answer = await admin("POST", `/api/v1/admin/stores/${storeId}/stock/deliveries`, {
    reference: randomUUID(),
    items,
  });
  expect(answer.status).toBe(201);
  return answer.body;
}

/** Ingredient -> quantity on hand, as the device endpoint tells it. */
async function deviceStock(token: string): Promise<Map<string, number>> {
  const response = await w.t.app.request("/api/v1/devices/me/stock", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { stock: { ingredientId: string; quantity: number }[] };
  return new Map(body.stock.map((s) => [s.ingredientId, s.quantity]));
}

/** initial + SUM(movements), straight from the tables. */
async function ledger(storeId: string, ingredientId: string): Promise<number> {
  const [row] = await query(
    "SELECT l.initial_quantity + COALESCE((SELECT SUM(m.quantity) FROM stock_movements m " +
      "WHERE m.store_id = l.store_id AND m.ingredient_id = l.ingredient_id), 0) AS q " +
      "FROM stock_levels l WHERE l.store_id = ? AND l.ingredient_id = ?",
    [storeId, ingredientId],
  );
  return Number(row.q);
}

async function alertsOf(storeId: string, kind: string) {
  return query("SELECT message FROM alerts WHERE store_id = ? AND kind = ? ORDER BY id", [
    storeId,
    kind,
  ]);
}

function sale(seq: number, productId = "hawaiian", size = "M", quantity = 1): Mutation {
  return createMutation(seq, buildOrder(w.menu, [{ productId, size, quantity }]));
}

describe("stock ledger", () => {
  it("records two counters selling the last pizza offline at once: one alert", async () => {
    const storeId = await freshStore();
    const recipe = recipeOf(w.menu, "hawaiian", "M");
    expect(recipe.length).toBeGreaterThan(1);
    await deliver(
      storeId,
      recipe.map((r) => ({ ingredientId: r.ingredientId, quantity: r.quantity })),
    );
    const a = await pairDevice(w.t, storeId, "Comptoir A");
    const b = await pairDevice(w.t, storeId, "Comptoir B");
    const before = await deviceStock(a.token);

    // Both were offline and sold the last one; they come back at the same moment.
    const [fromA, fromB] = await Promise.all([
      postPush(w.t.app, a, pushBody(a, [sale(1)])),
      postPush(w.t.app, b, pushBody(b, [sale(1)])),
    ]);

    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    expect(fromA.body.results[0].outcome).toBe("applied");
    expect(fromB.body.results[0].outcome).toBe("applied");
    const after = await deviceStock(b.token);
    for (const item of recipe) {
      expect(before.get(item.ingredientId)).toBe(item.quantity);
      expect(after.get(item.ingredientId)).toBe(-item.quantity);
      expect(await ledger(storeId, item.ingredientId)).toBe(-item.quantity);
    }
    const oversold = await alertsOf(storeId, "stock_oversold");
    expect(oversold).toHaveLength(1);
    expect(oversold[0].message).toContain(recipe[0].ingredientId);
  });

  it("alerts an oversell once, not again for every sale while the stock stays short", async () => {
    const storeId = await freshStore();
    const recipe = recipeOf(w.menu, "hawaiian", "M");
    await deliver(
      storeId,
      recipe.map((r) => ({ ingredientId: r.ingredientId, quantity: r.quantity })),
    );
    const device = await pairDevice(w.t, storeId);

    // The last one, then four more sold on a busy evening before anyone counts the shelves.
    await push(device, [sale(1)]);
    await push(device, [sale(2), sale(3)]);
    await push(device, [sale(4)]);
    await push(device, [sale(5)]);

    for (const item of recipe) {
      expect(await ledger(storeId, item.ingredientId)).toBe(-4 * item.quantity);
    }
    expect(await alertsOf(storeId, "stock_oversold")).toHaveLength(1);

    // A delivery puts it back above zero: the next oversell is a new episode.
    await deliver(
      storeId,
      recipe.map((r) => ({ ingredientId: r.ingredientId, quantity: 4 * r.quantity })),
    );
    await push(device, [sale(6)]);
    expect(await alertsOf(storeId, "stock_oversold")).toHaveLength(2);
  });

  it("counts a sale once when its push is retried or resent under a new seq", async () => {
    const storeId = await freshStore();
    const recipe = recipeOf(w.menu, "hawaiian", "M");
    await deliver(storeId, [{ ingredientId: recipe[0].ingredientId, quantity: 1000 }]);
    const device = await pairDevice(w.t, storeId);
    const first = sale(1);
    const body = pushBody(device, [first]);

    await postPush(w.t.app, device, body);
    await postPush(w.t.app, device, body);
    const resent = await push(device, [{ ...first, seq: 2 }]);

    expect(resent.results[0].outcome).toBe("duplicate");
    const rows = await query(
      "SELECT COUNT(*) AS n FROM stock_movements WHERE store_id = ? AND kind = 'sale'",
      [storeId],
    );
    expect(Number(rows[0].n)).toBe(recipe.length);
    expect(await ledger(storeId, recipe[0].ingredientId)).toBe(1000 - recipe[0].quantity);
  });

  it("gives the ingredients back on a cancel and settles a change of lines", async () => {
    const storeId = await freshStore();
    const [item] = recipeOf(w.menu, "hawaiian", "M");
    await deliver(storeId, [{ ingredientId: item.ingredientId, quantity: 1000 }]);
    const device = await pairDevice(w.t, storeId);
    const first = sale(1, "hawaiian", "M", 2);
    const orderId = (first as Extract<Mutation, { kind: "order.create" }>).order.id;
    await push(device, [first]);
    expect(await ledger(storeId, item.ingredientId)).toBe(1000 - 2 * item.quantity);

    const changed = buildOrder(w.menu, [{ productId: "hawaiian", size: "M", quantity: 3 }]);
    await push(device, [
      {
        seq: 2,
        atMs: Date.now(),
        kind: "order.update",
        orderId,
        lines: changed.lines,
        totalCents: changed.totalCents,
      },
    ]);
    expect(await ledger(storeId, item.ingredientId)).toBe(1000 - 3 * item.quantity);

    await push(device, [statusMutation(3, orderId, "cancelled")]);
    expect(await ledger(storeId, item.ingredientId)).toBe(1000);
    const kinds = await query(
      "SELECT kind, SUM(quantity) AS q FROM stock_movements WHERE order_id = " +
        "UNHEX(REPLACE(?, '-', '')) AND ingredient_id = ? GROUP BY kind ORDER BY kind",
      [orderId, item.ingredientId],
    );
    expect(kinds.map((k) => [k.kind, Number(k.q)])).toEqual([
      ["cancel_return", 3 * item.quantity],
      ["sale", -2 * item.quantity],
      ["sale_change", -item.quantity],
    ]);
  });

  it("raises a low-stock alert once per crossing of the threshold", async () => {
    const storeId = await freshStore();
    const [item] = recipeOf(w.menu, "hawaiian", "M");
    const threshold = admin(
      "PUT",
      `/api/v1/admin/stores/${storeId}/stock/${item.ingredientId}/threshold`,
      { lowThreshold: 3 * item.quantity },
    );
    expect((await threshold).status).toBe(200);
    await deliver(storeId, [{ ingredientId: item.ingredientId, quantity: 4 * item.quantity }]);
    const device = await pairDevice(w.t, storeId);

    await push(device, [sale(1), sale(2)]);
    await push(device, [sale(3)]);
    expect(await alertsOf(storeId, "stock_low")).toHaveLength(1);

    await deliver(storeId, [{ ingredientId: item.ingredientId, quantity: 10 * item.quantity }]);
    await push(device, [sale(4)]);
    expect(await alertsOf(storeId, "stock_low")).toHaveLength(1);
    await push(device, [sale(5, "hawaiian", "M", 9)]);
    expect(await alertsOf(storeId, "stock_low")).toHaveLength(2);
  });

  it("records a count as the difference to the ledger, and waste as a loss", async () => {
    const storeId = await freshStore();
    const [item] = recipeOf(w.menu, "hawaiian", "M");
    await deliver(storeId, [{ ingredientId: item.ingredientId, quantity: 500 }]);
    const count = await admin("POST", `/api/v1/admin/stores/${storeId}/stock/counts`, {
      reference: randomUUID(),
      items: [{ ingredientId: item.ingredientId, quantity: 420 }],
    });
    const waste = await admin("POST", `/api/v1/admin/stores/${storeId}/stock/waste`, {
      reference: randomUUID(),
      items: [{ ingredientId: item.ingredientId, quantity: 20 }],
      note: "dropped",
    });

    expect(count.status).toBe(201);
    expect(waste.status).toBe(201);
    expect(await ledger(storeId, item.ingredientId)).toBe(400);
    const row = waste.body.stock.find((s: any) => s.ingredientId === item.ingredientId);
    expect(row.quantity).toBe(400);
  });

  it("shows a size sold out on the store's online menu once its stock allows none", async () => {
    const storeId = await freshStore();
    const recipe = recipeOf(w.menu, "hawaiian", "M");
    await deliver(
      storeId,
      recipe.map((r) => ({ ingredientId: r.ingredientId, quantity: r.quantity })),
    );
    const soldOut = async () => {
      const response = await w.t.app.request(`/api/v1/menu?storeId=${storeId}`);
      const body = (await response.json()) as { soldOut: { productId: string; size: string }[] };
      return body.soldOut.filter((s) => s.productId === "hawaiian").map((s) => s.size);
    };
    expect(await soldOut()).not.toContain("M");

    await push(await pairDevice(w.t, storeId), [sale(1)]);

    expect(await soldOut()).toContain("M");
  });

  it("counts an entry retried with the same reference once", async () => {
    const storeId = await freshStore();
    const [item] = recipeOf(w.menu, "hawaiian", "M");
    const entry = {
      reference: randomUUID(),
      items: [{ ingredientId: item.ingredientId, quantity: 250 }],
    };
    const path = `/api/v1/admin/stores/${storeId}/stock/deliveries`;
    await admin("POST", path, entry);
    await admin("POST", path, entry);
    expect(await ledger(storeId, item.ingredientId)).toBe(250);
  });
});
