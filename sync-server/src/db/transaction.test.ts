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
    let firstLocked!: () => void;
    const firstHasRow1 = new Promise<void>((resolve) => (firstLocked = resolve));
    const lockBoth = (a: number, b: number, signal?: () => void) =>
      inTransaction(t.pool, { isolation: "READ COMMITTED" }, async ({ connection }) => {
        attempts += 1;
        await connection.query("UPDATE scratch SET n = n + 1 WHERE id = ?", [a]);
        signal?.();
        await new Promise((resolve) => setTimeout(resolve, 150));
        await connection.query("UPDATE scratch SET n = n + 1 WHERE id = ?", [b]);
      });

    const first = lockBoth(1, 2, firstLocked);
    await firstHasRow1;
    await Promise.all([first, lockBoth(2, 1)]);

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
