/**
 * Closing a day, month or year of a store, or of one of its registers: under
 * the store's row lock (so no push lands meanwhile) it refuses what cannot
 * be closed yet, adds up the figures, chains the closing to the store's
 * previous one and, when archives are on, writes the signed archive of the
 * period before commit.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Pool } from "mysql2/promise";

import {
  businessDay,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  newId,
  type Closing,
  type ClosingContent,
  type ClosingPeriod,
  type ClosingRequest,
} from "@ocpizza/schema";
import { closings, registers, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import { HttpError } from "../http/errors.js";
import { writeArchive, type ArchiveSettings } from "./archive.js";
import { registerSeals, requireRegister, revokedUnsynced } from "./figures.js";
import { periodTotals } from "./period-totals.js";
import { describeScope, sameScope, type ClosingScope } from "./scope.js";

export interface CloseDeps {
  pool: Pool;
  archive: ArchiveSettings | null;
}

/** First and last business day of a period key. */
export function periodRange(period: ClosingPeriod, key: string): { from: string; to: string } {
  if (period === "day") return { from: key, to: key };
  if (period === "year") return { from: `${key}-01-01`, to: `${key}-12-31` };
  const [year, month] = key.split("-").map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${key}-01`, to: `${key}-${String(lastDay).padStart(2, "0")}` };
}

export async function closePeriod(
  deps: CloseDeps,
  request: ClosingRequest,
  nowMs: number,
): Promise<Closing> {
  return inTransaction(deps.pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    const store = await lockStore(db, request.storeId);
    const scope: ClosingScope = { storeId: store.id, registerId: request.registerId ?? null };
    if (scope.registerId !== null) await requireRegister(db, scope);
    const { period, key } = request;
    const what = `The ${period} ${key} of ${describeScope(scope)}`;
    const today = businessDay(nowMs, store.timeZone, store.closingMinutes);
    const current =
      period === "day" ? today : period === "month" ? today.slice(0, 7) : today.slice(0, 4);
    if (period === "day" ? key > current : key >= current) {
      throw new HttpError(409, "period_not_over", `${what} is not over yet (today is ${today}).`);
    }
    if (await findClosing(db, scope, period, key)) {
      throw new HttpError(409, "already_closed", `${what} is already closed.`);
    }

    const range = periodRange(period, key);
    const totals = await periodTotals(db, scope, period, key, range);
    const [last] = await db
      .select({ seq: closings.seq, hash: closings.hash })
      .from(closings)
      .where(eq(closings.storeId, store.id))
      .orderBy(desc(closings.seq))
      .limit(1);
    const [lastDay] = await db
      .select({ grandTotalCents: closings.grandTotalCents })
      .from(closings)
      .where(and(sameScope(scope), eq(closings.period, "day")))
      .orderBy(desc(closings.seq))
      .limit(1);
    const grandBefore = lastDay?.grandTotalCents ?? 0;
    const seals = await registerSeals(db, store.id);

    const content: ClosingContent = {
      storeId: store.id,
      scope: scope.registerId === null ? "store" : "register",
      registerId: scope.registerId,
      period,
      key,
      seq: (last?.seq ?? 0) + 1,
      totals,
      grandTotalCents: period === "day" ? grandBefore + totals.totalCents : grandBefore,
      closedAtMs: nowMs,
      closedBy: request.closedBy,
      registers: seals.filter(
        (s) => scope.registerId === null || s.registerId === scope.registerId,
      ),
    };
    const previousHash = last?.hash ?? GENESIS_HASH;
    const closing: Closing = {
      ...content,
      id: newId(),
      previousHash,
      hash: chainHash(previousHash, content),
      archivePath: null,
    };
    await db.insert(closings).values({
      id: closing.id,
      storeId: store.id,
      scope: content.scope,
      registerId: scope.registerId,
      period,
      periodKey: key,
      totals: canonicalJson(totals),
      totalCents: totals.totalCents,
      grandTotalCents: content.grandTotalCents,
      seq: content.seq,
      previousHash,
      hash: closing.hash,
      content: canonicalJson(content),
      closedAt: new Date(nowMs),
      closedBy: request.closedBy,
    });

    // Written before commit: a closing never exists without its archive.
    if (deps.archive) closing.archivePath = await writeArchive(deps.archive, db, closing, range);
    // A revoked device never syncs again: its missing tickets do not hold the day back.
    if (period === "day") {
      const revoked = (await revokedUnsynced(db, store.id)).filter(
        (r) => scope.registerId === null || r.registerId === scope.registerId,
      );
      if (revoked.length > 0) {
        closing.warnings = revoked.map(
          (r) =>
            `register ${r.registerId}${r.deviceName ? ` (device "${r.deviceName}")` : ""} is ` +
            `revoked and reported tickets up to ${r.reportedHeadSeq}; the server holds up to ` +
            `${r.storedSeq}: those tickets are not in this closing`,
        );
      }
    }
    return closing;
  });
}

export async function findClosing(db: Database, scope: ClosingScope, period: string, key: string) {
  const [row] = await db
    .select({ content: closings.content })
    .from(closings)
    .where(and(sameScope(scope), eq(closings.period, period), eq(closings.periodKey, key)));
  return row ? (JSON.parse(row.content) as ClosingContent) : null;
}

async function lockStore(db: Database, storeId: string) {
  const [store] = await db
    .select({ id: stores.id, timeZone: stores.timeZone, closingMinutes: stores.closingMinutes })
    .from(stores)
    .where(eq(stores.id, storeId))
    .for("update");
  if (!store) {
    throw new HttpError(
      404,
      "not_found",
      `Store "${storeId}" does not exist: use an id from /api/v1/stores.`,
    );
  }
  return store;
}
