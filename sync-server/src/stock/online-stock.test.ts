/**
 * The stock rule for online orders: an online order takes its ingredients
 * when the counter accepts it (not when the customer sends it), once even if
 * the counter taps accept twice; a refused one takes nothing; the customer's
 * change settles the difference and their cancellation gives all back.
 */
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  aPizza,
  createOnlineWorld,
  pickupOrder,
  postOrder,
  type OnlineWorld,
} from "../online/online-fixtures.js";

let w: OnlineWorld;
beforeAll(async () => {
  w = await createOnlineWorld();
});
afterAll(() => w?.close());

async function answer(orderId: string, kind: "accept" | "refuse") {
  const response = await w.app.request(`/api/v1/devices/me/online-orders/${orderId}/${kind}`, {
    method: "POST",
    headers: { authorization: `Bearer ${w.counter.token}`, "content-type": "application/json" },
    body: JSON.stringify(kind === "refuse" ? { reason: "Plus de pâte" } : {}),
  });
  expect(response.status).toBe(200);
}

async function stockOf(ingredientId: string): Promise<number> {
  const [rows] = await w.t.pool.query(
    "SELECT l.initial_quantity + COALESCE((SELECT SUM(quantity) FROM stock_movements m " +
      "WHERE m.store_id = l.store_id AND m.ingredient_id = l.ingredient_id), 0) AS q " +
      "FROM stock_levels l WHERE l.store_id = 'bastille' AND l.ingredient_id = ?",
    [ingredientId],
  );
  return Number((rows as { q: string }[])[0].q);
}

describe("online orders and stock", () => {
  it("takes the ingredients on accept, once; follows a change; gives them back on cancel", async () => {
    const pizza = aPizza(w.menu);
    const [item] = w.menu.recipes.filter(
      (r) => r.productId === pizza.productId && r.size === pizza.size,
    );
    const delivered = await w.app.request("/api/v1/admin/stores/bastille/stock/deliveries", {
      method: "POST",
      headers: { authorization: `Bearer ${w.t.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        reference: randomUUID(),
        items: [{ ingredientId: item.ingredientId, quantity: 1000 }],
      }),
    });
    expect(delivered.status).toBe(201);

    const accepted = await postOrder(w, pickupOrder(w.menu, 2));
    const refused = await postOrder(w, pickupOrder(w.menu, 1));
    expect(accepted.status).toBe(201);
    expect(await stockOf(item.ingredientId)).toBe(1000);

    await answer(accepted.body.order.id, "accept");
    await answer(accepted.body.order.id, "accept");
    await answer(refused.body.order.id, "refuse");

    expect(await stockOf(item.ingredientId)).toBe(1000 - 2 * item.quantity);

    // The customer changes the accepted order to three pizzas, then cancels it.
    const path = `/api/v1/online-orders/${accepted.body.order.id}`;
    const token = `?token=${accepted.body.token}`;
    const changed = await w.app.request(`${path}${token}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        items: [{ productId: pizza.productId, size: pizza.size, quantity: 3 }],
        clientTotalCents: pizza.priceCents * 3,
      }),
    });
    expect(changed.status).toBe(200);
    expect(await stockOf(item.ingredientId)).toBe(1000 - 3 * item.quantity);

    const cancelled = await w.app.request(`${path}/cancel${token}`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    expect(await stockOf(item.ingredientId)).toBe(1000);
  });
});
