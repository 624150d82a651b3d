/**
 * Tests of the journal verifier against MySQL: an intact journal passes;
 * then, as an attacker with admin rights would (triggers dropped first),
 * tickets and closings are altered, deleted and inserted in SQL, and the
 * verifier names each one, also through `npm run journal:verify`.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appendToChain, canonicalJson, type MenuSnapshot } from "@ocpizza/schema";

import { REPO_ROOT } from "../config.js";
import {
  buildOrder,
  cashPayment,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { DeviceRegister } from "../testing/ticket-fixtures.js";
import { UnknownStoreError, verifyJournal } from "./verify-journal.js";

const run = promisify(execFile);
const STORES = ["bastille", "montmartre", "batignolles", "boulogne", "vincennes"];
let t: TestDatabase;
let menu: MenuSnapshot;
const registers: Record<string, DeviceRegister> = {};

/** Four paid tickets per store on 2026-03-02, and that day closed. */
beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  for (const storeId of STORES) {
    const device = await pairDevice(t, storeId);
    const register = (registers[storeId] = new DeviceRegister(device.deviceId, storeId));
    const mutations = [1, 2, 3, 4].map((seq) => {
      const order = buildOrder(menu, [{ productId: "hawaiian", size: "S", quantity: seq }], {
        createdAtMs: Date.parse("2026-03-02T12:00:00Z"),
      });
      const payment = cashPayment(order.totalCents);
      return {
        ...createMutation(seq, order, { payments: [payment] }),
        ticket: register.sale(order, [payment]),
      };
    });
    await postPush(t.app, device, pushBody(device, mutations, { journal: register.report() }));
    const closed = await t.app.request("/api/v1/admin/closings", {
      method: "POST",
      headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ storeId, period: "day", key: "2026-03-02" }),
    });
    expect(closed.status).toBe(201);
  }
});
afterAll(() => t?.drop());

const problemsOf = (storeId: string) => verifyJournal(t.db, storeId);
const registerOf = (storeId: string) => registers[storeId].registerId;
/** The register of a bastille device whose ticket named montmartre (recorded on arrival). */
let otherStoreRegister = "";

