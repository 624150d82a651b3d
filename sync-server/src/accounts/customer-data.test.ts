/**
 * A customer's export and erasure against the real database: the export holds
 * their own profile and orders and nothing of another customer; erasure keeps
 * every amount of the sales records, removes who they were for, ends the
 * sessions and makes the email unknown to sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";

import { newId } from "@ocpizza/schema";
import { orderLines, orders, passwordResets, payments } from "@ocpizza/schema/db";

import {
  authRequest,
  createCustomer,
  GOOD_PASSWORD,
  signIn,
  type TestAccount,
} from "../testing/account-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import type { Database } from "../db/connection.js";
import type { CustomerExport } from "./customer-data.js";
import { ERASED_NAME } from "./erasure.js";

let t: TestDatabase;
let lou: TestAccount;
let max: TestAccount;
const louOrders: string[] = [];
let maxOrder: string;

/** An online order of the customer with two lines and a card payment, as ordering will write it. */
async function customerOrder(
  db: Database,
  customerId: string | null,
  storeId: string,
  who: { name: string; phone: string; address: string },
): Promise<string> {
  const id = newId();
  const now = new Date();
  await db.insert(orders).values({
    id,
    storeId,
    channel: "online",
    serviceMode: "delivery",
    status: "delivered",
    businessDay: "2026-12-01",
    createdAt: now,
    updatedAt: now,
    callNumber: 12,
    menuVersion: 1,
    totalCents: 2850,
    paidCents: 2850,
    itemCount: 2,
    lineCount: 2,
    customerId,
    customerName: who.name,
    customerPhone: who.phone,
    deliveryAddress: who.address,
    deliveryNotes: `Code 1234, ${who.name}`,
    version: 1,
  });
  for (const [lineNo, totalCents] of [
    [1, 1600],
    [2, 1250],
  ]) {
    await db.insert(orderLines).values({
      id: newId(),
      orderId: id,
      storeId,
      businessDay: "2026-12-01",
      lineNo,
      productId: "hawaiian",
      size: "M",
      name: "The Hawaiian Pizza",
      categoryId: "classic",
      quantity: 1,
      unitPriceCents: totalCents,
      totalCents,
      vatRateBp: 550,
      options: "[]",
    });
  }
  await db.insert(payments).values({
    id: newId(),
    orderId: id,
    storeId,
    businessDay: "2026-12-01",
    method: "card",
    amountCents: 2850,
    createdAt: now,
  });
  return id;
}

const LOU = { name: "Lou Bernard", phone: "+33 6 12 34 56 78", address: "3 rue de Lappe" };
const MAX = { name: "Max Durand", phone: "+33 7 00 00 00 01", address: "9 quai de Jemmapes" };

beforeAll(async () => {
  t = await createTestDatabase();
  lou = await createCustomer(t.db, { email: "lou@example.test" });
  max = await createCustomer(t.db, { email: "max@example.test" });
  louOrders.push(await customerOrder(t.db, lou.id, "bastille", LOU));
  louOrders.push(await customerOrder(t.db, lou.id, "montmartre", LOU));
  maxOrder = await customerOrder(t.db, max.id, "bastille", MAX);
});
afterAll(() => t?.drop());

async function sums(): Promise<Record<string, number>> {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    `SELECT (SELECT COUNT(*) FROM orders) AS orders,
            (SELECT SUM(total_cents) FROM orders) AS orderCents,
            (SELECT SUM(paid_cents) FROM orders) AS paidCents,
            (SELECT COUNT(*) FROM order_lines) AS lineRows,
            (SELECT SUM(total_cents) FROM order_lines) AS lineCents,
            (SELECT COUNT(*) FROM payments) AS payments,
            (SELECT SUM(amount_cents) FROM payments) AS paymentCents,
            (SELECT COUNT(*) FROM journal_entries) AS journal`,
  );
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

describe("GET /api/v1/account/export", () => {
  it("downloads the customer's own profile and orders, nothing of another's", async () => {
    const cookie = await signIn(t.app, lou);

    const response = await authRequest(t.app, "GET", "/api/v1/account/export", { cookie });
    const text = await response.text();
    const data = JSON.parse(text) as CustomerExport;

    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="ocpizza-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(data.profile).toMatchObject({ id: lou.id, email: "lou@example.test", phone: LOU.phone });
    expect(data.orders.map((o) => o.id).sort()).toEqual([...louOrders].sort());
    expect(data.orders[0].lines).toHaveLength(2);
    expect(data.orders[0].payments).toEqual([
      expect.objectContaining({ method: "card", amountCents: 2850 }),
    ]);
    expect(data.sessions.length).toBeGreaterThan(0);
    for (const foreign of [max.id, maxOrder, "max@example.test", MAX.name, MAX.phone]) {
      expect(text).not.toContain(foreign);
    }
    expect(text).not.toMatch(/password|argon2|token/i);
  });
});

