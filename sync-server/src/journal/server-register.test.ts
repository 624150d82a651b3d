/**
 * Tests of the server register: tickets chained one after the other, even
 * when several transactions append at the same time, and nothing left
 * behind when the caller's transaction rolls back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId, verifyChain } from "@ocpizza/schema";

import { inTransaction } from "../db/transaction.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { journalRows, registerRow } from "../testing/ticket-fixtures.js";
import { appendServerTicket, type ServerTicketContent } from "./server-register.js";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

function onlineSale(totalCents: number): ServerTicketContent {
  return {
    kind: "sale",
    orderId: newId(),
    corrects: null,
    issuedAtMs: Date.now(),
    training: false,
    lines: [
      {
        name: "Reine",
        productId: "reine",
        size: "M",
        quantity: 1,
        unitPriceCents: totalCents,
        totalCents,
        vatRateBp: 1000,
      },
    ],
    totalCents,
    vat: [{ rateBp: 1000, totalCents, vatCents: Math.round(totalCents / 11) }],
    payments: [{ method: "card", amountCents: totalCents }],
  };
}

describe("appendServerTicket", () => {
  it("chains tickets on the store's server register and moves its head", async () => {
    const first = await inTransaction(t.pool, {}, (tx) =>
      appendServerTicket(tx, "bastille", onlineSale(1200)),
    );
    const second = await inTransaction(t.pool, {}, (tx) =>
      appendServerTicket(tx, "bastille", onlineSale(900)),
    );

    expect(first.content).toMatchObject({
      registerId: "server:bastille",
      storeId: "bastille",
      seq: 1,
    });
    expect(second.previousHash).toBe(first.hash);
    expect(await registerRow(t.pool, "server:bastille")).toMatchObject({
      headSeq: 2,
      headHash: second.hash,
      kind: "server",
    });
  });

  it("numbers tickets without gaps or repeats when many transactions append at once", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inTransaction(
          t.pool,
          { isolation: "READ COMMITTED", retryOn: ["deadlock", "duplicate_key"] },
          (tx) => appendServerTicket(tx, "montmartre", onlineSale(100 + i)),
        ),
      ),
    );

    const rows = await journalRows(t.pool, "server:montmartre");
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const entries = rows.map((r) => ({
      seq: r.seq,
      previousHash: r.previous_hash,
      hash: r.hash,
      content: JSON.parse(r.content),
    }));
    expect(verifyChain(entries)).toEqual([]);
  });

  it("leaves nothing when the caller's transaction rolls back", async () => {
    const failing = inTransaction(t.pool, {}, async (tx) => {
      await appendServerTicket(tx, "boulogne", onlineSale(500));
      throw new Error("the payment provider said no");
    });

    await expect(failing).rejects.toThrow("said no");
    expect(await journalRows(t.pool, "server:boulogne")).toEqual([]);
    expect(await registerRow(t.pool, "server:boulogne")).toBeNull();
  });
});
