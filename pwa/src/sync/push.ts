/**
 * Pushing the outbox: pending entries go out in seq order, in batches, and
 * an entry becomes `confirmed` only when the server's lastAppliedSeq covers
 * it. A sequence gap (server restored from a backup) rewinds to the server's
 * last applied seq; what the device can no longer resend is reported as lost.
 */
import { PROTOCOL_VERSION, type PushResponse } from "@ocpizza/schema";

import type { CounterDb } from "../db/database.js";
import { journalHead } from "../db/journal.js";
import { outboxSummary, pendingEntries } from "../db/outbox.js";
import type { OutboxEntry } from "../db/types.js";
import { ApiError, type SyncApi } from "./api.js";
import { refreshOrderSyncStates } from "./order-sync-state.js";

export interface PushContext {
  db: CounterDb;
  api: SyncApi;
  appVersion: string;
  /** Mutations per request; default 200 (the server takes up to 500). */
  batchSize: number;
  now: () => number;
}

/** Rewinds tried in one push before giving up: each needs the server to have moved back. */
const MAX_GAP_REWINDS = 3;

/** Sends everything pending; resolves when the outbox is empty or the server stops confirming. */
export async function pushOutbox(ctx: PushContext): Promise<{ confirmed: number }> {
  const { db, api } = ctx;
  let confirmed = 0;
  let rewinds = 0;
  let batchSize = ctx.batchSize;

  for (;;) {
    const meta = await db.meta.get("device");
    if (!meta?.credential || !meta.clientId) return { confirmed };
    const batch = await pendingEntries(db, batchSize);
    const lost = meta.lost && meta.lost.reportedAtMs === null ? meta.lost : null;
    if (batch.length === 0 && !lost) return { confirmed };
    // Every push tells the server where this register's journal stands.
    const head = journalHead(meta);

    let response: PushResponse;
    try {
      response = await api.push(
        {
          protocol: PROTOCOL_VERSION,
          appVersion: ctx.appVersion,
          clientId: meta.clientId,
          mutations: batch.map((entry) => entry.mutation),
          lost: lost ? { fromSeq: lost.fromSeq, toSeq: lost.toSeq } : undefined,
          outbox: await outboxSummary(db, batch.at(-1)?.seq ?? 0),
          journal: {
            registerId: meta.credential.deviceId,
            headSeq: head.seq,
            headHash: head.hash,
          },
        },
        meta.credential.token,
      );
    } catch (error) {
      // The server is behind us: resend from its last applied seq (design rule 5).
      if (isGap(error) && rewinds < MAX_GAP_REWINDS) {
        rewinds += 1;
        await rewindTo(db, Number(error.details.lastAppliedSeq), ctx.now());
        continue;
      }
      // Too big for the server: the same entries fit in smaller requests.
      if (isTooLarge(error) && batch.length > 1) {
        batchSize = Math.ceil(batch.length / 2);
        continue;
      }
      throw error;
    }

    const progress = await applyPushResponse(db, batch, response, ctx.now());
    confirmed += progress.confirmed;
    // Nothing new confirmed or settled: resending the same request now would only spin.
    if (progress.confirmed === 0 && !progress.lostSettled) return { confirmed };
  }
}

function isGap(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.code === "sequence_gap" &&
    Number.isInteger(error.details.lastAppliedSeq)
  );
}

function isTooLarge(error: unknown): boolean {
  return error instanceof ApiError && error.code === "payload_too_large";
}

/** Marks what the server confirmed, records rejections, and settles a reported loss. */
async function applyPushResponse(
  db: CounterDb,
  batch: OutboxEntry[],
  response: PushResponse,
  nowMs: number,
): Promise<{ confirmed: number; lostSettled: boolean }> {
  return db.transaction("rw", [db.outbox, db.orders, db.rejections, db.meta], async () => {
    const meta = await db.meta.get("device");
    const acknowledged = batch.filter((entry) => entry.seq <= response.lastAppliedSeq);
    for (const entry of acknowledged) {
      await db.outbox.update(entry.seq, { state: "confirmed", confirmedAtMs: nowMs });
    }

    const deviceId = meta?.credential?.deviceId ?? null;
    for (const result of response.results) {
      if (result.outcome !== "rejected") continue;
      const entry = batch.find((e) => e.seq === result.seq);
      if (!entry) continue;
      const key = `${deviceId ?? "device"}:${result.seq}`;
      const existing = await db.rejections.get(key);
      await db.rejections.put({
        key,
        serverId: existing?.serverId ?? null,
        deviceId,
        seq: result.seq,
        kind: entry.kind,
        orderId: entry.orderId,
        code: result.code ?? "rejected",
        message: result.message ?? "",
        createdAtMs: existing?.createdAtMs ?? nowMs,
        version: existing?.version ?? null,
        acknowledgedAtMs: existing?.acknowledgedAtMs ?? null,
      });
      await db.orders.update(entry.orderId, {
        rejection: { code: result.code ?? "rejected", message: result.message ?? "" },
      });
    }

    await refreshOrderSyncStates(db, new Set(acknowledged.map((entry) => entry.orderId)));

    const lost = meta?.lost ?? null;
    const lostSettled =
      lost !== null && lost.reportedAtMs === null && response.lastAppliedSeq >= lost.toSeq;
    if (meta) {
      await db.meta.put({
        ...meta,
        lost: lostSettled && lost ? { ...lost, reportedAtMs: nowMs } : lost,
        lastPushAtMs: nowMs,
      });
    }
    return { confirmed: acknowledged.length, lostSettled };
  });
}

/**
 * Sets every entry above the server's last applied seq back to pending. When
 * the first of them was already purged, the missing range becomes `lost`.
 */
async function rewindTo(db: CounterDb, lastAppliedSeq: number, nowMs: number): Promise<void> {
  await db.transaction("rw", [db.outbox, db.orders, db.meta], async () => {
    const meta = await db.meta.get("device");
    if (!meta) return;

    const above = db.outbox.where("seq").above(lastAppliedSeq);
    const orderIds = new Set<string>();
    await above.modify((entry) => {
      orderIds.add(entry.orderId);
      entry.state = "pending";
      entry.confirmedAtMs = null;
    });
    for (const orderId of orderIds) await db.orders.update(orderId, { syncState: "pending" });

    const firstKept =
      (await db.outbox.where("seq").above(lastAppliedSeq).first())?.seq ?? meta.nextSeq;
    const lost =
      firstKept > lastAppliedSeq + 1
        ? {
            fromSeq: lastAppliedSeq + 1,
            toSeq: firstKept - 1,
            reportedAtMs: null,
            detectedAtMs: nowMs,
          }
        : meta.lost;
    await db.meta.put({ ...meta, lost });
  });
}
