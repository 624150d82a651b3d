/**
 * Liveness and readiness against the real app: ready with the database,
 * 503 without it (within the short timeout) and while the server stops.
 */
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDb } from "../db/connection.js";
import { createShutdown } from "../monitoring/shutdown.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { READY_TIMEOUT_MS } from "./public.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe("health endpoints", () => {
  it("says live and ready when the database answers", async () => {
    const live = await t.app.request("/health/live");
    const ready = await t.app.request("/health/ready");

    expect([live.status, ready.status]).toEqual([200, 200]);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("is not ready, but still live, once the server begins to stop", async () => {
    const shutdown = createShutdown();
    const app = t.makeApp({ shutdown });
    expect((await app.request("/health/ready")).status).toBe(200);

    shutdown.begin();

    const ready = await app.request("/health/ready");
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "not_ready", reason: "stopping" });
    expect((await app.request("/health/live")).status).toBe(200);
  });

  it("is not ready, within its short timeout, when the database does not answer", async () => {
    // A port nothing listens on: the pool cannot connect.
    const pool = mysql.createPool({ host: "127.0.0.1", port: 1, connectTimeout: 10_000 });
    const app = t.makeApp({ pool, db: createDb(pool) });

    const started = Date.now();
    const ready = await app.request("/health/ready");

    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "not_ready", reason: "database" });
    expect(Date.now() - started).toBeLessThan(READY_TIMEOUT_MS + 500);
    await pool.end();
  });
});
