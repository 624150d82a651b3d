import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { openPairedDb } from "../testing/fixtures.js";
import { CounterDb } from "./database.js";
import { recordSale } from "./sale.js";
import { pizzaLine } from "../testing/fixtures.js";

/** What a later app version would declare: the same tables plus one more index. */
class NextVersionDb extends CounterDb {
  constructor(name: string) {
    super(name);
    this.version(2).stores({ orders: "id, businessDay, createdAtMs, syncState, status" });
  }
}

describe("upgrading the local database", () => {
  it("keeps the outbox and the seq counter when a new schema version opens it", async () => {
    const db = await openPairedDb();
    await recordSale(db, {
      channel: "counter",
      serviceMode: "eat_in",
      lines: [pizzaLine()],
      payments: [],
      status: "accepted",
      menuVersion: 1,
    });
    const name = db.name;
    db.close();

    const upgraded = new NextVersionDb(name);
    await upgraded.open();

    expect(upgraded.verno).toBe(2);
    expect(await upgraded.outbox.toArray()).toMatchObject([
      { seq: 1, state: "pending", kind: "order.create" },
    ]);
    expect((await upgraded.meta.get("device"))?.nextSeq).toBe(2);
    expect(await upgraded.orders.where("status").equals("accepted").count()).toBe(1);
  });
});
