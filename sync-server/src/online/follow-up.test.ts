/**
 * After the order: slots and the kitchen's capacity, closed hours, the
 * customer's page (token), change and cancel until preparation starts, the
 * counter's accept and refuse, and a store nobody attends, through the real
 * app and MariaDB.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { OnlineOrderView, SlotsAnswer } from "@ocpizza/schema";

import { CLOSED_MORNING_MS, OPEN_EVENING_MS } from "../testing/store-settings-fixtures.js";
import { pairDevice, pushBody, statusMutation } from "../testing/fixtures.js";
import {
  aPizza,
  counterSeen,
  createOnlineWorld,
  orderRowCounts,
  pickupOrder,
  postOrder,
  type OnlineWorld,
} from "./online-fixtures.js";

let w: OnlineWorld;

beforeAll(async () => {
  w = await createOnlineWorld();
});
afterAll(async () => {
  await w?.close();
});
beforeEach(async () => {
  w.clock.nowMs = OPEN_EVENING_MS;
  await counterSeen(w, "bastille", OPEN_EVENING_MS - 60_000);
  await w.t.pool.query("UPDATE stores SET pizzas_per_quarter = 12");
});

async function call(method: string, path: string, json?: unknown, headers = {}) {
  const response = await w.app.request(path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function placeOrder(quantity = 1, slot?: string) {
  const body = pickupOrder(w.menu, quantity, slot ? { when: { slot } } : {});
  const { status, body: answer } = await postOrder(w, body);
  expect(status).toBe(201);
  return answer as { order: OnlineOrderView; token: string };
}

const asCounter = (token = w.counter.token) => ({ authorization: `Bearer ${token}` });

describe("the slots of a day", () => {
  it("are the quarter hours of the evening from the lead time on, with room left", async () => {
    const { status, body } = await call("GET", "/api/v1/stores/bastille/slots?date=2026-12-08");

    expect(status).toBe(200);
    const answer = body as SlotsAnswer;
    // 20:00 now: pickup from 20:20, so 20:30 to 22:45 (the kitchen is done at 23:00).
    expect(answer.slots[0]).toMatchObject({ time: "20:30", remaining: 12 });
    expect(answer.slots.at(-1)?.time).toBe("22:45");
    expect(answer.slots).toHaveLength(10);
  });

  it("are none on a closed day, and a date far ahead is refused", async () => {
    // The suburb stores do not open on Mondays.
    const monday = await call("GET", "/api/v1/stores/boulogne/slots?date=2026-12-14");
    const far = await call("GET", "/api/v1/stores/bastille/slots?date=2027-03-01");

    expect(monday.body.slots).toEqual([]);
    expect(far.status).toBe(400);
  });

  it("fill up: a quarter hour takes the store's pizzas and no more", async () => {
    await w.t.pool.query("UPDATE stores SET pizzas_per_quarter = 3 WHERE id = 'bastille'");
    const slot = "2026-12-08T20:00:00.000Z"; // 21:00 in Paris
    await placeOrder(2, slot);
    const before = await orderRowCounts(w);

    const { status, body } = await postOrder(w, pickupOrder(w.menu, 2, { when: { slot } }));
    const slots = (await call("GET", "/api/v1/stores/bastille/slots?date=2026-12-08")).body;

    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: "slot_full", remaining: 1 });
    expect(await orderRowCounts(w)).toEqual(before);
    expect(slots.slots.find((s: { time: string }) => s.time === "21:00").remaining).toBe(1);
  });

  it("move an order as soon as possible to the next quarter with room", async () => {
    await w.t.pool.query("UPDATE stores SET pizzas_per_quarter = 2 WHERE id = 'bastille'");
    w.clock.nowMs = OPEN_EVENING_MS + 60 * 60_000; // 21:00: first quarter 21:30 (20:30 UTC)
    await counterSeen(w, "bastille", w.clock.nowMs);
    await placeOrder(2, "2026-12-08T20:30:00.000Z");

    const { order } = await placeOrder(1);

    expect(order.promisedAt).toBe("2026-12-08T20:45:00.000Z");
  });
});

describe("a closed store", () => {
  it("takes no order as soon as possible", async () => {
    w.clock.nowMs = CLOSED_MORNING_MS;
    await counterSeen(w, "bastille", CLOSED_MORNING_MS);

    const { status, body } = await postOrder(w, pickupOrder(w.menu, 1));

    expect(status).toBe(422);
    expect(body.error.code).toBe("store_closed");
  });

  it("takes no order for a time it is closed, but one for its lunch", async () => {
    w.clock.nowMs = CLOSED_MORNING_MS;
    await counterSeen(w, "bastille", CLOSED_MORNING_MS);

    const closed = await postOrder(
      w,
      pickupOrder(w.menu, 1, { when: { slot: "2026-12-08T09:00:00Z" } }),
    );
    const lunch = await postOrder(
      w,
      pickupOrder(w.menu, 1, { when: { slot: "2026-12-08T11:00:00Z" } }),
    );

    expect(closed.status).toBe(422);
    expect(closed.body.error.code).toBe("store_closed");
    expect(lunch.status).toBe(201);
    expect(lunch.body.order.asap).toBe(false);
  });
});

describe("the customer's order page", () => {
  it("shows the order with the link's token, and nothing with another", async () => {
    const { order, token } = await placeOrder();

    const mine = await call("GET", `/api/v1/online-orders/${order.id}?token=${token}`);
    const wrong = await call("GET", `/api/v1/online-orders/${order.id}?token=${"x".repeat(32)}`);
    const none = await call("GET", `/api/v1/online-orders/${order.id}`);

    expect(mine.status).toBe(200);
    expect(mine.body.order).toMatchObject({ id: order.id, status: "received" });
    expect(wrong.status).toBe(404);
    expect(none.status).toBe(404);
  });

  it("follows the counter: accepted, then refused orders show their reason", async () => {
    const accepted = await placeOrder();
    const refused = await placeOrder();

    await call(
      "POST",
      `/api/v1/devices/me/online-orders/${accepted.order.id}/accept`,
      {},
      asCounter(),
    );
    await call(
      "POST",
      `/api/v1/devices/me/online-orders/${refused.order.id}/refuse`,
      { reason: "Plus de pâte ce soir" },
      asCounter(),
    );

    const a = await call(
      "GET",
      `/api/v1/online-orders/${accepted.order.id}?token=${accepted.token}`,
    );
    const r = await call("GET", `/api/v1/online-orders/${refused.order.id}?token=${refused.token}`);
    expect(a.body.order.status).toBe("accepted");
    expect(r.body.order).toMatchObject({ status: "refused", statusReason: "Plus de pâte ce soir" });
  });
});

describe("changing or cancelling", () => {
  it("changes the items before preparation, priced again", async () => {
    const { order, token } = await placeOrder(1);
    const pizza = aPizza(w.menu);

    const { status, body } = await call("PUT", `/api/v1/online-orders/${order.id}?token=${token}`, {
      items: [{ productId: pizza.productId, size: pizza.size, quantity: 3 }],
      clientTotalCents: pizza.priceCents * 3,
    });

    expect(status).toBe(200);
    expect(body.order).toMatchObject({ totalCents: pizza.priceCents * 3, status: "received" });
  });

  it("refuses a change whose total is not the server's", async () => {
    const { order, token } = await placeOrder(1);
    const pizza = aPizza(w.menu);

    const { status, body } = await call("PUT", `/api/v1/online-orders/${order.id}?token=${token}`, {
      items: [{ productId: pizza.productId, size: pizza.size, quantity: 3 }],
      clientTotalCents: pizza.priceCents,
    });

    expect(status).toBe(422);
    expect(body.error).toMatchObject({
      code: "total_mismatch",
      serverTotalCents: pizza.priceCents * 3,
    });
  });

  it("cancels an accepted order, once even when asked twice", async () => {
    const { order, token } = await placeOrder();
    await call("POST", `/api/v1/devices/me/online-orders/${order.id}/accept`, {}, asCounter());

    const first = await call("POST", `/api/v1/online-orders/${order.id}/cancel?token=${token}`);
    const second = await call("POST", `/api/v1/online-orders/${order.id}/cancel?token=${token}`);

    expect(first.status).toBe(200);
    expect(first.body.order).toMatchObject({ status: "cancelled", changeable: false });
    expect(second.status).toBe(200);
  });

  it("says clearly that an order in preparation can no longer change", async () => {
    const { order, token } = await placeOrder();
    await call("POST", `/api/v1/devices/me/online-orders/${order.id}/accept`, {}, asCounter());
    // The kitchen starts it through the counter's sync, as it would.
    const push = await w.app.request("/api/v1/sync/push", {
      method: "POST",
      headers: { "content-type": "application/json", ...asCounter() },
      body: JSON.stringify(pushBody(w.counter, [statusMutation(1, order.id, "preparing")])),
    });
    expect(push.status).toBe(200);

    const cancel = await call("POST", `/api/v1/online-orders/${order.id}/cancel?token=${token}`);
    const change = await call("PUT", `/api/v1/online-orders/${order.id}?token=${token}`, {
      clientTotalCents: order.totalCents,
    });

    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe("order_not_changeable");
    expect(cancel.body.error.message).toContain("preparation has started");
    expect(change.status).toBe(409);
  });
});

describe("the counter's answer", () => {
  it("is idempotent, records who accepted, and cannot turn into a refusal", async () => {
    const { order } = await placeOrder();
    const staffId = "01934b6e-0000-7000-8000-000000000001";
    const path = `/api/v1/devices/me/online-orders/${order.id}`;

    const first = await call("POST", `${path}/accept`, { staffId }, asCounter());
    const again = await call("POST", `${path}/accept`, { staffId }, asCounter());
    const refuse = await call("POST", `${path}/refuse`, { reason: "trop tard" }, asCounter());

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(refuse.status).toBe(409);
    const [rows] = await w.t.pool.query<any[]>(
      "SELECT HEX(status_by_staff_id) AS who FROM orders WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [order.id],
    );
    expect(rows[0].who.toLowerCase()).toBe(staffId.replace(/-/g, ""));
  });

  it("is only for the order's store, and a refusal needs a reason", async () => {
    const { order } = await placeOrder();
    const other = await pairDevice(w.t, "montmartre");

    const foreign = await call(
      "POST",
      `/api/v1/devices/me/online-orders/${order.id}/accept`,
      {},
      asCounter(other.token),
    );
    const noReason = await call(
      "POST",
      `/api/v1/devices/me/online-orders/${order.id}/refuse`,
      { reason: "  " },
      asCounter(),
    );

    expect(foreign.status).toBe(404);
    expect(noReason.status).toBe(400);
  });
});

describe("a store nobody attends", () => {
  it("takes no online order and says so on its page", async () => {
    await counterSeen(w, "bastille", OPEN_EVENING_MS - 11 * 60_000);
    const before = await orderRowCounts(w);

    const { status, body } = await postOrder(w, pickupOrder(w.menu, 1));
    const store = await call("GET", "/api/v1/stores/bastille");

    expect(status).toBe(503);
    expect(body.error.code).toBe("store_unattended");
    expect(await orderRowCounts(w)).toEqual(before);
    expect(store.body.onlineOrdering).toMatchObject({
      accepting: false,
      reason: "store_unattended",
    });
  });

  it("is attended again as soon as a counter pulls", async () => {
    await counterSeen(w, "bastille", OPEN_EVENING_MS - 11 * 60_000);

    const pull = await w.app.request("/api/v1/sync/pull?protocol=1&since=0", {
      headers: asCounter(),
    });
    const store = await call("GET", "/api/v1/stores/bastille");

    expect(pull.status).toBe(200);
    expect(store.body.onlineOrdering.accepting).toBe(true);
  });
});
