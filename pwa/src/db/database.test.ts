import "fake-indexeddb/auto";

import { GENESIS_HASH, mutationSchema, verifyChain } from "@ocpizza/schema";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";

import { openPairedDb } from "../testing/fixtures.js";
import { CounterDb, initialMeta } from "./database.js";
import { recordSale } from "./sale.js";
import {
  pizzaLine,
  TEST_CLERK,
  TEST_DEVICE_ID,
  TEST_SHIFT_ID,
  TEST_STORE,
} from "../testing/fixtures.js";
import { readJournal } from "./journal.js";

/** What a later app version would declare: the same tables plus one more index. */
class NextVersionDb extends CounterDb {
  constructor(name: string) {
    super(name);
    this.version(5).stores({ orders: "id, businessDay, createdAtMs, syncState, status" });
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

    expect(upgraded.verno).toBe(5);
    expect(await upgraded.outbox.toArray()).toMatchObject([
      { seq: 1, state: "pending", kind: "order.create" },
    ]);
    expect((await upgraded.meta.get("device"))?.nextSeq).toBe(2);
    expect(await upgraded.orders.where("status").equals("accepted").count()).toBe(1);
  });
});

describe("upgrading a counter from the app before the journal", () => {
  it("adds the journal, keeps the outbox, and starts the chain at the genesis link", async () => {
    const name = `ocpizza-test-v1-${process.pid}-${Date.now()}`;
    const old = new Dexie(name);
    old.version(1).stores({
      meta: "id",
      menu: "id",
      orders: "id, businessDay, createdAtMs, syncState",
      outbox: "seq, state, orderId, [state+seq]",
      rejections: "key, orderId, createdAtMs, acknowledgedAtMs",
    });
    // A meta row as version 1 wrote it: no journalHead, trainingMode or openShiftId.
    const { journalHead: _h, trainingMode: _t, openShiftId: _s, ...v1Meta } = initialMeta();
    await old.table("meta").put({
      ...v1Meta,
      credential: { deviceId: TEST_DEVICE_ID, token: "test-token" },
      clientId: TEST_DEVICE_ID,
      storeId: TEST_STORE.id,
      store: TEST_STORE,
      nextSeq: 8,
    });
    await old.table("outbox").put({ seq: 7, state: "pending", orderId: "x", kind: "order.create" });
    old.close();

    const db = new CounterDb(name);
    await db.open();
    await db.meta.update("device", {
      openShiftId: TEST_SHIFT_ID,
      signedIn: { ...TEST_CLERK, sinceMs: 0 },
    });
    await recordSale(db, {
      channel: "counter",
      serviceMode: "takeaway",
      lines: [pizzaLine()],
      payments: [{ method: "card", amountCents: 1250 }],
      status: "completed",
      menuVersion: 1,
    });

    expect(db.verno).toBe(4);
    expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([7, 8]);
    const journal = await readJournal(db);
    expect(journal[0]).toMatchObject({ seq: 1, previousHash: GENESIS_HASH });
    expect(verifyChain(journal)).toEqual([]);
  });
});

describe("upgrading a counter from the app before staff sign-in", () => {
  it("adds the staff and key tables and keeps entries queued without a staffId", async () => {
    const name = `ocpizza-test-v2-${process.pid}-${Date.now()}`;
    const old = new Dexie(name);
    old.version(1).stores({
      meta: "id",
      menu: "id",
      orders: "id, businessDay, createdAtMs, syncState",
      outbox: "seq, state, orderId, [state+seq]",
      rejections: "key, orderId, createdAtMs, acknowledgedAtMs",
    });
    old.version(2).stores({
      journal: "seq, orderId, businessDay",
      shifts: "id, openedAtMs",
      drawer: "id, shiftId",
    });
    const { signedIn: _signedIn, ...v2Meta } = initialMeta();
    await old.table("meta").put({ ...v2Meta, storeId: TEST_STORE.id, store: TEST_STORE });
    const queued = {
      seq: 1,
      atMs: Date.UTC(2025, 0, 15, 12),
      kind: "shift.open",
      shiftId: TEST_SHIFT_ID,
      openedAtMs: Date.UTC(2025, 0, 15, 12),
      floatCents: 10_000,
    };
    const waiting = { seq: 1, state: "pending", orderId: TEST_SHIFT_ID, kind: "shift.open" };
    await old.table("outbox").put({ ...waiting, mutation: queued });
    old.close();

    const db = new CounterDb(name);
    await db.open();

    expect(db.verno).toBe(4);
    expect(await db.staff.count()).toBe(0);
    expect(await db.deviceKeys.count()).toBe(0);
    expect(await db.stock.count()).toBe(0);
    const [entry] = await db.outbox.toArray();
    expect(mutationSchema.safeParse(entry.mutation).success).toBe(true);
    expect((await db.meta.get("device"))?.signedIn).toBeUndefined();
  });
});
