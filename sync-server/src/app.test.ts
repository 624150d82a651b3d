/**
 * Tests of the app as a whole: health, the request and sync-batch log lines (no
 * secrets, no customer data), and how errors become JSON bodies.
 */
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApp } from "./app.js";
import { HttpError } from "./http/errors.js";
import {
  buildOrder,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
} from "./testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.js";

let t: TestDatabase;
let lines: Record<string, unknown>[];

/** A logger writing JSON lines into `lines`, so a test can read what was logged. */
function capturingLogger() {
  lines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return pino({ level: "info" }, sink);
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe("the app", () => {
  it("answers health with the database state and liveness without it", async () => {
    expect(await (await t.app.request("/health")).json()).toEqual({ status: "ok", database: "ok" });
    expect(await (await t.app.request("/health/live")).json()).toEqual({ status: "ok" });
  });

  it("logs one line per request and one per sync batch, without tokens or customer data", async () => {
    const app = t.makeApp({ logger: capturingLogger() });
    const device = await pairDevice({ app, adminToken: t.adminToken });
    const menu = await fetchMenu(app);
    const order = {
      ...buildOrder(menu, [{ productId: "hawaiian", size: "M" }]),
      channel: "phone" as const,
      customer: { name: "Jeanne Dupont", phone: "06 12 34 56 78" },
    };
    lines = [];

    await postPush(app, device, pushBody(device, [createMutation(1, order)]));

    const request = lines.find((l) => l.msg === "request");
    const batch = lines.find((l) => l.msg === "sync push");
    expect(request).toMatchObject({
      method: "POST",
      path: "/api/v1/sync/push",
      status: 200,
      deviceId: device.deviceId,
    });
    expect(typeof request?.ms).toBe("number");
    expect(batch).toMatchObject({
      deviceId: device.deviceId,
      storeId: "bastille",
      applied: 1,
      rejected: 0,
      firstSeq: 1,
      lastSeq: 1,
    });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(device.token);
    expect(logged).not.toContain("Jeanne");
    expect(logged).not.toContain("06 12 34");
  });

  it("turns an unexpected error into a generic 500 and logs it, and an HttpError into its body", async () => {
    const app = createApp({ pool: t.pool, logger: capturingLogger(), adminToken: null });
    app.get("/boom", () => {
      throw new TypeError("secret detail");
    });
    app.get("/teapot", () => {
      throw new HttpError(404, "not_found", "Order 42 does not exist: check the id.", {
        orderId: "42",
      });
    });

    const boom = await app.request("/boom");
    const teapot = await app.request("/teapot");

    expect(boom.status).toBe(500);
    const body = await boom.json();
    expect(body.error.code).toBe("internal");
    expect(JSON.stringify(body)).not.toContain("secret detail");
    expect(
      lines.some((l) => l.msg === "request failed" && JSON.stringify(l).includes("secret detail")),
    ).toBe(true);
    expect(teapot.status).toBe(404);
    expect(await teapot.json()).toEqual({
      error: {
        code: "not_found",
        message: "Order 42 does not exist: check the id.",
        orderId: "42",
      },
    });
  });

  it("answers unknown API paths with a JSON not_found", async () => {
    const response = await t.app.request("/api/v1/nothing-here");

    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });

  it("keeps admin endpoints closed when no admin token is configured", async () => {
    const app = t.makeApp({ adminToken: null });

    const response = await app.request("/api/v1/reports/sales?from=2015-01-01&to=2015-01-02", {
      headers: { authorization: "Bearer " },
    });

    expect(response.status).toBe(401);
  });
});
