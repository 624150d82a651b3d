import "fake-indexeddb/auto";

import type { OrderSnapshot } from "@ocpizza/schema";
import { describe, expect, it } from "vitest";

import { changeOrderStatus } from "../db/order-commands.js";
import { FakeSyncServer } from "../testing/fake-sync-server.js";
import { TEST_DEVICE_ID, TEST_MENU, TEST_STORE, pizzaLine } from "../testing/fixtures.js";
import { syncSetup, T0 } from "../testing/sync-setup.js";
import { createApi } from "./api.js";
import { pullChanges } from "./pull.js";

/** An order another counter of the store recorded, as the server holds it. */
function otherCounterOrder(id: string, version: number): OrderSnapshot {
  return {
    id,
    channel: "counter",
    serviceMode: "eat_in",
    createdAtMs: T0,
    callNumber: version,
    menuVersion: 1,
    lines: [
      { ...pizzaLine(1), id: `00000000-0000-7000-8000-${String(version).padStart(12, "0")}` },
    ],
    totalCents: 1250,
    training: false,
    storeId: TEST_STORE.id,
    deviceId: "other-device",
    status: "accepted",
    statusReason: null,
    businessDay: "2025-01-15",
    paidCents: 0,
    payments: [],
    flags: [],
    version,
    updatedAtMs: T0,
  };
}

function seedServer(server: FakeSyncServer, count: number) {
  for (let v = 1; v <= count; v++) {
    const id = `0190a5b2-0000-7000-8000-${String(v).padStart(12, "0")}`;
    server.state.orders.set(id, otherCounterOrder(id, v));
  }
  server.state.storeVersion = count;
}

function pullOnce(setup: Awaited<ReturnType<typeof syncSetup>>, pullLimit = 200) {
  const api = createApi({ fetch: setup.server.fetch });
  return pullChanges({ db: setup.db, api, pullLimit, now: () => setup.clock.nowMs });
}

describe("pulling the store's changes", () => {
  it("keeps a training sale marked when the server's copy does not carry the flag", async () => {
    const setup = await syncSetup();
    await setup.db.meta.update("device", { trainingMode: true });
    const order = await setup.sell();
    await setup.engine.syncNow();
    const { training: _dropped, ...withoutFlag } = setup.server.state.orders.get(order.id)!;
    setup.server.state.orders.set(order.id, { ...withoutFlag, version: 99 } as OrderSnapshot);
    setup.server.state.storeVersion = 99;

    await pullOnce(setup);

    expect((await setup.db.orders.get(order.id))?.training).toBe(true);
  });

  it("follows hasMore page by page and moves the cursor", async () => {
    const setup = await syncSetup();
    seedServer(setup.server, 5);

    const result = await pullOnce(setup, 2);

    expect(result.pages).toBe(3);
    const sinces = setup.server.requests.map((r) =>
      new URL(r.url, "http://x").searchParams.get("since"),
    );
    expect(sinces).toEqual(["0", "2", "4"]);
    expect(await setup.db.orders.count()).toBe(5);
    expect((await setup.db.meta.get("device"))?.storeVersion).toBe(5);
  });

  it("stores the menu the server sends, and asks with its version afterwards", async () => {
    const setup = await syncSetup();

    await pullOnce(setup);
    await pullOnce(setup);

    expect((await setup.db.menu.get("current"))?.menu.products).toHaveLength(
      TEST_MENU.products.length,
    );
    const menuVersions = setup.server.requests.map((r) =>
      new URL(r.url, "http://x").searchParams.get("menuVersion"),
    );
    expect(menuVersions).toEqual(["0", "1"]);
  });

  it("lets the server's copy win, except for an order with a pending local change", async () => {
    const setup = await syncSetup();
    const mine = await setup.sell({ payments: [] });
    await setup.engine.syncNow();
    const serverCopy = setup.server.state.orders.get(mine.id)!;
    serverCopy.status = "completed";
    serverCopy.version = ++setup.server.state.storeVersion;
    // This counter marks it ready before hearing it was handed over at another counter.
    await changeOrderStatus(setup.db, mine.id, "ready", undefined, T0 + 60_000);

    await pullOnce(setup);
    expect((await setup.db.orders.get(mine.id))?.status).toBe("ready");

    // Once the change is pushed (and refused), the server's copy wins again.
    await setup.engine.syncNow();
    expect(await setup.db.orders.get(mine.id)).toMatchObject({
      status: "completed",
      syncState: "rejected",
    });
  });

  it("on reset_required drops the pulled copy, keeps the outbox, pulls from 0", async () => {
    const setup = await syncSetup();
    seedServer(setup.server, 3);
    await pullOnce(setup);
    expect(await setup.db.orders.count()).toBe(3);
    const pendingSale = await setup.sell();
    // The server was restored: order 3 is gone and old cursors are refused.
    const [, , third] = [...setup.server.state.orders.keys()];
    setup.server.state.orders.delete(third);
    setup.server.state.minPullVersion = 4;
    setup.server.state.storeVersion = 4;

    await pullOnce(setup);

    const ids = (await setup.db.orders.toArray()).map((o) => o.id).sort();
    const expected = [...setup.server.state.orders.keys(), pendingSale.id].sort();
    expect(ids).toEqual(expected);
    expect(await setup.db.outbox.toArray()).toMatchObject([{ seq: 1, state: "pending" }]);
    const sinces = setup.server.requests.map((r) =>
      new URL(r.url, "http://x").searchParams.get("since"),
    );
    expect(sinces.slice(-2)).toEqual(["3", "0"]);
  });

  it("records rejections pulled from the server against their order", async () => {
    const setup = await syncSetup();
    seedServer(setup.server, 1);
    const [orderId] = setup.server.state.orders.keys();
    setup.server.state.rejections.push({
      id: "rej-1",
      deviceId: TEST_DEVICE_ID,
      seq: 9,
      kind: "order.status",
      orderId,
      code: "invalid_transition",
      message: 'an order cannot go from "completed" to "ready"',
      createdAtMs: T0,
      version: 1,
    });

    await pullOnce(setup);

    expect(await setup.db.rejections.get(`${TEST_DEVICE_ID}:9`)).toMatchObject({
      serverId: "rej-1",
    });
    expect((await setup.db.orders.get(orderId))?.syncState).toBe("rejected");
  });
});
