/**
 * Tests of X reports and closings through the admin API: figures from the
 * journal, days before months, the perpetual grand total, the chain of
 * closings, and every refusal (unsynced tickets, already closed, open days,
 * a period not over) writing nothing.
 */
import { existsSync } from "node:fs";
import type { RowDataPacket } from "mysql2/promise";
import { beforeAll, describe, expect, it } from "vitest";

import {
  businessDay,
  chainHash,
  GENESIS_HASH,
  type Closing,
  type ClosingContent,
  type MenuSnapshot,
} from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  createMutation,
  pairDevice,
  postPush,
  pushBody,
  type PairedDevice,
} from "../testing/fixtures.js";
import { useSyncWorld } from "../testing/sync-world.js";
import type { TestDatabase } from "../testing/test-database.js";
import { anomalies, DeviceRegister } from "../testing/ticket-fixtures.js";

let t: TestDatabase;
let menu: MenuSnapshot;
useSyncWorld((world) => ({ t, menu } = world));

/** Noon in Paris on a business day of January 2026. */
const noon = (day: string) => Date.parse(`${day}T11:00:00Z`);

class Till {
  seq = 0;
  constructor(
    readonly device: PairedDevice,
    readonly register: DeviceRegister,
  ) {}

  static async open(storeId: string) {
    const device = await pairDevice(t, storeId);
    return new Till(device, new DeviceRegister(device.deviceId, storeId));
  }

  /** Sells and journals one paid order on a day; returns its total. */
  async sell(day: string, options: { training?: boolean; method?: "cash" | "card" } = {}) {
    const order = {
      ...buildOrder(menu, [{ productId: "hawaiian", size: "L" }], { createdAtMs: noon(day) }),
      training: options.training ?? false,
    };
    const payment = { ...cashPayment(order.totalCents), method: options.method ?? "cash" };
    const ticket = this.register.sale(order, [payment]);
    const mutation = { ...createMutation(++this.seq, order, { payments: [payment] }), ticket };
    const response = await postPush(t.app, this.device, pushBody(this.device, [mutation]));
    expect(response.status).toBe(200);
    return order.totalCents;
  }

  /** Reports the device's head without sending the tickets behind it. */
  async reportHead(headSeq: number) {
    const journal = { registerId: this.register.registerId, headSeq, headHash: "a".repeat(64) };
    await postPush(t.app, this.device, pushBody(this.device, [], { journal }));
  }
}

