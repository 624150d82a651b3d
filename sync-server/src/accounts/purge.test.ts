/**
 * The purge against the real database: rows that ended more than 30 days ago
 * go, everything younger or still open stays, and a second run deletes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";

import { emailVerifications, loginAttempts, passwordResets, sessions } from "@ocpizza/schema/db";

import { createCustomer } from "../testing/account-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { purgeExpiredAccountRows } from "./purge.js";

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 11, 4, 12);
const ago = (days: number) => new Date(NOW - days * DAY);

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

/** Rows named by what they are: the name is their key, padded with "_". */
async function seed(subjectId: string) {
  const session = (id: string, fields: { expires: Date; revoked?: Date }) =>
    t.db.insert(sessions).values({
      id: id.padEnd(64, "_"),
      subjectKind: "customer",
      subjectId,
      createdAt: ago(60),
      lastSeenAt: ago(60),
      expiresAt: fields.expires,
      revokedAt: fields.revoked ?? null,
    });
  await session("expired40", { expires: ago(40) });
  await session("revoked31", { expires: ago(-5), revoked: ago(31) });
  await session("expired10", { expires: ago(10) });
  await session("revoked2", { expires: ago(-5), revoked: ago(2) });
  await session("open", { expires: ago(-1) });

  const token = (name: string, fields: { expires: Date; used?: Date }) => ({
    tokenHash: name.padEnd(64, "_"),
    createdAt: ago(90),
    expiresAt: fields.expires,
    usedAt: fields.used ?? null,
  });
  const tokens = [
    token("expired45", { expires: ago(45) }),
    token("used35", { expires: ago(-1), used: ago(35) }),
    token("used3", { expires: ago(-1), used: ago(3) }),
    token("pending", { expires: ago(-1) }),
  ];
  for (const row of tokens) {
    await t.db.insert(passwordResets).values({ ...row, subjectKind: "customer", subjectId });
    await t.db.insert(emailVerifications).values({ ...row, customerId: subjectId });
  }

  for (const [name, days] of [
    ["window31", 31],
    ["window29", 29],
  ] as const) {
    await t.db.insert(loginAttempts).values({
      keyKind: "account",
      keyHash: name.padEnd(64, "_"),
      windowStart: ago(days),
      count: 3,
    });
  }
}

async function names(table: string, column: string): Promise<string[]> {
  const [rows] = await t.pool.query<RowDataPacket[]>(`SELECT ${column} AS k FROM ${table}`);
  return rows.map((row) => String(row.k).replace(/_+$/, "")).sort();
}

describe("purgeExpiredAccountRows", () => {
  it("deletes only what ended over 30 days ago, and nothing more the second time", async () => {
    const customer = await createCustomer(t.db);
    await seed(customer.id);

    const first = await purgeExpiredAccountRows(t.db, NOW);
    const second = await purgeExpiredAccountRows(t.db, NOW);

    expect(first).toEqual({
      sessions: 2,
      passwordResets: 2,
      emailVerifications: 2,
      loginAttempts: 1,
    });
    expect(second).toEqual({
      sessions: 0,
      passwordResets: 0,
      emailVerifications: 0,
      loginAttempts: 0,
    });
    expect(await names("sessions", "id")).toEqual(["expired10", "open", "revoked2"]);
    expect(await names("password_resets", "token_hash")).toEqual(["pending", "used3"]);
    expect(await names("email_verifications", "token_hash")).toEqual(["pending", "used3"]);
    expect(await names("login_attempts", "key_hash")).toEqual(["window29"]);
    const [customers] = await t.pool.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM customers");
    expect(Number(customers[0].n)).toBe(1);
  });
});
