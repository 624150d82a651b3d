import "fake-indexeddb/auto";

import { verifyChain } from "@ocpizza/schema";
import { describe, expect, it } from "vitest";

import { changeOrderStatus } from "../db/order-commands.js";
import { TEST_DEVICE_ID } from "../testing/fixtures.js";
import { syncSetup } from "../testing/sync-setup.js";
import { DAY_MS } from "./retention.js";

describe("pushing the outbox", () => {
  it("sends the register's journal head with every push, and the tickets reach the server", async () => {
    const { server, engine, sell, db } = await syncSetup({ batchSize: 1 });
    await sell({ status: "completed" });
    await sell({ status: "completed" });

    await engine.syncNow();

    const head = (await db.meta.get("device"))?.journalHead;
    expect(server.pushes().map((p) => p.journal?.headSeq)).toEqual([2, 2]);
    expect(server.state.reportedHead).toEqual({
      registerId: TEST_DEVICE_ID,
      headSeq: 2,
      headHash: head?.hash,
    });
    expect(verifyChain(server.state.journal.map((e) => ({ ...e, seq: e.content.seq })))).toEqual(
      [],
    );
  });

  it("sends pending entries in order and confirms them once the server applied them", async () => {
    const { server, engine, sell, outboxStates, db } = await syncSetup();
    const first = await sell();
    await sell();
    await sell();

    await engine.syncNow();

    expect(await outboxStates()).toEqual(["1:confirmed", "2:confirmed", "3:confirmed"]);
    expect([...server.state.appliedCount.values()]).toEqual([1, 1, 1]);
    expect((await db.orders.get(first.id))?.syncState).toBe("synced");
  });

  it("reports in each push what the outbox will still hold once the batch is applied", async () => {
    const { server, engine, sell } = await syncSetup({ batchSize: 2 });
    await sell();
    await sell();
    const third = await sell();

    await engine.syncNow();

    expect(server.pushes().map((p) => p.outbox)).toEqual([
      { pending: 1, oldestPendingAtMs: third.createdAtMs, highestSeq: 3 },
      { pending: 0, oldestPendingAtMs: null, highestSeq: 3 },
    ]);
  });

  it("confirms only the seqs the server acknowledged", async () => {
    const { server, engine, sell, outboxStates } = await syncSetup();
    await sell();
    await sell();
    await sell();
    const realFetch = server.fetch;
    // A server that answers as if it had applied only up to seq 2.
    server.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (!input.includes("/push")) return response;
      const body = await response.json();
      return new Response(JSON.stringify({ ...body, lastAppliedSeq: 2 }), { status: 200 });
    };

    await engine.syncNow();

    expect(await outboxStates()).toEqual(["1:confirmed", "2:confirmed", "3:pending"]);
  });

  it("sends in batches of batchSize and confirms them all", async () => {
    const { server, engine, sell, outboxStates } = await syncSetup({ batchSize: 2 });
    for (let i = 0; i < 5; i++) await sell();

    await engine.syncNow();

    expect(server.pushes().map((p) => p.mutations.map((m) => m.seq))).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
    expect((await outboxStates()).every((s) => s.endsWith("confirmed"))).toBe(true);
  });

  it("splits a batch the server finds too large instead of stopping", async () => {
    const { server, engine, sell, outboxStates } = await syncSetup({ batchSize: 4 });
    for (let i = 0; i < 4; i++) await sell();
    server.failNext("push", 413, "payload_too_large");

    await engine.syncNow();

    expect(server.pushes().map((p) => p.mutations.length)).toEqual([4, 2, 2]);
    expect(await outboxStates()).toEqual([
      "1:confirmed",
      "2:confirmed",
      "3:confirmed",
      "4:confirmed",
    ]);
    expect(engine.status.get().halted).toBeNull();
  });

  it("keeps entries pending when the response is lost; the retry is not reapplied", async () => {
    const { server, engine, sell, outboxStates } = await syncSetup();
    await sell();
    const realFetch = server.fetch;
    server.fetch = async (input, init) => {
      await realFetch(input, init);
      throw new TypeError("connection reset");
    };

    await engine.syncNow();
    expect(await outboxStates()).toEqual(["1:pending"]);

    server.fetch = realFetch;
    await engine.syncNow();

    expect(await outboxStates()).toEqual(["1:confirmed"]);
    expect(server.state.appliedCount.get(1)).toBe(1);
  });

  it("resends from lastAppliedSeq + 1 after a gap (server restored from a backup)", async () => {
    const { server, engine, sell, outboxStates, db } = await syncSetup();
    await sell();
    await sell();
    await engine.syncNow();
    const backup = server.backup();
    await sell();
    await sell();
    await engine.syncNow();
    server.restore(backup);
    await sell();

    await engine.syncNow();

    const seqsSent = server.pushes().map((p) => p.mutations.map((m) => m.seq));
    expect(seqsSent.slice(-2)).toEqual([[5], [3, 4, 5]]);
    expect(await outboxStates()).toEqual([
      "1:confirmed",
      "2:confirmed",
      "3:confirmed",
      "4:confirmed",
      "5:confirmed",
    ]);
    expect(server.state.orders.size).toBe(5);
    // The pull that followed saw a server behind its cursor, reset and reloaded every order.
    expect(await db.orders.count()).toBe(5);
    expect((await db.meta.get("device"))?.storeVersion).toBe(server.state.storeVersion);
  });

  it("reports purged entries as lost instead of skipping them silently", async () => {
    const { server, engine, sell, clock, db } = await syncSetup();
    const emptyServer = server.backup();
    await sell();
    await sell();
    await sell();
    await engine.syncNow();
    clock.nowMs += 8 * DAY_MS;
    await engine.syncNow(); // the retention purge drops entries 1..3
    expect(await db.outbox.count()).toBe(0);
    server.restore(emptyServer);
    await sell();

    await engine.syncNow();

    expect(server.state.losses).toEqual([{ fromSeq: 1, toSeq: 3 }]);
    expect(server.pushes().at(-1)).toMatchObject({ lost: { fromSeq: 1, toSeq: 3 } });
    expect((await db.outbox.get(4))?.state).toBe("confirmed");
    const meta = await db.meta.get("device");
    expect(meta?.lost).toMatchObject({ fromSeq: 1, toSeq: 3 });
    expect(meta?.lost?.reportedAtMs).not.toBeNull();
  });

  it("records a rejected command, marks its order and lets the queue go on", async () => {
    const { server, engine, sell, db, clock } = await syncSetup();
    const order = await sell({ payments: [] });
    await engine.syncNow();
    // Meanwhile another device handed the order over; this counter still sees it accepted.
    server.state.orders.get(order.id)!.status = "completed";
    await changeOrderStatus(db, order.id, "ready", undefined, (clock.nowMs += 1000));
    await sell();

    await engine.syncNow();

    const rejection = await db.rejections.toArray();
    expect(rejection).toHaveLength(1);
    expect(rejection[0]).toMatchObject({ seq: 2, code: "invalid_transition", orderId: order.id });
    expect((await db.orders.get(order.id))?.syncState).toBe("rejected");
    expect((await db.outbox.get(3))?.state).toBe("confirmed");
  });
});
