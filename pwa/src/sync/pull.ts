/**
 * Pulling the store's changes above the local cursor, page by page while the
 * server says `hasMore`. The server's copy of an order wins unless this device
 * still has a mutation pending on it. When the server asks for a reset, the
 * pulled copy is dropped (never the outbox) and the pull restarts from 0.
 */
import type { PullResponse } from "@ocpizza/schema";

import type { CounterDb } from "../db/database.js";
import { ordersWithPendingMutations } from "../db/outbox.js";
import type { LocalOrder } from "../db/types.js";
import { ApiError, type SyncApi } from "./api.js";

export interface PullContext {
  db: CounterDb;
  api: SyncApi;
  /** Orders per page; default 200 (the server takes 1 to 1000). */
  pullLimit: number;
  now: () => number;
}

/** Resets honoured in one pull; a server asking again right away is not believed twice more. */
const MAX_RESETS = 2;

/** Safety stop: no counter has this many pages of changes in one go. */
const MAX_PAGES = 1_000;

export async function pullChanges(ctx: PullContext): Promise<{ pages: number; orders: number }> {
  const { db, api } = ctx;
  let resets = 0;
  let pages = 0;
  let orders = 0;

  while (pages < MAX_PAGES) {
    const meta = await db.meta.get("device");
    if (!meta?.credential) break;

    let response: PullResponse;
    try {
      response = await api.pull(
        { since: meta.storeVersion, menuVersion: meta.menuVersion, limit: ctx.pullLimit },
        meta.credential.token,
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === "reset_required" && resets < MAX_RESETS) {
        resets += 1;
        await dropPulledCopy(db);
        continue;
      }
      throw error;
    }

    pages += 1;
    orders += response.orders.length;
    await mergePull(db, response, ctx.now());
    // A page that does not move the cursor cannot be followed without looping.
    if (!response.hasMore || response.storeVersion <= meta.storeVersion) break;
  }
  return { pages, orders };
}

/** Forgets every order that has no pending mutation, and rewinds the cursor to 0. */
export async function dropPulledCopy(db: CounterDb): Promise<void> {
  await db.transaction("rw", [db.orders, db.outbox, db.meta], async () => {
    const keep = await ordersWithPendingMutations(db);
    await db.orders.filter((order) => !keep.has(order.id)).delete();
    await db.meta.update("device", { storeVersion: 0 });
  });
}

async function mergePull(db: CounterDb, response: PullResponse, nowMs: number): Promise<void> {
  await db.transaction("rw", [db.orders, db.outbox, db.rejections, db.menu, db.meta], async () => {
    const pending = await ordersWithPendingMutations(db);

    for (const snapshot of response.orders) {
      if (pending.has(snapshot.id)) {
        // The cursor moves past this version: keep it in case the local change is refused.
        await db.orders.update(snapshot.id, { serverCopy: snapshot });
        continue;
      }
      const local = await db.orders.get(snapshot.id);
      const rejection = local?.rejection ?? null;
      const merged: LocalOrder = {
        ...snapshot,
        // A server that does not send the training flag yet must not unmark a training sale.
        training: snapshot.training ?? local?.training ?? false,
        // A server before staff sign-in sends no names: keep who took it here.
        takenByStaffId: snapshot.takenByStaffId ?? local?.takenByStaffId ?? null,
        takenByStaffName: snapshot.takenByStaffName ?? local?.takenByStaffName ?? null,
        statusByStaffId: local?.statusByStaffId ?? null,
        statusApprovedByStaffId: local?.statusApprovedByStaffId ?? null,
        syncState: rejection ? "rejected" : "synced",
        rejection,
        serverCopy: null,
      };
      await db.orders.put(merged);
    }

    for (const rejection of response.rejections) {
      const key = `${rejection.deviceId ?? "store"}:${rejection.seq}`;
      const existing = await db.rejections.get(key);
      const { id, version, ...rest } = rejection;
      await db.rejections.put({
        ...rest,
        key,
        serverId: id,
        version,
        acknowledgedAtMs: existing?.acknowledgedAtMs ?? null,
      });
      if (rejection.orderId && !pending.has(rejection.orderId) && !existing) {
        const reason = { code: rejection.code, message: rejection.message };
        await db.orders.update(rejection.orderId, { rejection: reason, syncState: "rejected" });
      }
    }

    if (response.menu) {
      await db.menu.put({ id: "current", menu: response.menu, savedAtMs: nowMs });
    }
    await db.meta.update("device", {
      storeVersion: response.storeVersion,
      store: response.store,
      storeId: response.store.id,
      ...(response.menu ? { menuVersion: response.menu.version } : {}),
      lastPullAtMs: nowMs,
    });
  });
}
