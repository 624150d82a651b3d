/**
 * The sync metrics: the figures of a push as the recorder receives them
 * through the real push endpoint, and no agent in tests.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import {
  buildOrder,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import {
  agentLoaded,
  METRIC_NAMES,
  pushFigures,
  recordPush,
  useMetricRecorder,
} from "./metrics.js";

const NOW_MS = Date.UTC(2026, 11, 4, 19, 0, 0);

let t: TestDatabase;
let menu: MenuSnapshot;
let stopRecording: (() => void) | null = null;
beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
});
afterEach(() => stopRecording?.());
afterAll(() => t?.drop());

function orderAt(createdAtMs: number, callNumber: number) {
  return buildOrder(menu, [{ productId: "hawaiian", size: "M" }], { createdAtMs, callNumber });
}

describe("sync metrics", () => {
  it("hands the lag, the entries pushed and the reported outbox to the recorder", async () => {
    const recorded: [string, number][] = [];
    stopRecording = useMetricRecorder((name, value) => recorded.push([name, value]));
    const app = t.makeApp({ now: () => NOW_MS });
    const device = await pairDevice(t);
    const mutations = [
      createMutation(1, orderAt(NOW_MS - 42_000, 1)),
      createMutation(2, orderAt(NOW_MS - 5_000, 2)),
    ];
    const outbox = { pending: 7, oldestPendingAtMs: NOW_MS - 42_000, highestSeq: 2 };

    const pushed = await postPush(app, device, pushBody(device, mutations, { outbox }));

    expect(pushed.status).toBe(200);
    expect(recorded).toEqual([
      [METRIC_NAMES.syncLagMs, 42_000],
      [METRIC_NAMES.pushedEntries, 2],
      [METRIC_NAMES.outboxPending, 7],
    ]);
  });

  it("records no lag for an empty push and none below zero for a clock ahead", () => {
    const base = { protocol: 1, appVersion: "1", clientId: crypto.randomUUID() };
    const ahead = createMutation(1, orderAt(NOW_MS + 60_000, 1));

    expect(pushFigures({ ...base, mutations: [] }, NOW_MS)).toEqual({
      syncLagMs: null,
      pushedEntries: 0,
      outboxPending: null,
    });
    expect(pushFigures({ ...base, mutations: [ahead] }, NOW_MS).syncLagMs).toBe(0);
  });

  it("does nothing without the agent: tests never load New Relic", () => {
    const base = { protocol: 1, appVersion: "1", clientId: crypto.randomUUID(), mutations: [] };

    expect(agentLoaded()).toBe(false);
    expect(() => recordPush(base, NOW_MS)).not.toThrow();
  });
});