async function cli(...args: string[]) {
  return run("npm", ["run", "--silent", "journal:verify", "--", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: t.url },
  }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

describe("journal:verify", () => {
  it("finds nothing wrong in an intact journal", async () => {
    expect(await verifyJournal(t.db, null)).toEqual([]);
  });

  it("checks the links across pages when it reads a register a few tickets at a time", async () => {
    expect(await verifyJournal(t.db, null, { pageSize: 3 })).toEqual([]);
  });

  it("says which problems the server already recorded when the ticket arrived", async () => {
    const device = await pairDevice(t, "bastille");
    const register = new DeviceRegister(device.deviceId, "bastille");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "S" }], {
      createdAtMs: Date.parse("2026-03-03T12:00:00Z"),
    });
    const payment = cashPayment(order.totalCents);
    const ticket = register.sale(order, [payment]);
    const sent = {
      ...ticket,
      content: { ...ticket.content, issuedAtMs: ticket.content.issuedAtMs + 1 },
    };
    await postPush(
      t.app,
      device,
      pushBody(device, [{ ...createMutation(1, order, { payments: [payment] }), ticket: sent }]),
    );

    expect(await problemsOf("bastille")).toEqual([
      `register ${device.deviceId}: ticket 1: content does not match its hash (altered) [recorded on arrival as altered]`,
    ]);
  });

  it("reads a ticket that named another store as recorded on arrival, not as a change in MySQL", async () => {
    const device = await pairDevice(t, "bastille");
    otherStoreRegister = device.deviceId;
    const register = new DeviceRegister(device.deviceId, "bastille");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "S" }], {
      createdAtMs: Date.parse("2026-03-04T12:00:00Z"),
    });
    const payment = cashPayment(order.totalCents);
    const ticket = register.sale(order, [payment], { storeId: "montmartre" });
    await postPush(
      t.app,
      device,
      pushBody(device, [{ ...createMutation(1, order, { payments: [payment] }), ticket }]),
    );

    expect((await problemsOf("bastille")).filter((p) => p.includes(device.deviceId))).toEqual([
      `register ${device.deviceId}, ticket 1: store_id no longer match(es) its hashed content (altered) [recorded on arrival as mismatch]`,
    ]);
  });

  it("refuses a store that does not exist, and the CLI exits 2", async () => {
    await expect(verifyJournal(t.db, "lyon")).rejects.toThrow(UnknownStoreError);

    const result = await cli("--store", "lyon");

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('store "lyon" does not exist');
  });

  describe("after an attacker drops the triggers", () => {
    beforeAll(async () => {
      for (const trigger of [
        "journal_entries_no_update",
        "journal_entries_no_delete",
        "closings_no_update",
        "closings_no_delete",
      ]) {
        await t.pool.query(`DROP TRIGGER ${trigger}`);
      }
    });

    it("does not pass a change made in MySQL off as a problem of another kind recorded on arrival", async () => {
      await t.pool.query(
        "UPDATE journal_entries SET content = REPLACE(content, '\"quantity\":1', " +
          "'\"quantity\":2') WHERE register_id = ? AND seq = 1",
        [otherStoreRegister],
      );

      const problems = (await problemsOf("bastille")).filter((p) => p.includes(otherStoreRegister));

      expect(problems).toContain(
        `register ${otherStoreRegister}: ticket 1: content does not match its hash (altered)`,
      );
    });

    it("names a ticket whose amount was changed", async () => {
      await t.pool.query(
        "UPDATE journal_entries SET total_cents = 1, content = REPLACE(content, " +
          "'\"totalCents\":', '\"totalCents\":1') WHERE register_id = ? AND seq = 2",
        [registerOf("bastille")],
      );

      const problems = (await problemsOf("bastille")).join("\n");

      expect(problems).toContain(
        `register ${registerOf("bastille")}: ticket 2: content does not match its hash (altered)`,
      );
      expect(problems).toMatch(/ticket 2: total_cents .*\(altered\)|sealed by .* changed/);
    });

    it("names a ticket deleted from the middle of a chain", async () => {
      await t.pool.query("DELETE FROM journal_entries WHERE register_id = ? AND seq = 2", [
        registerOf("montmartre"),
      ]);

      const removed = `register ${registerOf("montmartre")}: ticket(s) 2 missing (removed)`;
      expect(await problemsOf("montmartre")).toContain(removed);
      expect(await verifyJournal(t.db, "montmartre", { pageSize: 1 })).toContain(removed);
    });

    it("names the last ticket deleted, although the chain before it is intact", async () => {
      await t.pool.query("DELETE FROM journal_entries WHERE register_id = ? AND seq = 4", [
        registerOf("batignolles"),
      ]);

      const problems = (await problemsOf("batignolles")).join("\n");

      expect(problems).toContain("ticket(s) 4 to 4 missing below its head (removed)");
      expect(problems).toMatch(
        /ticket 4: sealed by store batignolles, closing 1 .* but missing \(removed\)/,
      );
    });

    it("names a well-chained ticket inserted after the last one", async () => {
      const register = registers["boulogne"];
      const forged = appendToChain(register.head, {
        ...register.entries[0].content,
        totalCents: 5,
      });
      await t.pool.query(
        `INSERT INTO journal_entries (register_id, seq, store_id, kind, order_id, business_day, issued_at, total_cents, training, previous_hash, hash, content, received_at, version)
         SELECT register_id, 5, store_id, kind, order_id, business_day, issued_at, 5, 0, ?, ?, ?, received_at, version FROM journal_entries WHERE register_id = ? AND seq = 1`,
        [forged.previousHash, forged.hash, canonicalJson(forged.content), register.registerId],
      );

      expect(await problemsOf("boulogne")).toContain(
        `register ${register.registerId}: ticket(s) 5 to 5 lie beyond its head with no hole to explain them (inserted)`,
      );
    });

    it("names a closing whose totals were rewritten, and a closing removed", async () => {
      await t.pool.query(
        "UPDATE closings SET total_cents = 0, grand_total_cents = 0 WHERE store_id = 'vincennes'",
      );
      const altered = await problemsOf("vincennes");
      await t.pool.query("DELETE FROM closings WHERE store_id = 'vincennes'");
      await t.pool.query(
        `INSERT INTO closings SELECT UNHEX(REPLACE(UUID(), '-', '')), store_id, scope, register_id, period, '2026-03-03', totals, total_cents, grand_total_cents, 2, previous_hash, hash, content, closed_at, closed_by FROM closings WHERE store_id = 'bastille'`,
      );
      await t.pool.query("UPDATE closings SET store_id = 'vincennes' WHERE seq = 2");

      expect(altered.join("\n")).toMatch(
        /closing 1 \(day 2026-03-02\): total_cents, grand_total_cents no longer match/,
      );
      expect((await problemsOf("vincennes")).join("\n")).toMatch(
        /store vincennes: closing\(s\) 1 to 1 missing \(removed\)/,
      );
    });

    it("exits 1 from `npm run journal:verify -- --store ID`, naming the ticket", async () => {
      const result = await cli("--store", "montmartre");

      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `register ${registerOf("montmartre")}: ticket(s) 2 missing (removed)`,
      );
    });
  });
});
