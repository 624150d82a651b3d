/**
 * Hostile test of online ordering: what a delivery order does to the sales
 * figures, the last room of a quarter hour taken by orders at once, one key
 * sent at once with two bodies, the last minutes before closing, and hostile
 * sizes of text, through the real app and MariaDB.
 */
import { randomUUID } from "node:crypto";

import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { SalesDashboard } from "@ocpizza/schema";

import { FAKE_PLACES } from "../testing/fake-google.js";
import { pushBody, statusMutation } from "../testing/fixtures.js";
import { OPEN_EVENING_MS } from "../testing/store-settings-fixtures.js";
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
  await counterSeen(w, "bastille", w.clock.nowMs - 60_000);
});

/** The counter accepts an online order: from then on it is a sale in the figures. */
async function accept(orderId: string): Promise<void> {
  const response = await w.app.request(`/api/v1/devices/me/online-orders/${orderId}/accept`, {
    method: "POST",
    headers: { authorization: `Bearer ${w.counter.token}`, "content-type": "application/json" },
    body: "{}",
  });
  expect(response.status).toBe(200);
}

async function dashboard(day: string): Promise<SalesDashboard> {
  const response = await w.app.request(
    `/api/v1/reports/dashboard?from=${day}&to=${day}&storeId=bastille`,
    { headers: { authorization: `Bearer ${w.t.adminToken}` } },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as SalesDashboard;
}

describe("a delivery order in the sales figures", () => {
  it("counts pizzas as items, not the delivery fee, in every breakdown", async () => {
    const body = pickupOrder(w.menu, 3, {
      fulfilment: "delivery",
      delivery: { address: FAKE_PLACES.nearBastille.address, notes: "" },
    });
    body.clientTotalCents += 250;
    const { status, body: created } = await postOrder(w, body);
    expect(status).toBe(201);
    await accept(created.order.id);

    const report = await dashboard("2026-12-08");
    const [rows] = await w.t.pool.query<RowDataPacket[]>(
      "SELECT COALESCE(SUM(l.quantity), 0) AS n FROM order_lines l " +
        "JOIN orders o ON o.id = l.order_id " +
        "WHERE o.store_id = 'bastille' AND l.product_id <> 'delivery_fee' " +
        "AND o.status NOT IN ('cancelled', 'refused') AND o.training = 0",
    );
    expect(report.totals.items).toBe(Number(rows[0].n));
    for (const breakdown of [report.byProduct, report.bySize, report.byCategory]) {
      expect(breakdown.reduce((n, r) => n + r.items, 0)).toBe(report.totals.items);
      expect(breakdown.reduce((n, r) => n + r.salesCents, 0)).toBe(report.totals.salesCents);
    }
  });
});

describe("orders at once", () => {
  it("fill the last room of a quarter hour up to the kitchen's capacity, no more", async () => {
    const slots = await w.app.request(
      "/api/v1/stores/bastille/slots?date=2026-12-08&fulfilment=pickup",
    );
    const list = (await slots.json()) as { slots: { startsAt: string; remaining: number }[] };
    const slot = list.slots.at(-2)!;
    expect(slot.remaining).toBeGreaterThan(3);
    const pizza = aPizza(w.menu);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        postOrder(w, {
          ...pickupOrder(w.menu, 3),
          when: { slot: slot.startsAt },
          clientTotalCents: pizza.priceCents * 3,
        }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 201).length;
    expect(accepted).toBe(Math.floor(slot.remaining / 3));
    for (const a of answers.filter((a) => a.status !== 201)) {
      expect(a.body.error.code).toBe("slot_full");
    }
  });

  it("one key with two bodies at once makes one order and one conflict", async () => {
    const first = pickupOrder(w.menu, 1);
    const second = { ...pickupOrder(w.menu, 2), idempotencyKey: first.idempotencyKey };
    const before = await orderRowCounts(w);
    const answers = await Promise.all([postOrder(w, first), postOrder(w, second)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const after = await orderRowCounts(w);
    expect(after.orders).toBe(before.orders + 1);
  });
});

describe("hostile text", () => {
  it("a body of a megabyte is refused before it is read, nothing written", async () => {
    const body = pickupOrder(w.menu, 1, { fulfilment: "delivery" });
    body.delivery = { address: FAKE_PLACES.nearBastille.address, notes: "n".repeat(1_000_000) };
    const before = await orderRowCounts(w);
    const { status } = await postOrder(w, body);
    expect(status).toBe(413);
    expect(await orderRowCounts(w)).toEqual(before);
  });

  it.each([
    ["customer.name", (b: any) => (b.customer.name = "x".repeat(5_000))],
    ["customer.phone", (b: any) => (b.customer.phone = "1".repeat(5_000))],
    ["customer.email", (b: any) => (b.customer.email = `${"a".repeat(5_000)}@example.test`)],
    ["delivery", (b: any) => (b.delivery = { address: "y".repeat(5_000), notes: "" })],
    ["delivery", (b: any) => (b.delivery = { address: "1 rue X", notes: "z".repeat(5_000) })],
  ])("a long %s is a 400 naming it, nothing written", async (field, change) => {
    const body = pickupOrder(w.menu, 1, { fulfilment: "delivery" });
    body.delivery = { address: FAKE_PLACES.nearBastille.address, notes: "" };
    change(body);
    const before = await orderRowCounts(w);
    const { status, body: answer } = await postOrder(w, body);
    expect(status).toBe(400);
    expect(JSON.stringify(answer.error)).toContain(field);
    expect(await orderRowCounts(w)).toEqual(before);
  });
});

describe("the last minutes before closing", () => {
  it("ASAP five minutes before closing says the store closes, not that the kitchen is full", async () => {
    // bastille closes at 23:00 Paris (22:00 UTC) on a Tuesday
    w.clock.nowMs = Date.parse("2026-12-08T21:55:00Z");
    await counterSeen(w, "bastille", w.clock.nowMs - 60_000);
    const { status, body } = await postOrder(w, pickupOrder(w.menu, 1));
    expect(status).toBe(422);
    expect(body.error.code).toBe("store_closed");
  });
});

describe("the customer and the counter at the same moment", () => {
  async function stockOf(ingredientId: string): Promise<number> {
    const [rows] = await w.t.pool.query<RowDataPacket[]>(
      "SELECT l.initial_quantity + COALESCE((SELECT SUM(quantity) FROM stock_movements m " +
        "WHERE m.store_id = l.store_id AND m.ingredient_id = l.ingredient_id), 0) AS q " +
        "FROM stock_levels l WHERE l.store_id = 'bastille' AND l.ingredient_id = ?",
      [ingredientId],
    );
    return Number(rows[0].q);
  }

  it("cancel racing accept: the stock keeps only what stayed accepted, each once", async () => {
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
    const start = await stockOf(item.ingredientId);
    const created = [];
    for (let i = 0; i < 6; i++) {
      const { status, body } = await postOrder(w, { ...pickupOrder(w.menu, 1), when: "asap" });
      expect(status).toBe(201);
      created.push(body);
    }
    await Promise.all(
      created.flatMap((c) => [
        w.app.request(`/api/v1/devices/me/online-orders/${c.order.id}/accept`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${w.counter.token}`,
            "content-type": "application/json",
          },
          body: "{}",
        }),
        w.app.request(`/api/v1/online-orders/${c.order.id}/cancel?token=${c.token}`, {
          method: "POST",
        }),
      ]),
    );
    const [rows] = await w.t.pool.query<RowDataPacket[]>(
      "SELECT status FROM orders WHERE id IN (" +
        created.map(() => "UNHEX(REPLACE(?, '-', ''))").join(",") +
        ")",
      created.map((c) => c.order.id),
    );
    const stillAccepted = rows.filter((r) => r.status === "accepted").length;
    expect(rows.every((r) => ["accepted", "cancelled"].includes(r.status))).toBe(true);
    expect(await stockOf(item.ingredientId)).toBe(start - stillAccepted * item.quantity);
  });
});

describe("the dashboard's CSV with hostile product names", () => {
  /** RFC 4180 with ";" as a spreadsheet reads it: quoted fields, "" for a quote. */
  function parse(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
        else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"' && cell === "") quoted = true;
      else if (ch === ";") (row.push(cell), (cell = ""));
      else if (ch === "\r" && text[i + 1] === "\n") {
        (row.push(cell), rows.push(row), (row = []), (cell = ""), i++);
      } else cell += ch;
    }
    return rows;
  }

  it("quotes separators and quotes, keeps accents, never starts a cell with a formula", async () => {
    const names = [
      '=HYPERLINK("http://evil.test";"clic")',
      'Reine; "spéciale", crème',
      "+33 extra",
      "@SUM(A1)",
    ];
    const products = w.menu.products
      .filter((p) => w.menu.categories.find((c) => c.id === p.categoryId)?.kind === "pizza")
      .slice(0, names.length);
    for (const [i, product] of products.entries()) {
      const response = await w.app.request(`/api/v1/admin/menu/products/${product.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${w.t.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ nameFr: names[i] }),
      });
      expect(response.status).toBe(200);
      const size = product.sizes[0];
      const menuNow = await (await w.app.request("/api/v1/menu?storeId=bastille")).json();
      const { status, body: created } = await postOrder(w, {
        ...pickupOrder(menuNow, 1),
        items: [{ productId: product.id, size: size.size, quantity: 1, options: [] }],
        clientTotalCents: size.priceCents,
      });
      expect(status).toBe(201);
      await accept(created.order.id);
    }
    const response = await w.app.request(
      "/api/v1/reports/dashboard?from=2026-12-08&to=2026-12-08&storeId=bastille" +
        "&format=csv&section=product",
      { headers: { authorization: `Bearer ${w.t.adminToken}` } },
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder().decode(bytes));
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([9]));
    const byKey = new Map(rows.filter((r) => r[0] === "product").map((r) => [r[1], r[2]]));
    for (const [i, product] of products.entries()) {
      const label = byKey.get(product.id)!;
      expect(label.replace(/^'/, "")).toBe(names[i]);
      expect(label).not.toMatch(/^[=+\-@]/);
    }
  });
});

describe("the dashboard follows what happens to an online order", () => {
  it("counts it once accepted, not while waiting, nor once refused or cancelled", async () => {
    const start = await dashboard("2026-12-08");
    const refused = await postOrder(w, pickupOrder(w.menu, 1));
    const cancelled = await postOrder(w, pickupOrder(w.menu, 2));
    const price = aPizza(w.menu).priceCents;
    const waiting = await dashboard("2026-12-08");
    expect(waiting.totals.salesCents).toBe(start.totals.salesCents);
    await accept(cancelled.body.order.id);
    const counted = await dashboard("2026-12-08");
    expect(counted.totals.salesCents).toBe(start.totals.salesCents + 2 * price);

    const answer = await w.app.request(
      `/api/v1/devices/me/online-orders/${refused.body.order.id}/refuse`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${w.counter.token}`, "content-type": "application/json" },
        body: JSON.stringify({ reason: "Plus de pâte" }),
      },
    );
    expect(answer.status).toBe(200);
    const cancel = await w.app.request(
      `/api/v1/online-orders/${cancelled.body.order.id}/cancel?token=${cancelled.body.token}`,
      { method: "POST" },
    );
    expect(cancel.status).toBe(200);
    const after = await dashboard("2026-12-08");
    expect(after.totals.salesCents).toBe(start.totals.salesCents);
    expect(after.totals.orders).toBe(start.totals.orders);
  });
});

describe("the kitchen starting an order while the customer cancels it", () => {
  it("ends either cancelled (cancel 200) or in preparation (cancel 409), never both", async () => {
    const outcomes: string[] = [];
    let pushedSeq = 0; // the only pushes of this file
    for (let i = 0; i < 6; i++) {
      const { body: created } = await postOrder(w, pickupOrder(w.menu, 1));
      const id = created.order.id;
      const accept = await w.app.request(`/api/v1/devices/me/online-orders/${id}/accept`, {
        method: "POST",
        headers: { authorization: `Bearer ${w.counter.token}`, "content-type": "application/json" },
        body: "{}",
      });
      expect(accept.status, await accept.clone().text()).toBe(200);
      const [push, cancel] = await Promise.all([
        w.app.request("/api/v1/sync/push", {
          method: "POST",
          headers: {
            authorization: `Bearer ${w.counter.token}`,
            "content-type": "application/json",
          },
          body: JSON.stringify(pushBody(w.counter, [statusMutation(++pushedSeq, id, "preparing")])),
        }),
        w.app.request(`/api/v1/online-orders/${id}/cancel?token=${created.token}`, {
          method: "POST",
        }),
      ]);
      expect(push.status, await push.clone().text()).toBe(200);
      const [rows] = await w.t.pool.query<RowDataPacket[]>(
        "SELECT status FROM orders WHERE id = UNHEX(REPLACE(?, '-', ''))",
        [id],
      );
      const status = rows[0].status;
      outcomes.push(`${cancel.status}:${status}`);
      if (cancel.status === 200) expect(status).toBe("cancelled");
      else {
        expect(cancel.status).toBe(409);
        expect(status).toBe("preparing");
      }
    }
    expect(outcomes.length).toBe(6);
  });
});

describe("slots at the edges of the opening hours", () => {
  async function slotsOf(date: string): Promise<string[]> {
    const response = await w.app.request(
      `/api/v1/stores/bastille/slots?date=${date}&fulfilment=pickup`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { slots: { startsAt: string }[] };
    return body.slots.map((s) => s.startsAt);
  }

  it("ends a quarter before closing, and a late Saturday runs past midnight", async () => {
    // Tuesday: 18:00-23:00 Paris (UTC+1), so the last quarter is 22:45.
    const tuesday = await slotsOf("2026-12-08");
    expect(tuesday.at(-1)).toBe("2026-12-08T21:45:00.000Z");
    const late = await postOrder(w, {
      ...pickupOrder(w.menu, 1),
      when: { slot: "2026-12-08T22:00:00.000Z" },
    });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("store_closed");
    const last = await postOrder(w, { ...pickupOrder(w.menu, 1), when: { slot: tuesday.at(-1)! } });
    expect(last.status).toBe(201);

    // Saturday: 18:00-00:30, the quarter of 00:15 on Sunday belongs to Saturday.
    const saturday = await slotsOf("2026-12-12");
    expect(saturday.at(-1)).toBe("2026-12-12T23:15:00.000Z");
    const sunday = await slotsOf("2026-12-13");
    expect(sunday).not.toContain("2026-12-12T23:15:00.000Z");
    const night = await postOrder(w, {
      ...pickupOrder(w.menu, 1),
      when: { slot: saturday.at(-1)! },
    });
    expect(night.status).toBe(201);
  });
});