describe("POST /api/v1/account/erase", () => {
  it("refuses a wrong password and changes nothing", async () => {
    const cookie = await signIn(t.app, max);
    const before = await sums();

    const response = await authRequest(t.app, "POST", "/api/v1/account/erase", {
      cookie,
      json: { password: "not my password at all" },
    });

    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_credentials");
    expect(await sums()).toEqual(before);
    expect((await authRequest(t.app, "GET", "/api/v1/auth/me", { cookie })).status).toBe(200);
  });

  it("keeps every amount, strips who the orders were for, and closes the account", async () => {
    const cookie = await signIn(t.app, lou);
    const otherSession = await signIn(t.app, lou);
    await t.db.insert(passwordResets).values({
      tokenHash: "a".repeat(64),
      subjectKind: "customer",
      subjectId: lou.id,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const before = await sums();
    const [versions] = await t.pool.query<RowDataPacket[]>("SELECT id, version FROM stores");

    const response = await authRequest(t.app, "POST", "/api/v1/account/erase", {
      cookie,
      json: { password: GOOD_PASSWORD },
    });

    expect(response.status).toBe(200);
    expect((await response.json()).ordersAnonymised).toBe(2);
    expect(response.headers.getSetCookie().join()).toMatch(/ocp_session=;/);
    expect(await sums()).toEqual(before);
    const elsewhere = await authRequest(t.app, "GET", "/api/v1/auth/me", { cookie: otherSession });
    expect(elsewhere.status).toBe(401);

    const [stripped] = await t.pool.query<RowDataPacket[]>(
      `SELECT customer_id, customer_name, customer_phone, delivery_address, delivery_notes, note,
              total_cents FROM orders WHERE id IN (UNHEX(REPLACE(?, '-', '')),
              UNHEX(REPLACE(?, '-', '')))`,
      louOrders,
    );
    expect(stripped).toEqual([
      expect.objectContaining({ customer_id: null, customer_name: null, customer_phone: null }),
      expect.objectContaining({ customer_id: null, customer_name: null, customer_phone: null }),
    ]);
    for (const row of stripped) {
      expect([row.delivery_address, row.delivery_notes, row.note]).toEqual([null, null, null]);
      expect(row.total_cents).toBe(2850);
    }
    const [kept] = await t.pool.query<RowDataPacket[]>(
      "SELECT customer_name FROM orders WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [maxOrder],
    );
    expect(kept[0].customer_name).toBe(MAX.name);

    const [customerRows] = await t.pool.query<RowDataPacket[]>(
      `SELECT email, name, phone, password_hash, erased_at FROM customers
        WHERE id = UNHEX(REPLACE(?, '-', ''))`,
      [lou.id],
    );
    expect(customerRows[0]).toMatchObject({
      email: null,
      name: ERASED_NAME,
      phone: null,
      password_hash: null,
    });
    expect(customerRows[0].erased_at).toBeInstanceOf(Date);
    const [resets] = await t.pool.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM password_resets WHERE subject_id = UNHEX(REPLACE(?, '-', ''))",
      [lou.id],
    );
    expect(Number(resets[0].n)).toBe(0);

    // Both stores moved on, so their counters pull the stripped orders.
    const [after] = await t.pool.query<RowDataPacket[]>("SELECT id, version FROM stores");
    const moved = after.filter(
      (row) => row.version > versions.find((v) => v.id === row.id)!.version,
    );
    expect(moved.map((row) => row.id).sort()).toEqual(["bastille", "montmartre"]);
  });

  it("waits for an order under way, naming it, and erases once it is handed over", async () => {
    const sam = await createCustomer(t.db, { email: "sam@example.test" });
    const SAM = { name: "Sam Petit", phone: "+33 6 55 44 33 22", address: "1 rue Keller" };
    const orderId = await customerOrder(t.db, sam.id, "bastille", SAM);
    await t.pool.query("UPDATE orders SET status = 'out_for_delivery' WHERE id = UNHEX(?)", [
      orderId.replace(/-/g, ""),
    ]);
    const cookie = await signIn(t.app, sam);
    const erase = () =>
      authRequest(t.app, "POST", "/api/v1/account/erase", {
        cookie,
        json: { password: GOOD_PASSWORD },
      });

    const refused = await erase();

    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: "order_under_way", orderId });
    const [kept] = await t.pool.query<RowDataPacket[]>(
      "SELECT customer_name, delivery_address FROM orders WHERE id = UNHEX(?)",
      [orderId.replace(/-/g, "")],
    );
    expect(kept).toEqual([{ customer_name: SAM.name, delivery_address: SAM.address }]);

    await t.pool.query("UPDATE orders SET status = 'completed' WHERE id = UNHEX(?)", [
      orderId.replace(/-/g, ""),
    ]);
    const erased = await erase();
    expect(erased.status).toBe(200);
    expect((await erased.json()).ordersAnonymised).toBe(1);
  });

  it("ends every session at once and signs in like an unknown email afterwards", async () => {
    const cookie = await signIn(t.app, max);
    await authRequest(t.app, "POST", "/api/v1/account/erase", {
      cookie,
      json: { password: GOOD_PASSWORD },
    });

    const me = await authRequest(t.app, "GET", "/api/v1/auth/me", { cookie });
    const erased = await authRequest(t.app, "POST", "/api/v1/auth/login", {
      json: { email: max.email, password: GOOD_PASSWORD },
    });
    const unknown = await authRequest(t.app, "POST", "/api/v1/auth/login", {
      json: { email: "never.was@example.test", password: GOOD_PASSWORD },
    });
    const reset = await authRequest(t.app, "POST", "/api/v1/auth/password-reset", {
      json: { email: max.email },
    });

    expect(me.status).toBe(401);
    expect(erased.status).toBe(401);
    expect(await erased.json()).toEqual(await unknown.json());
    expect(reset.status).toBe(202);
    const [resets] = await t.pool.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM password_resets WHERE subject_id = UNHEX(REPLACE(?, '-', ''))",
      [max.id],
    );
    expect(Number(resets[0].n)).toBe(0);
  });
});
