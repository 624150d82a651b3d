/**
 * Tests of transient database failures: 503 with Retry-After and nothing written.
 */
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import { createDb, createPool, parseDatabaseUrl } from "../db/connection.js";
import {
  buildOrder,
  countRows,
  createMutation,
  fetchMenu,
  getPull,
  pairDevice,
  postPush,
  pushBody,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

let t: TestDatabase;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase({ pool: { lockWaitTimeoutS: 1 } });
  menu = await fetchMenu(t.app);
});
afterAll(() => t?.drop());

describe("when the database fails for a moment", () => {
  it("answers 503 with Retry-After on a lock wait timeout, writes nothing, and succeeds once the lock is gone", async () => {
    const device = await pairDevice(t);
    const body = pushBody(device, [
      createMutation(1, buildOrder(menu, [{ productId: "hawaiian", size: "M" }])),
    ]);
    const other = await mysql.createConnection(t.url);
    await other.query("BEGIN");
    await other.query("SELECT * FROM devices WHERE id = UNHEX(REPLACE(?, '-', '')) FOR UPDATE", [
      device.deviceId,
    ]);
    const before = await countRows(t.pool);

    const blocked = await postPush(t.app, device, body);

    expect(blocked.status).toBe(503);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(blocked.body.error.code).toBe("unavailable");
    expect(await countRows(t.pool)).toEqual(before);

    await other.query("ROLLBACK");
    await other.end();
    const retried = await postPush(t.app, device, body);
    expect(retried.status).toBe(200);
    expect(retried.body.lastAppliedSeq).toBe(1);
  });

  it.each([
    ["a closed pool", () => closedPool()],
    [
      "a server that refuses connections",
      () => createPool({ ...parseDatabaseUrl(t.url), port: 1 }),
    ],
  ])("answers 503 unavailable on every endpoint with %s", async (_, makePool) => {
    const device = await pairDevice(t);
    const pool = await makePool();
    const broken = t.makeApp({ pool, db: createDb(pool) });
    const before = await countRows(t.pool);

    const push = await postPush(
      broken,
      device,
      pushBody(device, [
        createMutation(1, buildOrder(menu, [{ productId: "hawaiian", size: "S" }])),
      ]),
    );
    const pull = await getPull(broken, device, { since: 0 });
    const health = await broken.request("/health");
    const live = await broken.request("/health/live");

    expect(push.status).toBe(503);
    expect(push.headers.get("retry-after")).not.toBeNull();
    expect(push.body.error.code).toBe("unavailable");
    expect(pull.status).toBe(503);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "degraded", database: "down" });
    expect(live.status).toBe(200);
    expect(await countRows(t.pool)).toEqual(before);
    await pool.end().catch(() => undefined);
  });
});

async function closedPool() {
  const pool = createPool(parseDatabaseUrl(t.url));
  await pool.query("SELECT 1");
  await pool.end();
  return pool;
}
