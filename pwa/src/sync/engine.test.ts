import "fake-indexeddb/auto";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { syncSetup } from "../testing/sync-setup.js";
import type { LockManagerLike } from "./engine.js";
import { SyncEngine } from "./engine.js";

beforeEach(() => {
  // Only the engine's timers are faked: IndexedDB keeps its real scheduling.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("retrying after transient failures", () => {
  it("backs off with full jitter on 5xx and loses no entry", async () => {
    const { server, engine, sell, outboxStates } = await syncSetup({ random: () => 0.5 });
    await sell();
    server.failNext("push", 503, "unavailable", 2);

    await engine.syncNow();
    expect(engine.status.get()).toMatchObject({ connection: "unavailable", attempt: 1 });
    expect(server.pushes()).toHaveLength(1);

    // First retry within 0.5 x 1000 ms, the second within 0.5 x 2000 ms.
    await vi.advanceTimersByTimeAsync(499);
    expect(server.pushes()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await engine.idle();
    expect(server.pushes()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(server.pushes()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await engine.idle();

    expect(server.pushes()).toHaveLength(3);
    expect(await outboxStates()).toEqual(["1:confirmed"]);
    expect(engine.status.get()).toMatchObject({
      connection: "online",
      attempt: 0,
      lastError: null,
    });
  });

  it("caps the delay and honours Retry-After as a floor", async () => {
    const { server, engine, sell } = await syncSetup({
      random: () => 0.99,
      backoff: { baseMs: 1_000, capMs: 4_000 },
    });
    await sell();
    server.failNext("push", 503, "unavailable", 3);
    server.failNext("push", 503, "unavailable", 1, 30);

    const delays: number[] = [];
    await engine.syncNow();
    for (let i = 0; i < 4; i++) {
      const { nextRetryAtMs } = engine.status.get();
      delays.push((nextRetryAtMs ?? 0) - Date.UTC(2025, 0, 15, 18, 0, 1));
      await vi.advanceTimersByTimeAsync(60_000);
      await engine.idle();
    }

    expect(delays).toEqual([990, 1980, 3960, 4000]);
    expect(server.pushes()).toHaveLength(5);
  });

  it("shows offline when the network is down, then catches up when it returns", async () => {
    const { server, engine, sell, outboxStates } = await syncSetup();
    await sell();
    server.offline = true;

    await engine.syncNow();
    expect(engine.status.get().connection).toBe("offline");

    server.offline = false;
    await engine.requestSync("online");

    expect(await outboxStates()).toEqual(["1:confirmed"]);
  });

  it("waits out the backoff instead of retrying on every local write", async () => {
    const { server, engine, sell } = await syncSetup();
    await sell();
    server.failNext("push", 503, "unavailable");
    await engine.syncNow();

    await sell();
    await engine.requestSync("write");
    await engine.requestSync("interval");

    expect(server.pushes()).toHaveLength(1);
  });
});

describe("stopping on a refused request", () => {
  it("stops on a 4xx, surfaces the error and resumes only on a manual retry", async () => {
    const { server, engine, sell, outboxStates } = await syncSetup();
    await sell();
    server.failNext("push", 400, "invalid_message", 1);

    await engine.syncNow();

    expect(engine.status.get().halted).toEqual({
      status: 400,
      code: "invalid_message",
      message: "injected invalid_message",
    });
    await engine.requestSync("interval");
    await engine.requestSync("write");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.pushes()).toHaveLength(1);
    expect(await outboxStates()).toEqual(["1:pending"]);

    await engine.syncNow();
    expect(engine.status.get().halted).toBeNull();
    expect(await outboxStates()).toEqual(["1:confirmed"]);
  });

  it("stops on an unknown device (401)", async () => {
    const { server, engine, sell } = await syncSetup();
    await sell();
    server.failNext("any", 401, "unauthorized");

    await engine.syncNow();

    expect(engine.status.get().halted?.code).toBe("unauthorized");
  });
});

describe("triggers", () => {
  it("syncs on the interval once started", async () => {
    const { server, engine, sell } = await syncSetup({ intervalMs: 5_000 });
    engine.start();
    await engine.idle();
    await sell();
    expect(server.pushes()).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(5_000);
    await engine.idle();

    expect(server.pushes()).toHaveLength(1);
    engine.stop();
  });

  it("lets one engine push at a time across tabs sharing the lock", async () => {
    const first = await syncSetup();
    let holders = 0;
    let maxHolders = 0;
    let tail: Promise<unknown> = Promise.resolve();
    const locks: LockManagerLike = {
      request(_name, callback) {
        const run = tail.then(async () => {
          maxHolders = Math.max(maxHolders, ++holders);
          try {
            return await callback();
          } finally {
            holders -= 1;
          }
        });
        tail = run.catch(() => undefined);
        return run;
      },
    };
    const tabA = new SyncEngine({
      db: first.db,
      appVersion: "t",
      fetch: first.server.fetch,
      environment: null,
      locks,
    });
    const tabB = new SyncEngine({
      db: first.db,
      appVersion: "t",
      fetch: first.server.fetch,
      environment: null,
      locks,
    });
    for (let i = 0; i < 6; i++) await first.sell();

    await Promise.all([tabA.syncNow(), tabB.syncNow(), tabA.syncNow()]);

    expect(maxHolders).toBe(1);
    expect([...first.server.state.appliedCount.values()].every((count) => count === 1)).toBe(true);
    expect(first.server.state.appliedCount.size).toBe(6);
  });
});

describe("an unpaired counter", () => {
  it("sends nothing and does not pretend to be synced", async () => {
    const { db, server, engine } = await syncSetup();
    await db.meta.update("device", { credential: null });

    await engine.syncNow();

    expect(server.requests).toHaveLength(0);
    expect(engine.status.get().connection).toBe("unknown");
    expect((await db.meta.get("device"))?.lastSyncAtMs).toBeNull();
  });
});
