/**
 * Sync push: applies a device's batch of mutations exactly once, in one
 * MySQL transaction. The device row then the store row are locked (always in
 * that order), seqs already applied are answered `duplicate`, a gap is
 * refused whole (409), and everything written carries store.version + 1.
 * Tickets the mutations carry are journaled in the same transaction
 * (journal-batch.ts, ticket-arrival.ts). A `lost` range can only name seqs
 * the device assigned.
 */
import type { Pool, PoolConnection } from "mysql2/promise";
import { eq, sql } from "drizzle-orm";

import { newId, type MutationResult, type PushRequest, type PushResponse } from "@ocpizza/schema";
import { alerts, devices, rejections, stores, syncLosses, syncMutations } from "@ocpizza/schema/db";

import { bulkInsert } from "../db/bulk-insert.js";
import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import type { AuthenticatedDevice } from "../http/auth.js";
import { HttpError } from "../http/errors.js";
import type { MenuCatalog } from "../menu/menu-catalog.js";
import type { ApplyContext, PendingAlert } from "./apply-context.js";
import { applyMutation, orderIdOf, toMutationResult } from "./apply-mutation.js";
import { emptyWrites, flushWrites, lookUpKnownIds } from "./batch-writes.js";
import { flushJournal, prepareJournal } from "./journal-batch.js";
import { journalSale } from "./ticket-arrival.js";

export interface PushDeps {
  pool: Pool;
  db: Database;
  menu: MenuCatalog;
  now: () => number;
}

export interface PushOutcome {
  response: PushResponse;
  storeId: string;
  /** Alerts raised by this push, for the server log (they are also in the alerts table). */
  alerts: PendingAlert[];
}

export async function push(
  deps: PushDeps,
  device: AuthenticatedDevice,
  request: PushRequest,
): Promise<PushOutcome> {
  if (request.clientId !== device.id) {
    throw new HttpError(
      403,
      "forbidden",
      `clientId ${request.clientId} is not the device of this token: push with the clientId ` +
        `given at pairing.`,
    );
  }
  const menu = await deps.menu.current(deps.db);

  // Deadlocks are retried. A duplicate key can only come from another store's
  // push inserting the same ids at the same moment: the retry sees those rows
  // and answers per mutation (duplicate, foreign_order, or a line or payment
  // stored under a new id).
  return inTransaction(
    deps.pool,
    { isolation: "READ COMMITTED", retryOn: ["deadlock", "duplicate_key"] },
    async ({ db, connection }) => {
      const now = new Date(deps.now());
      const locked = await lockDeviceAndStore(db, device);
      let last = locked.device.lastAppliedSeq;
      const pendingAlerts: PendingAlert[] = [];

      // Seqs the device can no longer resend are recorded once, then skipped.
      const lost = request.lost;
      if (lost && lost.fromSeq > last + 1) throw sequenceGap(locked.device.lastAppliedSeq);
      if (lost && lost.toSeq > last) checkLostRange(lost, request, locked.device, last);
      if (lost && lost.toSeq > last) {
        await recordLoss(db, locked.store.id, device.id, last + 1, lost.toSeq, now, pendingAlerts);
        last = lost.toSeq;
      }

      // Seqs already applied are answered, not applied again; a hole refuses the whole push.
      const duplicates = request.mutations.filter((m) => m.seq <= last);
      const remaining = request.mutations.filter((m) => m.seq > last);
      if (remaining.length > 0 && remaining[0].seq > last + 1) {
        throw sequenceGap(locked.device.lastAppliedSeq);
      }

      const ctx: ApplyContext = {
        db,
        store: locked.store,
        deviceId: device.id,
        version: locked.store.version + 1,
        menu,
        now,
        alerts: pendingAlerts,
        known: await lookUpKnownIds(db, remaining),
        pending: emptyWrites(),
        journal: await prepareJournal(db, device.id, remaining),
      };
      const results: MutationResult[] = duplicates.map((m) => ({
        seq: m.seq,
        outcome: "duplicate",
      }));
      const rejectionRows: (typeof rejections.$inferInsert)[] = [];
      for (const mutation of remaining) {
        // Commands read orders back from MySQL: new sales must be there first.
        if (mutation.kind !== "order.create") await flushWrites(connection, ctx.pending);
        const result = await applyMutation(ctx, mutation);
        // A ticket the device chained is journaled whatever the command's outcome.
        if ("ticket" in mutation && mutation.ticket && mutation.kind !== "order.credit_note") {
          await journalSale(ctx, orderIdOf(mutation), mutation.ticket, result, {
            staffId: mutation.staffId,
          });
        }
        results.push(toMutationResult(mutation.seq, result));
        if (result.outcome === "rejected") {
          rejectionRows.push({
            id: newId(),
            storeId: locked.store.id,
            deviceId: device.id,
            seq: mutation.seq,
            kind: mutation.kind,
            orderId: result.orderId,
            code: result.code,
            message: result.message.slice(0, 500),
            createdAt: now,
            version: ctx.version,
          });
        }
      }
      await flushWrites(connection, ctx.pending);
      await flushJournal(ctx, connection, request.journal);
      if (remaining.length > 0) last = remaining[remaining.length - 1].seq;

      await writeBookkeeping(db, connection, ctx, request, {
        applied: remaining.map((m, i) => ({
          seq: m.seq,
          kind: m.kind,
          outcome: results[duplicates.length + i].outcome,
        })),
        rejectionRows,
        lastAppliedSeq: last,
      });
      const storeVersion = remaining.length > 0 ? ctx.version : locked.store.version;
      return {
        response: { protocol: request.protocol, lastAppliedSeq: last, storeVersion, results },
        storeId: locked.store.id,
        alerts: pendingAlerts,
      };
    },
  );
}

