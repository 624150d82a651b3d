import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import type { OutboxEntry } from "../db/types.js";
import { syncSetup, T0 } from "../testing/sync-setup.js";
import { DAY_MS, purgeExpired } from "./retention.js";

describe("retention of the outbox", () => {
  it("purges confirmed entries older than retentionDays and never a pending one", async () => {
    const { db, sell } = await syncSetup();
    await sell();
    await sell();
    await sell();
    await sell();
    const now = T0 + 30 * DAY_MS;
    const confirmedAt: Record<number, number | null> = {
      1: now - 8 * DAY_MS,
      2: now - 6 * DAY_MS,
      3: null,
      4: now - 7 * DAY_MS + 1,
    };
    await db.outbox.toCollection().modify((entry: OutboxEntry) => {
      const at = confirmedAt[entry.seq];
      entry.state = at === null ? "pending" : "confirmed";
      entry.confirmedAtMs = at;
    });

    const purged = await purgeExpired(db, now, 7);

    expect(purged.entries).toBe(1);
    expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([2, 3, 4]);
  });

  it("forgets orders of days past the retention, unless one still waits to be sent", async () => {
    const { db, sell } = await syncSetup();
    const old = await sell();
    const oldPending = await sell();
    await db.outbox
      .where("orderId")
      .equals(old.id)
      .modify({ state: "confirmed", confirmedAtMs: T0 });

    await purgeExpired(db, T0 + 10 * DAY_MS, 7);

    expect((await db.orders.toArray()).map((o) => o.id)).toEqual([oldPending.id]);
  });
});