async function close(storeId: string, period: string, key: string, registerId?: string) {
  const response = await t.app.request("/api/v1/admin/closings", {
    method: "POST",
    headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ storeId, period, key, registerId, closedBy: "Mme Gérante" }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function xReport(storeId: string, day: string) {
  const response = await t.app.request(`/api/v1/admin/x-report?storeId=${storeId}&day=${day}`, {
    headers: { authorization: `Bearer ${t.adminToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as any;
}

async function closingCount(): Promise<number> {
  const [rows] = await t.pool.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM closings");
  return Number(rows[0].n);
}

function contentOf(closing: Closing): ClosingContent {
  const { id: _i, previousHash: _p, hash: _h, archivePath: _a, ...content } = closing;
  return content;
}

describe("closing a store's days and month", () => {
  let till: Till;
  const totals: Record<string, number> = {};

  beforeAll(async () => {
    till = await Till.open("bastille");
    totals["2026-01-05"] =
      (await till.sell("2026-01-05")) + (await till.sell("2026-01-05", { method: "card" }));
    await till.sell("2026-01-05", { training: true });
    totals["2026-01-06"] = await till.sell("2026-01-06");
  });

  it("shows the day's figures so far in an X report, without closing anything", async () => {
    const report = await xReport("bastille", "2026-01-05");

    expect(report).toMatchObject({ day: "2026-01-05", closed: false, unsyncedRegisters: [] });
    expect(report.totals).toMatchObject({
      tickets: 2,
      creditNotes: 0,
      totalCents: totals["2026-01-05"],
    });
    expect(Object.keys(report.totals.byPaymentMethod).sort()).toEqual(["card", "cash"]);
    expect(await closingCount()).toBe(0);
  });

  it("closes a day into the first link of the store's chain, with its signed archive", async () => {
    const { status, body } = await close("bastille", "day", "2026-01-05");

    expect(status).toBe(201);
    expect(body).toMatchObject({
      seq: 1,
      period: "day",
      key: "2026-01-05",
      previousHash: GENESIS_HASH,
      grandTotalCents: totals["2026-01-05"],
      closedBy: "Mme Gérante",
    });
    expect(body.totals).toMatchObject({ tickets: 2, totalCents: totals["2026-01-05"] });
    expect(body.hash).toBe(chainHash(GENESIS_HASH, contentOf(body)));
    expect(body.registers).toEqual([
      expect.objectContaining({ registerId: till.register.registerId, headSeq: 4 }),
    ]);
    expect(existsSync(body.archivePath)).toBe(true);
  });

  it("refuses to close the same day twice", async () => {
    const { status, body } = await close("bastille", "day", "2026-01-05");

    expect(status).toBe(409);
    expect(body.error.code).toBe("already_closed");
    expect(await closingCount()).toBe(1);
  });

  it("refuses to close the month while one of its days with sales is open, naming it", async () => {
    const { status, body } = await close("bastille", "month", "2026-01");

    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: "open_periods", open: ["2026-01-06"] });
    expect(await closingCount()).toBe(1);
  });

  it("closes the month from its days, the grand total carried on and never reset", async () => {
    const day = await close("bastille", "day", "2026-01-06");
    const month = await close("bastille", "month", "2026-01");

    const both = totals["2026-01-05"] + totals["2026-01-06"];
    expect(day.body).toMatchObject({ seq: 2, grandTotalCents: both });
    expect(month.status).toBe(201);
    expect(month.body).toMatchObject({
      seq: 3,
      previousHash: day.body.hash,
      grandTotalCents: both,
    });
    expect(month.body.totals).toMatchObject({ tickets: 3, totalCents: both });
  });

  it("raises an alert for a ticket that arrives after its day was closed", async () => {
    await till.sell("2026-01-05");

    const [rows] = await t.pool.query<RowDataPacket[]>(
      "SELECT message FROM alerts WHERE kind = 'journal_after_closing' AND store_id = 'bastille'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].message).toMatch(/2026-01-05, a day already closed/);
  });

  it("shows a closed day's X report as the closing said it", async () => {
    const report = await xReport("bastille", "2026-01-06");

    expect(report).toMatchObject({
      closed: true,
      grandTotalCents: totals["2026-01-05"] + totals["2026-01-06"],
    });
  });
});

describe("a closing refused", () => {
  it("while a register holds tickets the server has not received names that register", async () => {
    const till = await Till.open("montmartre");
    await till.sell("2026-01-07");
    await till.reportHead(3);
    const before = await closingCount();

    const { status, body } = await close("montmartre", "day", "2026-01-07");

    expect(status).toBe(409);
    expect(body.error.code).toBe("unsynced_tickets");
    expect(body.error.registers).toEqual([
      {
        registerId: till.register.registerId,
        reportedHeadSeq: 3,
        storedSeq: 1,
        deviceName: expect.any(String),
      },
    ]);
    expect(body.error.message).toContain(till.register.registerId);
    expect(await closingCount()).toBe(before);
  });

  it("names the device of a register reporting a head far beyond the server's, so it can be revoked", async () => {
    const till = await Till.open("vincennes");
    await till.sell("2026-01-09");
    await till.reportHead(1_000_000);
    const [rows] = await t.pool.query<RowDataPacket[]>(
      "SELECT name FROM devices WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [till.device.deviceId],
    );

    const { status, body } = await close("vincennes", "day", "2026-01-09");

    expect(status).toBe(409);
    expect(body.error.code).toBe("unsynced_tickets");
    expect(body.error.registers).toEqual([
      expect.objectContaining({ reportedHeadSeq: 1_000_000, deviceName: rows[0].name }),
    ]);
    expect(body.error.message).toContain(`device "${rows[0].name}"`);
    expect(body.error.message).toMatch(/revoked/);
  });

  it("never by a revoked device's register: the closing lists it as a warning", async () => {
    const till = await Till.open("vincennes");
    const total = await till.sell("2026-01-10");
    await till.reportHead(7);
    await t.pool.query(
      "UPDATE devices SET revoked_at = NOW(3) WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [till.device.deviceId],
    );
    // The other register of the store (the one far ahead) is revoked too.
    await t.pool.query(
      "UPDATE devices SET revoked_at = NOW(3) WHERE store_id = 'vincennes' AND revoked_at IS NULL",
    );

    const { status, body } = await close("vincennes", "day", "2026-01-10");

    expect(status).toBe(201);
    expect(body.totals).toMatchObject({ tickets: 1, totalCents: total });
    expect(body.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining(till.register.registerId)]),
    );
    expect(body.warnings[0]).toMatch(/revoked/);
    expect((await xReport("vincennes", "2026-01-10")).unsyncedRegisters).toEqual([]);
  });

  it.each([
    ["day", "1999-12-31"],
    ["month", "1970-01"],
    ["year", "0001"],
    ["day", "2026-13-01"],
  ])("for a %s key before 2000 or unparsable (%s) is a 400", async (period, key) => {
    const before = await closingCount();

    const { status, body } = await close("batignolles", period, key);

    expect(status).toBe(400);
    expect(body.error.message).toMatch(/key/);
    expect(await closingCount()).toBe(before);
  });

  it.each([
    ["day", "2099-01-01"],
    ["month", "2099-01"],
    ["year", "2099"],
  ])("for a %s not over yet (%s) is period_not_over", async (period, key) => {
    const before = await closingCount();

    const { status, body } = await close("batignolles", period, key);

    expect(status).toBe(409);
    expect(body.error.code).toBe("period_not_over");
    expect(await closingCount()).toBe(before);
  });

  it("for a year whose months with sales are open names those months", async () => {
    const till = await Till.open("boulogne");
    await till.sell("2025-03-10");
    await close("boulogne", "day", "2025-03-10");

    const { status, body } = await close("boulogne", "year", "2025");

    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: "open_periods", open: ["2025-03"] });
  });
});

describe("closing one register", () => {
  let first: Till;
  let second: Till;
  let firstTotal: number;

  beforeAll(async () => {
    first = await Till.open("batignolles");
    second = await Till.open("batignolles");
    firstTotal = await first.sell("2026-01-08");
    await second.sell("2026-01-08");
    await second.reportHead(2);
  });

  it("closes its day with its own tickets only, while another register is behind", async () => {
    const { status, body } = await close(
      "batignolles",
      "day",
      "2026-01-08",
      first.register.registerId,
    );

    expect(status).toBe(201);
    expect(body).toMatchObject({
      scope: "register",
      registerId: first.register.registerId,
      grandTotalCents: firstTotal,
    });
    expect(body.totals).toMatchObject({ tickets: 1, totalCents: firstTotal });
    expect(body.registers.map((r: { registerId: string }) => r.registerId)).toEqual([
      first.register.registerId,
    ]);
    expect(body.archivePath).toMatch(/2026-01-08\.register-[\w-]+\.json$/);
    expect(existsSync(body.archivePath)).toBe(true);
  });

  it("shows that register's X report apart from the store's", async () => {
    const response = await t.app.request(
      `/api/v1/admin/x-report?storeId=batignolles&day=2026-01-08` +
        `&registerId=${first.register.registerId}`,
      { headers: { authorization: `Bearer ${t.adminToken}` } },
    );
    const store = await xReport("batignolles", "2026-01-08");

    expect(await response.json()).toMatchObject({ closed: true, unsyncedRegisters: [] });
    expect(store).toMatchObject({ closed: false, totals: { tickets: 2 } });
    expect(store.unsyncedRegisters).toHaveLength(1);
  });

  it("leaves the store's day open, and still refused while the other register is behind", async () => {
    const again = await close("batignolles", "day", "2026-01-08", first.register.registerId);
    const store = await close("batignolles", "day", "2026-01-08");

    expect(again.body.error.code).toBe("already_closed");
    expect(store.body.error.code).toBe("unsynced_tickets");
    expect(store.body.error.registers).toEqual([
      expect.objectContaining({ registerId: second.register.registerId }),
    ]);
  });

  it("answers not_found to an X report of a register unknown in that store", async () => {
    const response = await t.app.request(
      `/api/v1/admin/x-report?storeId=montmartre&day=2026-01-08` +
        `&registerId=${first.register.registerId}`,
      { headers: { authorization: `Bearer ${t.adminToken}` } },
    );
    const body = (await response.json()) as any;

    expect(response.status).toBe(404);
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toContain(first.register.registerId);
  });

  it("answers 400 to an X report of a day before 2000", async () => {
    const response = await t.app.request(
      "/api/v1/admin/x-report?storeId=batignolles&day=1999-12-31",
      { headers: { authorization: `Bearer ${t.adminToken}` } },
    );

    expect(response.status).toBe(400);
  });

  it("answers not_found for a register with no ticket in that store", async () => {
    const { status, body } = await close(
      "montmartre",
      "day",
      "2026-01-08",
      first.register.registerId,
    );

    expect(status).toBe(404);
    expect(body.error.message).toContain(first.register.registerId);
  });
});

describe("a ticket that arrives after its day was closed", () => {
  const plusOne = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  it("counts in the store's next open day: today's X and Z, not the closed day's", async () => {
    const till = await Till.open("boulogne");
    const today = businessDay(Date.now(), "Europe/Paris", 240);
    const past = "2026-02-02";
    const first = await till.sell(past);
    expect((await close("boulogne", "day", past)).body.totals.totalCents).toBe(first);
    const before = (await xReport("boulogne", today)).totals;

    const late = await till.sell(past);

    expect(await anomalies(t.pool, till.device.deviceId)).toEqual([
      expect.objectContaining({ seq: 2, kind: "after_closing" }),
    ]);
    expect((await xReport("boulogne", past)).totals.totalCents).toBe(first);
    const now = (await xReport("boulogne", today)).totals;
    expect(now.tickets - before.tickets).toBe(1);
    expect(now.totalCents - before.totalCents).toBe(late);
    const z = await close("boulogne", "day", today);
    expect(z.status).toBe(201);
    expect(z.body.totals).toEqual(now);

    // A sale of today after today's Z moves on to tomorrow.
    const afterZ = await till.sell(today);
    const moved = (await anomalies(t.pool, till.device.deviceId)).at(-1);
    expect(moved).toMatchObject({ seq: 3, kind: "after_closing" });
    expect(moved?.message).toContain(`counts in the closing of ${plusOne(today)}`);
    expect((await xReport("boulogne", plusOne(today))).totals).toMatchObject({
      tickets: 1,
      totalCents: afterZ,
    });
  });
});
