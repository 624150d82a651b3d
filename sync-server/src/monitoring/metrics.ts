/**
 * Custom metrics of the sync for New Relic: how late the oldest entry of a
 * push is (sync lag) and how many entries wait (queue depth). The agent is
 * only used when the process was started with it (ops/bin/ocpizza-server
 * preloads it when NEW_RELIC_LICENSE_KEY is set); otherwise every call here
 * is a no-op. This module never loads the agent itself.
 */
import { createRequire } from "node:module";

import type { PushRequest } from "@ocpizza/schema";

/** The figures of one push, as recorded. */
export interface PushFigures {
  /** Now minus the oldest mutation's device time, in ms (0 if the device clock is ahead). */
  syncLagMs: number | null;
  /** Mutations this push carries. */
  pushedEntries: number;
  /** Entries the device says wait in its outbox, when it reports them. */
  outboxPending: number | null;
}

/** Where figures go: New Relic's recordMetric, or a test's collector. */
export type MetricRecorder = (name: string, value: number) => void;

export const METRIC_NAMES = {
  syncLagMs: "Custom/Sync/LagMs",
  pushedEntries: "Custom/Sync/PushEntries",
  outboxPending: "Custom/Sync/OutboxPending",
} as const;

let override: MetricRecorder | null = null;

export function pushFigures(request: PushRequest, nowMs: number): PushFigures {
  const oldest = request.mutations.reduce((min, m) => Math.min(min, m.atMs), Infinity);
  return {
    syncLagMs: Number.isFinite(oldest) ? Math.max(0, nowMs - oldest) : null,
    pushedEntries: request.mutations.length,
    outboxPending: request.outbox?.pending ?? null,
  };
}

/** Records one push's figures; does nothing when no agent runs. */
export function recordPush(request: PushRequest, nowMs: number): PushFigures {
  const figures = pushFigures(request, nowMs);
  const record = override ?? agentRecorder();
  if (!record) return figures;
  if (figures.syncLagMs !== null) record(METRIC_NAMES.syncLagMs, figures.syncLagMs);
  record(METRIC_NAMES.pushedEntries, figures.pushedEntries);
  if (figures.outboxPending !== null) record(METRIC_NAMES.outboxPending, figures.outboxPending);
  return figures;
}

/** Routes the figures to `recorder` (tests); returns the function that stops doing so. */
export function useMetricRecorder(recorder: MetricRecorder): () => void {
  override = recorder;
  return () => {
    if (override === recorder) override = null;
  };
}

/** Whether the New Relic agent was preloaded into this process. */
export function agentLoaded(): boolean {
  return agentRecorder() !== null;
}

const require = createRequire(import.meta.url);
let cached: MetricRecorder | null | undefined;

/**
 * The agent's recordMetric when `-r newrelic` loaded it at start. Looking in
 * the require cache, not requiring: requiring would start an agent.
 */
function agentRecorder(): MetricRecorder | null {
  if (cached !== undefined) return cached;
  let resolved: string;
  try {
    resolved = require.resolve("newrelic");
  } catch {
    return (cached = null);
  }
  const loaded = require.cache[resolved]?.exports as
    { recordMetric?: (name: string, value: number) => void } | undefined;
  const recordMetric = loaded?.recordMetric;
  cached = typeof recordMetric === "function" ? recordMetric.bind(loaded) : null;
  return cached;
}