/**
 * A device can only lose seqs it assigned: `lost.toSeq` may not pass the
 * highest seq it reports in this push (outbox.highestSeq, its mutations) or
 * ever reported, and may not cover a mutation this push sends (that entry
 * would be skipped unapplied). Otherwise 400, before anything is written.
 */
function checkLostRange(
  lost: NonNullable<PushRequest["lost"]>,
  request: PushRequest,
  device: { reportedHighestSeq: number },
  lastAppliedSeq: number,
): void {
  const sent = request.mutations.map((m) => m.seq);
  const highest = Math.max(request.outbox?.highestSeq ?? 0, device.reportedHighestSeq, ...sent);
  if (lost.toSeq > highest) {
    throw new HttpError(
      400,
      "invalid_message",
      `Invalid message: lost.toSeq: ${lost.toSeq} is above the highest seq this device has ` +
        `assigned (${highest}, from outbox.highestSeq and the mutations sent; the server has ` +
        `applied up to ${lastAppliedSeq}): report only seqs you can no longer resend.`,
    );
  }
  const covered = sent.find((seq) => seq > lastAppliedSeq && seq <= lost.toSeq);
  if (covered !== undefined) {
    throw new HttpError(
      400,
      "invalid_message",
      `Invalid message: lost.toSeq: the lost range ${lost.fromSeq} to ${lost.toSeq} covers ` +
        `seq ${covered}, which this push sends: report as lost only seqs you no longer hold.`,
    );
  }
}

function sequenceGap(lastAppliedSeq: number): HttpError {
  return new HttpError(
    409,
    "sequence_gap",
    `The server has applied up to seq ${lastAppliedSeq}: resend from seq ${lastAppliedSeq + 1}.`,
    { lastAppliedSeq },
  );
}

async function recordLoss(
  db: Database,
  storeId: string,
  deviceId: string,
  fromSeq: number,
  toSeq: number,
  now: Date,
  alertsOut: PendingAlert[],
): Promise<void> {
  await db.insert(syncLosses).values({ storeId, deviceId, fromSeq, toSeq, reportedAt: now });
  alertsOut.push({
    kind: "sync_loss",
    message:
      `device ${deviceId} can no longer resend seqs ${fromSeq} to ${toSeq}: ` +
      `those changes are lost`,
    orderId: null,
  });
}

async function lockDeviceAndStore(db: Database, device: AuthenticatedDevice) {
  const [deviceRow] = await db
    .select({
      storeId: devices.storeId,
      lastAppliedSeq: devices.lastAppliedSeq,
      reportedHighestSeq: devices.reportedHighestSeq,
      revokedAt: devices.revokedAt,
    })
    .from(devices)
    .where(eq(devices.id, device.id))
    .for("update");
  if (!deviceRow || deviceRow.revokedAt !== null) {
    throw new HttpError(401, "unauthorized", "This device was revoked: pair it again with a code.");
  }
  const [storeRow] = await db
    .select({
      id: stores.id,
      timeZone: stores.timeZone,
      closingMinutes: stores.closingMinutes,
      version: stores.version,
    })
    .from(stores)
    .where(eq(stores.id, deviceRow.storeId))
    .for("update");
  if (!storeRow)
    throw new Error(`device ${device.id} points at missing store ${deviceRow.storeId}`);
  return { device: deviceRow, store: storeRow };
}

/** The audit rows, rejections, alerts, the device's cursor and report, the store version. */
async function writeBookkeeping(
  db: Database,
  connection: PoolConnection,
  ctx: ApplyContext,
  request: PushRequest,
  written: {
    applied: { seq: number; kind: string; outcome: string }[];
    rejectionRows: (typeof rejections.$inferInsert)[];
    lastAppliedSeq: number;
  },
): Promise<void> {
  if (written.applied.length > 0) {
    await bulkInsert(
      connection,
      syncMutations,
      written.applied.map((m) => ({
        deviceId: ctx.deviceId,
        seq: m.seq,
        storeId: ctx.store.id,
        kind: m.kind,
        outcome: m.outcome,
        appliedAt: ctx.now,
      })),
    );
    await db.update(stores).set({ version: ctx.version }).where(eq(stores.id, ctx.store.id));
  }
  if (written.rejectionRows.length > 0) await db.insert(rejections).values(written.rejectionRows);
  if (ctx.alerts.length > 0) {
    await db.insert(alerts).values(
      ctx.alerts.map((alert) => ({
        storeId: ctx.store.id,
        kind: alert.kind,
        message: alert.message.slice(0, 500),
        orderId: alert.orderId,
        deviceId: ctx.deviceId,
        createdAt: ctx.now,
      })),
    );
  }

  const outbox = request.outbox;
  await db
    .update(devices)
    .set({
      lastAppliedSeq: written.lastAppliedSeq,
      lastSeenAt: ctx.now,
      appVersion: request.appVersion,
      ...(outbox && {
        reportedPending: outbox.pending,
        reportedOldestPendingAt:
          outbox.oldestPendingAtMs === null ? null : new Date(outbox.oldestPendingAtMs),
        // The highest ever reported: it bounds the `lost` ranges of later pushes.
        reportedHighestSeq: sql`GREATEST(${devices.reportedHighestSeq}, ${outbox.highestSeq})`,
      }),
    })
    .where(eq(devices.id, ctx.deviceId));
}
