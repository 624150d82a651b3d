/**
 * Tests of how database failures reach the client: a query killed by an
 * operator is a transient 503 with Retry-After, a value a column cannot hold
 * is a 400 naming the column; neither writes anything nor answers 500.
 */
import mysql, { type RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  countRows,
  createMutation,
  fetchMenu,
  pairDevice,
  payMutation,
  postPush,
  pushBody,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase({ pool: { lockWaitTimeoutS: 20 } });
  menu = await fetchMenu(t.app);
});
afterAll(() => t?.drop());

/**
 * Waits for a statement of this test's database matching `pattern` and stops it with KILL QUERY.
 */
async function killQuery(admin: mysql.Connection, pattern: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [rows] = await admin.query<RowDataPacket[]>(
      "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID() " +
        "AND INFO LIKE ?",
      [t.name, pattern],
    );
    if (rows.length > 0) {
      for (const row of rows) await admin.query(`KILL QUERY ${Number(row.ID)}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no statement like ${pattern} to kill`);
}

describe("database failures", () => {
  it("answer 503 with Retry-After when an operator kills the push's query, and the resend succeeds", async () => {
    const device = await pairDevice(t);
    const body = pushBody(device, [
      createMutation(1, buildOrder(menu, [{ productId: "hawaiian", size: "M" }])),
    ]);
    const blocker = await mysql.createConnection(t.url);
    const admin = await mysql.createConnection(t.url);
    await blocker.query("BEGIN");
    await blocker.query("SELECT * FROM devices WHERE id = UNHEX(REPLACE(?, '-', '')) FOR UPDATE", [
      device.deviceId,
    ]);
    const before = await countRows(t.pool);

    const pending = postPush(t.app, device, body);
    await killQuery(admin, "%devices%for update%");
    const killed = await pending;
    await blocker.query("ROLLBACK");
    await blocker.end();
    await admin.end();

    expect(killed.status).toBe(503);
    expect(killed.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(killed.body.error.code).toBe("unavailable");
    expect(await countRows(t.pool)).toEqual(before);
    const resent = await postPush(t.app, device, body);
    expect(resent.status).toBe(200);
    expect(resent.body.lastAppliedSeq).toBe(1);
  });

  it("answer 400 invalid_message naming the column when a value does not fit it, writing nothing", async () => {
    const device = await pairDevice(t);
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    await postPush(t.app, device, pushBody(device, [createMutation(1, order)]));
    await t.pool.query(
      "UPDATE orders SET paid_cents = 2147483000 WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [order.id],
    );
    const before = await countRows(t.pool);

    const response = await postPush(
      t.app,
      device,
      pushBody(device, [payMutation(2, order.id, [cashPayment(1000)])]),
    );

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_message");
    expect(response.body.error.message).toMatch(/paid_cents/);
    expect(await countRows(t.pool)).toEqual(before);
  });
});
