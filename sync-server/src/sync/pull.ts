/**
 * Sync pull: every order of the device's store, and every rejection of the
 * device, changed above the client's cursor (a store version), read in one
 * consistent snapshot. Pages are cut at a version boundary so a version is
 * never split; a cursor ahead of the server or too old asks for a reset.
 */
import type { Pool } from "mysql2/promise";
import { and, asc, eq, gt, gte, lte, min } from "drizzle-orm";

import type { PullResponse, pullQuerySchema } from "@ocpizza/schema";
import { orders, rejections, stores } from "@ocpizza/schema/db";
import type { z } from "zod";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import type { AuthenticatedDevice } from "../http/auth.js";
import { HttpError } from "../http/errors.js";
import type { MenuCatalog } from "../menu/menu-catalog.js";
import { toStoreInfo } from "../stores/store-info.js";
import { toOrderSnapshots, toRejectionSnapshot } from "./order-snapshots.js";

export type PullQuery = z.output<typeof pullQuerySchema>;

export interface PullDeps {
  pool: Pool;
  db: Database;
  menu: MenuCatalog;
  now: () => number;
  /** Days of history a pull from 0 returns. */
  pullHistoryDays: number;
}

export async function pull(
  deps: PullDeps,
  device: AuthenticatedDevice,
  query: PullQuery,
): Promise<PullResponse> {
  // The store's own menu: what it has turned off never reaches its counters.
  const menu = await deps.menu.current(deps.db, device.storeId);

  return inTransaction(deps.pool, { snapshot: true }, async ({ db }) => {
    const [store] = await db.select().from(stores).where(eq(stores.id, device.storeId));
    if (!store) throw new Error(`device ${device.id} points at missing store ${device.storeId}`);
    if (query.since > store.version || (query.since > 0 && query.since < store.minPullVersion)) {
      throw new HttpError(
        409,
        "reset_required",
        `Cursor ${query.since} does not match this server (store version ${store.version}): ` +
          "drop the pulled copy, keep the outbox, and pull again from 0.",
        { storeVersion: store.version },
      );
    }

    const cutoff = new Date(deps.now() - deps.pullHistoryDays * 86_400_000);
    const since = query.since > 0 ? query.since : await historyStart(db, store, device.id, cutoff);
    const head = await versionsAbove(db, store.id, device.id, since, query.limit + 1);
    let upTo = store.version;
    let hasMore = false;
    if (head.length > query.limit) {
      const end = pageEnd(head, query.limit);
      // A page holding one whole big version may still be the last one.
      hasMore =
        head.some((v) => v > end) ||
        (await versionsAbove(db, store.id, device.id, end, 1)).length > 0;
      if (hasMore) upTo = end;
    }

    const inPage = (column: typeof orders.version | typeof rejections.version) =>
      and(gt(column, since), lte(column, upTo));
    const orderRows = await db
      .select()
      .from(orders)
      .where(and(eq(orders.storeId, store.id), inPage(orders.version)))
      .orderBy(asc(orders.version), asc(orders.id));
    const rejectionRows = await db
      .select()
      .from(rejections)
      .where(
        and(
          eq(rejections.storeId, store.id),
          eq(rejections.deviceId, device.id),
          inPage(rejections.version),
        ),
      )
      .orderBy(asc(rejections.version), asc(rejections.seq));

    return {
      protocol: query.protocol,
      storeVersion: upTo,
      hasMore,
      orders: await toOrderSnapshots(db, orderRows),
      rejections: rejectionRows.map(toRejectionSnapshot),
      ...(query.menuVersion !== menu.version && { menu }),
      store: toStoreInfo(store),
    };
  });
}

/**
 * Where a pull from scratch starts: just below the first version written in
 * the history window. Versions only grow with server time, so every order
 * changed within the window is at or above that version.
 */
async function historyStart(
  db: Database,
  store: { id: string; version: number },
  deviceId: string,
  cutoff: Date,
): Promise<number> {
  const [orderFloor] = await db
    .select({ version: min(orders.version) })
    .from(orders)
    .where(and(eq(orders.storeId, store.id), gte(orders.updatedAt, cutoff)));
  const [rejectionFloor] = await db
    .select({ version: min(rejections.version) })
    .from(rejections)
    .where(
      and(
        eq(rejections.storeId, store.id),
        eq(rejections.deviceId, deviceId),
        gte(rejections.createdAt, cutoff),
      ),
    );
  const floors = [orderFloor?.version, rejectionFloor?.version].filter(
    (v): v is number => v !== null && v !== undefined,
  );
  return floors.length > 0 ? Math.min(...floors) - 1 : store.version;
}

/** The versions of the first `count` rows above the cursor, orders and rejections merged. */
async function versionsAbove(
  db: Database,
  storeId: string,
  deviceId: string,
  since: number,
  count: number,
): Promise<number[]> {
  const orderVersions = await db
    .select({ version: orders.version })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), gt(orders.version, since)))
    .orderBy(asc(orders.version))
    .limit(count);
  const rejectionVersions = await db
    .select({ version: rejections.version })
    .from(rejections)
    .where(
      and(
        eq(rejections.storeId, storeId),
        eq(rejections.deviceId, deviceId),
        gt(rejections.version, since),
      ),
    )
    .orderBy(asc(rejections.version))
    .limit(count);
  return [...orderVersions, ...rejectionVersions]
    .map((row) => row.version)
    .sort((a, b) => a - b)
    .slice(0, count);
}

/**
 * The last version of a page of `limit` rows when more follow: the page
 * stops before a version that would be split, unless that one version fills
 * the whole page, in which case the page holds all of it.
 */
export function pageEnd(versions: readonly number[], limit: number): number {
  const last = versions[limit - 1];
  if (versions[limit] !== last) return last;
  const below = versions.slice(0, limit).filter((v) => v < last);
  return below.length > 0 ? below[below.length - 1] : last;
}
