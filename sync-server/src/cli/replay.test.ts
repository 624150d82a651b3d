import { serve, type ServerType } from "@hono/node-server";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SalesReport } from "@ocpizza/schema";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { callApi, REPO_ROOT } from "./api-client.js";
import { replay, type ReplayOptions } from "./replay-run.js";

// The totals published with the data set (shared/data/README.md).
const JANUARY = { orders: 1845, lines: 4156, items: 4232, revenueCents: 6_979_330 };
const JUNE = { orders: 1773, lines: 4025, items: 4107, revenueCents: 6_823_020 };

const data = join(REPO_ROOT, "sync-server/data/pizza-place");
let test: TestDatabase;
let server: ServerType;
let options: Omit<ReplayOptions, "ordersFile" | "detailsFile">;

beforeAll(async () => {
  test = await createTestDatabase();
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: test.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve(info.port),
    );
  });
  options = {
    server: `http://127.0.0.1:${port}`,
    storeId: "bastille",
    devices: 3,
    mode: "takeaway",
    batchSize: 100,
    adminToken: test.adminToken,
    deviceFile: join(mkdtempSync(join(tmpdir(), "ocp-replay-")), "devices.json"),
  };
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await test?.drop();
});

const month = (name: string) => ({
  ordersFile: join(data, `orders-2015-${name}.csv`),
  detailsFile: join(data, `order_details-2015-${name}.csv`),
});

async function report(from: string, to: string) {
  const query = new URLSearchParams({ from, to });
  return callApi<SalesReport>(options.server, `/api/v1/reports/sales?${query}`, {
    token: test.adminToken,
  });
}

describe("replaying the Pizza Place sales through the sync API", () => {
  it("records January with the data set's totals, to the cent", async () => {
    const summary = await replay({ ...options, ...month("01") });
    expect(summary.problems).toEqual([]);
    expect(summary.outcomes).toEqual({ applied: JANUARY.orders });

    const january = await report("2015-01-01", "2015-01-31");
    expect(january).toMatchObject(JANUARY);
    expect(january.byMonth["2015-01"]).toMatchObject(JANUARY);
    const categories = Object.values(january.byCategory);
    expect(Object.keys(january.byCategory).sort()).toEqual([
      "Chicken",
      "Classic",
      "Supreme",
      "Veggie",
    ]);
    expect(categories.reduce((sum, c) => sum + c.revenueCents, 0)).toBe(JANUARY.revenueCents);
    expect(categories.reduce((sum, c) => sum + c.items, 0)).toBe(JANUARY.items);
    const vat = Object.values(january.vatByRate);
    expect(vat.reduce((sum, r) => sum + r.revenueCents, 0)).toBe(JANUARY.revenueCents);
    // Every device reported an empty outbox once its last batch was applied.
    expect(january.unsyncedDevices).toEqual([]);
  });

  it("changes nothing when the same file is replayed again", async () => {
    const summary = await replay({ ...options, ...month("01") });
    expect(summary.outcomes).toEqual({ duplicate: JANUARY.orders });
    expect(await report("2015-01-01", "2015-01-31")).toMatchObject(JANUARY);
    const [[row]] = await test.pool.query<never[]>("SELECT COUNT(*) AS n FROM devices");
    expect((row as { n: number }).n).toBe(3);
  });

  it("adds another month in full on the same devices", async () => {
    const summary = await replay({ ...options, ...month("06") });
    expect(summary.outcomes).toEqual({ applied: JUNE.orders });

    const both = await report("2015-01-01", "2015-06-30");
    expect(both.byMonth["2015-01"]).toMatchObject(JANUARY);
    expect(both.byMonth["2015-06"]).toMatchObject(JUNE);
    expect(both.revenueCents).toBe(JANUARY.revenueCents + JUNE.revenueCents);
    const [seqs] = await test.pool.query<never[]>(
      "SELECT HEX(device_id) AS device, COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM " +
        "sync_mutations GROUP BY device_id",
    );
    for (const row of seqs as { n: number; lo: number; hi: number }[]) {
      expect([row.lo, row.hi]).toEqual([1, row.n]); // contiguous per device
    }
  });
});
