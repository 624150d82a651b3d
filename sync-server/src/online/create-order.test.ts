/**
 * POST /api/v1/online-orders through the real app and MariaDB: an order is
 * priced by the server, stored for the counters' pull with the store's
 * version bumped, and confirmed by email; a tampered total, an unknown
 * product, an absurd quantity or a hostile string is refused with nothing
 * written; a double submission, sequential or concurrent, makes one order.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { type OnlineOrderCreated, type PullResponse } from "@ocpizza/schema";

import type { SquareConfig } from "../payments/square/settings.js";
import { FAKE_PLACES } from "../testing/fake-google.js";
import {
  aPizza,
  counterSeen,
  createOnlineWorld,
  orderRowCounts,
  pickupOrder,
  postOrder,
  PUBLIC_URL,
  type OnlineWorld,
} from "./online-fixtures.js";
import { OPEN_EVENING_MS } from "../testing/store-settings-fixtures.js";

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
});

describe("a pickup order as soon as possible", () => {
  it("is priced by the server, stored as received for the counter, bumps the version", async () => {
    const before = await orderRowCounts(w);
    const body = pickupOrder(w.menu, 2);

    const { status, body: answer } = await postOrder(w, body);

    expect(status).toBe(201);
    const created = answer as OnlineOrderCreated;
    const pizza = aPizza(w.menu);
    expect(created.order).toMatchObject({
      storeId: "bastille",
      status: "received",
      fulfilment: "pickup",
      asap: true,
      totalCents: pizza.priceCents * 2,
      deliveryFeeCents: 0,
      paymentMethod: "on_handover",
      changeable: true,
    });
    // 20:00 plus 20 minutes of lead: the 20:30 quarter (19:30 UTC).
    expect(created.order.promisedAt).toBe("2026-12-08T19:30:00.000Z");
    expect(created.orderUrl).toBe(`${PUBLIC_URL}/order/${created.order.id}?token=${created.token}`);
    const [rows] = await w.t.pool.query<RowDataPacket[]>(
      "SELECT channel, status, device_id, total_cents, version FROM orders " +
        "WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [created.order.id],
    );
    expect(rows[0]).toMatchObject({ channel: "online", status: "pending", device_id: null });
    const after = await orderRowCounts(w);
    expect(after.bastilleVersion).toBe(before.bastilleVersion + 1);
    expect(Number(rows[0].version)).toBe(after.bastilleVersion);
  });

  it("reaches the counter of the store through its pull", async () => {
    const { body } = await postOrder(w, pickupOrder(w.menu, 1));

    const response = await w.app.request("/api/v1/sync/pull?protocol=1&since=0&menuVersion=0", {
      headers: { authorization: `Bearer ${w.counter.token}` },
    });

    expect(response.status).toBe(200);
    const pulled = (await response.json()) as PullResponse;
    const order = pulled.orders.find((o) => o.id === body.order.id);
    expect(order).toMatchObject({ channel: "online", status: "pending", deviceId: null });
    expect(order?.customer?.name).toBe("Camille Martin");
  });

  it("is confirmed by email in French, with the link to the order page", async () => {
    const body = pickupOrder(w.menu, 1);
    const { body: answer } = await postOrder(w, body);

    const mail = await w.smtp.waitForMail(body.customer.email);

    expect(mail.text).toContain("Bonjour Camille Martin");
    expect(mail.text).toContain(answer.orderUrl);
  });

  it("is confirmed in English for a customer who chose it", async () => {
    const body = pickupOrder(w.menu, 1);
    body.customer.language = "en";
    await postOrder(w, body);

    const mail = await w.smtp.waitForMail(body.customer.email);

    expect(mail.text).toContain("Hello Camille Martin");
    expect(mail.text).toContain("Total to pay on handover");
  });
});

describe("a total the server does not agree with", () => {
  it.each([
    ["one cent less", -1],
    ["one euro more", 100],
    ["zero", "zero"],
  ] as const)("%s is refused with the server's total, nothing written", async (_, change) => {
    const body = pickupOrder(w.menu, 2);
    const right = body.clientTotalCents;
    body.clientTotalCents = change === "zero" ? 0 : right + change;
    const before = await orderRowCounts(w);

    const { status, body: answer } = await postOrder(w, body);

    expect(status).toBe(422);
    expect(answer.error).toMatchObject({ code: "total_mismatch", serverTotalCents: right });
    expect(await orderRowCounts(w)).toEqual(before);
  });
});

describe("absurd or hostile input", () => {
  const pizza = () => aPizza(w.menu);
  const item = (changes: object) => ({
    ...pizza(),
    priceCents: undefined,
    quantity: 1,
    ...changes,
  });
  const cases: [string, (body: any) => void, string][] = [
    ["a unit price sent by the client", (b) => (b.items[0].unitPriceCents = 1), "items.0"],
    ["a zero quantity", (b) => (b.items[0].quantity = 0), "items.0.quantity"],
    ["a negative quantity", (b) => (b.items[0].quantity = -3), "items.0.quantity"],
    ["a fractional quantity", (b) => (b.items[0].quantity = 1.5), "items.0.quantity"],
    ["a huge quantity", (b) => (b.items[0].quantity = 1e9), "items.0.quantity"],
    ["a quantity as text", (b) => (b.items[0].quantity = "2"), "items.0.quantity"],
    ["an unknown product", (b) => (b.items[0].productId = "caviar_pizza"), "items.0.productId"],
    ["an unknown size", (b) => (b.items[0].size = "XXL"), "items.0.size"],
    [
      "an extra that is not offered",
      (b) => (b.items[0].options = [{ kind: "extra", ingredientId: "gold_leaf" }]),
      "items.0.options.0.ingredientId",
    ],
    ["500 lines", (b) => (b.items = Array.from({ length: 500 }, () => item({}))), "items"],
    ["no items", (b) => (b.items = []), "items"],
    ["a name of spaces", (b) => (b.customer.name = "   "), "customer.name"],
    ["a name with a control character", (b) => (b.customer.name = "Zoé\u0000"), "customer.name"],
    ["a name with a bidi override", (b) => (b.customer.name = "Zoé\u202Eevil"), "customer.name"],
    ["a lone surrogate", (b) => (b.customer.name = "Zo\uD800"), "customer.name"],
    ["a name of 10 000 characters", (b) => (b.customer.name = "é".repeat(10_000)), "customer.name"],
    ["a phone of letters", (b) => (b.customer.phone = "call me maybe"), "customer.phone"],
    ["a phone of three digits", (b) => (b.customer.phone = "112"), "customer.phone"],
    ["an email without @", (b) => (b.customer.email = "camille.example.test"), "customer.email"],
    [
      "an email with a newline",
      (b) => (b.customer.email = "a@b.test\nBcc: x@y.test"),
      "customer.email",
    ],
    ["a delivery without address", (b) => (b.fulfilment = "delivery"), "delivery"],
    ["a key that is not a UUID", (b) => (b.idempotencyKey = "abc"), "idempotencyKey"],
    ["a slot that is not a date", (b) => (b.when = { slot: "tonight" }), "when"],
    ["a negative total", (b) => (b.clientTotalCents = -100), "clientTotalCents"],
    ["an unknown field", (b) => (b.coupon = "FREE"), "body"],
  ];

  it.each(cases)("%s is a 400 naming the field, nothing written", async (_, breakIt, field) => {
    const body = pickupOrder(w.menu, 1);
    breakIt(body);
    const before = await orderRowCounts(w);

    const { status, body: answer } = await postOrder(w, body);

    expect(status).toBe(400);
    expect(answer.error.message).toContain(field === "body" ? "coupon" : field);
    expect(await orderRowCounts(w)).toEqual(before);
  });

  it("stores a decomposed name in its composed form", async () => {
    const body = pickupOrder(w.menu, 1);
    body.customer.name = "  Zoe\u0301 Ngô  ";

    const { status, body: answer } = await postOrder(w, body);

    expect(status).toBe(201);
    expect(answer.order.customer.name).toBe("Zo\u00e9 Ngô");
  });

  it("refuses card payment online when Square is not configured, naming why", async () => {
    const before = await orderRowCounts(w);

    const { status, body } = await postOrder(
      w,
      pickupOrder(w.menu, 1, { paymentMethod: "card_online" }),
    );

    expect(status).toBe(422);
    expect(body.error.code).toBe("payment_unavailable");
    expect(body.error.message).toContain("square_not_configured");
    expect(await orderRowCounts(w)).toEqual(before);
  });

  it("takes an order to be paid by card online when Square is configured", async () => {
    const square: SquareConfig = {
      enabled: true,
      settings: {
        accessToken: "test-token",
        environment: "sandbox",
        applicationId: "sandbox-sq0idb-test",
        locationIds: { bastille: "L-BASTILLE" },
        webhookSignatureKey: "test-signature-key",
        webhookUrl: "https://ocpizza.test/api/v1/webhooks/square",
        baseUrl: "http://127.0.0.1:9",
        simulated: true,
      },
    };
    const withCards = { app: w.t.makeApp({ now: () => w.clock.nowMs, square }) };
    const state = await withCards.app.request("/api/v1/stores/bastille");
    const details = (await state.json()) as { onlineOrdering: { cardOnline: unknown } };
    expect(details.onlineOrdering.cardOnline).toEqual({ available: true, reason: null });

    const { status, body } = await postOrder(
      withCards,
      pickupOrder(w.menu, 1, { paymentMethod: "card_online" }),
    );

    expect(status).toBe(201);
    const created = body as OnlineOrderCreated;
    expect(created.order).toMatchObject({ paymentMethod: "card_online", paidCents: 0 });
  });
});

describe("the store's menu of the day", () => {
  async function newMenuVersion(note: string) {
    await w.t.pool.query(
      "INSERT INTO menu_versions (created_at, note) VALUES (UTC_TIMESTAMP(3), ?)",
      [note],
    );
  }

  it("refuses a product the store has turned off, nothing written", async () => {
    const pizza = aPizza(w.menu);
    await w.t.pool.query(
      "INSERT INTO product_unavailability (product_id, store_id, since) VALUES (?, 'bastille', ?)",
      [pizza.productId, new Date(OPEN_EVENING_MS)],
    );
    await newMenuVersion("test: pizza off at bastille");
    const before = await orderRowCounts(w);
    try {
      const { status, body } = await postOrder(w, pickupOrder(w.menu, 1));

      expect(status).toBe(422);
      expect(body.error).toMatchObject({ code: "product_unavailable", field: "items.0" });
      expect(await orderRowCounts(w)).toEqual(before);
    } finally {
      await w.t.pool.query("DELETE FROM product_unavailability");
      await newMenuVersion("test: pizza back");
    }
  });

  it("applies a promotion in force, as the counter would", async () => {
    const pizza = aPizza(w.menu);
    const category = w.menu.products.find((p) => p.id === pizza.productId)!.categoryId;
    await w.t.pool.query(
      "INSERT INTO promotions (id, name_fr, name_en, kind, percent_bp, category_ids, starts_on, " +
        "ends_on, weekdays, active, created_at) VALUES ('half', 'Moitié', 'Half', " +
        "'percent_off', 5000, ?, '2026-12-01', '2026-12-31', '', true, UTC_TIMESTAMP(3))",
      [category],
    );
    await newMenuVersion("test: half price");
    try {
      const full = pickupOrder(w.menu, 2);
      const halfPrice = { ...pickupOrder(w.menu, 2), clientTotalCents: pizza.priceCents };

      const refused = await postOrder(w, full);
      const { status, body } = await postOrder(w, halfPrice);

      expect(refused.status).toBe(422);
      expect(refused.body.error.serverTotalCents).toBe(pizza.priceCents);
      expect(status).toBe(201);
      expect(body.order.totalCents).toBe(pizza.priceCents);
    } finally {
      await w.t.pool.query("DELETE FROM promotions");
      await newMenuVersion("test: promotion over");
    }
  });
});

describe("a delivery", () => {
  function deliveryOrder(address: string, quantity: number) {
    const body = pickupOrder(w.menu, quantity, {
      fulfilment: "delivery",
      delivery: { address, notes: "Code 1234B, 3e étage" },
    });
    body.clientTotalCents += 250;
    return body;
  }

  it("in the store's zone adds the store's fee as a line of the order", async () => {
    const body = deliveryOrder(FAKE_PLACES.nearBastille.address, 4);

    const { status, body: answer } = await postOrder(w, body);

    expect(status).toBe(201);
    expect(answer.order).toMatchObject({
      fulfilment: "delivery",
      deliveryFeeCents: 250,
      totalCents: body.clientTotalCents,
      delivery: { address: FAKE_PLACES.nearBastille.address, notes: "Code 1234B, 3e étage" },
    });
    const [lines] = await w.t.pool.query<RowDataPacket[]>(
      "SELECT SUM(total_cents) AS total FROM order_lines " +
        "WHERE order_id = UNHEX(REPLACE(?, '-', ''))",
      [answer.order.id],
    );
    expect(Number(lines[0].total)).toBe(body.clientTotalCents);
  });

  it.each([
    ["out of every zone", FAKE_PLACES.versailles.address, "out_of_zone"],
    ["in another store's zone", FAKE_PLACES.nearBoulogne.address, "out_of_zone"],
    ["unknown to Google", "42 rue qui n'existe pas, 75000 Nulle-Part", "out_of_zone"],
  ])("%s is refused, nothing written", async (_, address, code) => {
    const before = await orderRowCounts(w);

    const { status, body } = await postOrder(w, deliveryOrder(address, 4));

    expect(status).toBe(422);
    expect(body.error.code).toBe(code);
    expect(await orderRowCounts(w)).toEqual(before);
  });

  it("below the store's minimum is refused with the minimum", async () => {
    const { status, body } = await postOrder(w, deliveryOrder(FAKE_PLACES.nearBastille.address, 1));

    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: "below_minimum", minimumOrderCents: 1500 });
  });
});

describe("a double submission", () => {
  it("sent again after a lost answer gets the same order", async () => {
    const body = pickupOrder(w.menu, 1);
    const first = await postOrder(w, body);
    const before = await orderRowCounts(w);

    const again = await postOrder(w, body);

    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await orderRowCounts(w)).toEqual(before);
  });

  it("sent five times at once makes one order", async () => {
    const body = pickupOrder(w.menu, 1);
    const before = await orderRowCounts(w);

    const answers = await Promise.all(Array.from({ length: 5 }, () => postOrder(w, body)));

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.order.id)).size).toBe(1);
    const after = await orderRowCounts(w);
    expect(after.online_orders).toBe(before.online_orders + 1);
    expect(after.orders).toBe(before.orders + 1);
  });

  it("with the same key but another body is a conflict", async () => {
    const body = pickupOrder(w.menu, 1);
    const first = await postOrder(w, body);

    const other = await postOrder(w, {
      ...pickupOrder(w.menu, 2),
      idempotencyKey: body.idempotencyKey,
    });

    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({
      code: "idempotency_conflict",
      orderId: first.body.order.id,
    });
  });
});

describe("a signed-in customer", () => {
  it("finds the order among their own and in the export of their data", async () => {
    const { createCustomer, signIn } = await import("../testing/account-fixtures.js");
    const account = await createCustomer(w.t.db);
    const cookie = await signIn(w.app, account);
    const headers = { cookie, "x-requested-with": "ocpizza" };

    const { status, body } = await postOrder(w, pickupOrder(w.menu, 1), headers);
    const mine = await w.app.request("/api/v1/account/orders", { headers });
    const exported = await w.app.request("/api/v1/account/export", { headers });

    expect(status).toBe(201);
    const { orders } = (await mine.json()) as { orders: { id: string }[] };
    expect(orders.map((o) => o.id)).toEqual([body.order.id]);
    expect(exported.status).toBe(200);
    const data = (await exported.json()) as { orders: { id: string; channel: string }[] };
    expect(data.orders).toEqual([
      expect.objectContaining({ id: body.order.id, channel: "online" }),
    ]);
  });
});
