/**
 * Erasure as an attacker checks it: a signed-in customer orders online, then
 * erases their account; every text column of every table is searched for
 * their email, name and phone, and the sales totals stay what they were.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";

import { newId } from "@ocpizza/schema";
import { customers, orders } from "@ocpizza/schema/db";

import { eraseCustomer } from "../accounts/erasure.js";
import { hashPassword } from "../accounts/passwords.js";
import { authRequest, GOOD_PASSWORD, signIn } from "../testing/account-fixtures.js";
import {
  createOnlineWorld,
  pickupOrder,
  postOrder,
  type OnlineWorld,
} from "../online/online-fixtures.js";

const EMAIL = "zephyrine.quatrebarbes@example.test";
const NAME = "Zéphyrine Quatrebarbes";
const PHONE = "+33 6 98 76 54 32";
const OTHER_EMAIL = "zq.pro@example.test";

let w: OnlineWorld;

beforeAll(async () => {
  w = await createOnlineWorld();
});
afterAll(() => w?.close());

/** Every table and column (text, JSON or binary) holding `needle`, as "table.column". */
async function whereIs(needle: string): Promise<string[]> {
  const [columns] = await w.t.pool.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = DATABASE()
       AND DATA_TYPE IN ('char','varchar','text','mediumtext','longtext','json','blob','longblob')`,
  );
  const found: string[] = [];
  for (const { t, c } of columns) {
    const [rows] = await w.t.pool.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM \`${t}\` WHERE CAST(\`${c}\` AS CHAR) LIKE ?`,
      [`%${needle}%`],
    );
    if (Number(rows[0].n) > 0) found.push(`${t}.${c}`);
  }
  return found;
}

async function salesTotals(): Promise<Record<string, number>> {
  const [rows] = await w.t.pool.query<RowDataPacket[]>(
    `SELECT (SELECT COALESCE(SUM(total_cents),0) FROM orders) AS orderCents,
            (SELECT COUNT(*) FROM orders) AS orderCount,
            (SELECT COALESCE(SUM(total_cents),0) FROM order_lines) AS lineCents,
            (SELECT COALESCE(SUM(vat_cents),0) FROM order_vat) AS vatCents`,
  );
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

describe("erasing a customer while one of their orders is being written", () => {
  it("strips the order that lands between the stripping of orders and the account's erasure", async () => {
    const id = "018f0000-0000-7000-8000-00000000e1a6";
    await w.t.db.insert(customers).values({
      id,
      email: "racing.customer@example.test",
      name: "Racing Customer",
      phone: PHONE,
      passwordHash: null,
      createdAt: new Date(w.clock.nowMs),
    });
    const orderId = newId();
    // The pool erasure uses: its 2nd transaction (the account's) starts once an online
    // order of theirs, sent just before, has been committed.
    let transactions = 0;
    const racingPool = new Proxy(w.t.pool, {
      get(target, key, receiver) {
        if (key !== "getConnection") return Reflect.get(target, key, receiver);
        return async () => {
          if (++transactions === 2) await placeLinkedOrder(orderId, id);
          return target.getConnection();
        };
      },
    });

    await eraseCustomer(racingPool, id, w.clock.nowMs);

    const [rows] = await w.t.pool.query<RowDataPacket[]>(
      "SELECT customer_id, customer_name, customer_phone FROM orders WHERE id = UNHEX(?)",
      [orderId.replace(/-/g, "")],
    );
    expect(rows).toEqual([{ customer_id: null, customer_name: null, customer_phone: null }]);
  });
});

/** An order of the customer written straight to the database, as online ordering does. */
async function placeLinkedOrder(orderId: string, customerId: string): Promise<void> {
  const now = new Date(w.clock.nowMs);
  await w.t.db.insert(orders).values({
    id: orderId,
    storeId: "bastille",
    channel: "online",
    serviceMode: "takeaway",
    status: "pending",
    businessDay: "2026-12-01",
    createdAt: now,
    updatedAt: now,
    callNumber: 77,
    menuVersion: 1,
    totalCents: 1600,
    paidCents: 0,
    itemCount: 1,
    lineCount: 0,
    customerId,
    customerName: "Racing Customer",
    customerPhone: PHONE,
    version: 1,
  });
}

describe("erasing a customer who ordered online", () => {
  it("exports every email of their orders, then leaves their emails, name and phone in no table, the sales totals unchanged", async () => {
    const id = "018f0000-0000-7000-8000-00000000e1a5";
    await w.t.db.insert(customers).values({
      id,
      email: EMAIL,
      name: NAME,
      phone: PHONE,
      passwordHash: await hashPassword(GOOD_PASSWORD),
      createdAt: new Date(w.clock.nowMs),
    });
    const cookie = await signIn(w.app, { id, email: EMAIL, password: GOOD_PASSWORD });
    const order = pickupOrder(w.menu, 2, {
      customer: { name: NAME, phone: PHONE, email: EMAIL, language: "fr" },
    });
    const placed = await postOrder(w, order, { cookie, "x-requested-with": "ocpizza" });
    expect(placed.status).toBe(201);
    // A second order, with the mail of this one going to another mailbox of theirs.
    const other = pickupOrder(w.menu, 1, {
      customer: { name: NAME, phone: PHONE, email: OTHER_EMAIL, language: "en" },
    });
    expect((await postOrder(w, other, { cookie, "x-requested-with": "ocpizza" })).status).toBe(201);
    expect(await whereIs(EMAIL)).not.toEqual(["customers.email"]);
    const before = await salesTotals();

    // Their export holds what was kept about each order, the other mailbox too.
    const exported = await authRequest(w.app, "GET", "/api/v1/account/export", { cookie });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain(OTHER_EMAIL);

    // Erasure waits for orders under way (docs/security.md): both are handed over first.
    await w.t.pool.query("UPDATE orders SET status = 'completed' WHERE customer_id = UNHEX(?)", [
      id.replace(/-/g, ""),
    ]);
    const erased = await authRequest(w.app, "POST", "/api/v1/account/erase", {
      cookie,
      json: { password: GOOD_PASSWORD },
    });
    expect(erased.status).toBe(200);

    expect(await whereIs(EMAIL)).toEqual([]);
    expect(await whereIs(OTHER_EMAIL)).toEqual([]);
    expect(await whereIs(NAME)).toEqual([]);
    expect(await whereIs(PHONE)).toEqual([]);
    expect(await salesTotals()).toEqual(before);
  });
});
