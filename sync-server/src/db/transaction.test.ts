/**
 * Tests of the transaction helper: full rollback, and a real deadlock retried.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { classifyDbError } from "./errors.js";
import { inTransaction } from "./transaction.js";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query("CREATE TABLE scratch (id INT PRIMARY KEY, n INT NOT NULL)");
  await t.pool.query("INSERT INTO scratch VALUES (1, 0), (2, 0)");
});
afterAll(() => t?.drop());

async function scratch(): Promise<Record<number, number>> {
  const [rows] = await t.pool.query<RowDataPacket[]>("SELECT id, n FROM scratch ORDER BY id");
  return Object.fromEntries(rows.map((r) => [r.id, r.n]));
}

describe("inTransaction", () => {
  it("rolls back every statement when the work fails", async () => {
    const failing = inTransaction(t.pool, {}, async ({ connection }) => {
      await connection.query("UPDATE scratch SET n = n + 1 WHERE id = 1");
      throw new Error("business failure");
    });

    await expect(failing).rejects.toThrow("business failure");
    expect(await scratch()).toEqual({ 1: 0, 2: 0 });
  });

  it("retries a real deadlock so both transactions commit exactly once", async () => {
    let attempts = 0;
    const signal = () => {
      let done!: () => void;
      const promise = new Promise<void>((resolve) => (done = resolve));
      return { promise, done };
    };
    const firstHoldsRow1 = signal();
    const secondHoldsRow2 = signal();
    // Each takes one row, waits until the other holds the other row, then asks for it.
    const lockBoth = (mine: number, theirs: number, holding: () => void, other: Promise<void>) =>
      inTransaction(t.pool, { isolation: "READ COMMITTED" }, async ({ connection }) => {
        attempts += 1;
        await connection.query("UPDATE scratch SET n = n + 1 WHERE id = ?", [mine]);
        holding();
        await other;
        await connection.query("UPDATE scratch SET n = n + 1 WHERE id = ?", [theirs]);
      });

    const first = lockBoth(1, 2, firstHoldsRow1.done, secondHoldsRow2.promise);
    await firstHoldsRow1.promise;
    const second = lockBoth(2, 1, secondHoldsRow2.done, Promise.resolve());
    await Promise.all([first, second]);

    expect(attempts).toBe(3);
    expect(await scratch()).toEqual({ 1: 2, 2: 2 });
  });

  it("gives up after the last attempt and lets the deadlock through", async () => {
    const deadlock = Object.assign(new Error("Deadlock found"), { errno: 1213 });
    let attempts = 0;

    const result = inTransaction(t.pool, { attempts: 2 }, async () => {
      attempts += 1;
      throw deadlock;
    });

    await expect(result).rejects.toBe(deadlock);
    expect(attempts).toBe(2);
    expect(classifyDbError(deadlock)).toBe("deadlock");
  });
});
