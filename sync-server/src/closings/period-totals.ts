/**
 * The figures of the period being closed, and the refusals that come first:
 * a day adds up its tickets once every register has sent them all; a month
 * adds up its day closings and a year its month closings, each refused while
 * a lower period with sales is still open.
 */
import { and, eq, sql } from "drizzle-orm";

import type { ClosingPeriod, ClosingTotals } from "@ocpizza/schema";
import { closings, journalEntries } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { HttpError } from "../http/errors.js";
import { describeScope, sameScope, type ClosingScope } from "./scope.js";
import { journalTotals, movedTickets, sumTotals, unsyncedRegisters } from "./figures.js";

export async function periodTotals(
  db: Database,
  scope: ClosingScope,
  period: ClosingPeriod,
  key: string,
  range: { from: string; to: string },
): Promise<ClosingTotals> {
  if (period === "day") {
    const unsynced = (await unsyncedRegisters(db, scope.storeId)).filter(
      (r) => scope.registerId === null || r.registerId === scope.registerId,
    );
    if (unsynced.length > 0) {
      const names = unsynced
        .map(
          (r) =>
            `register ${r.registerId}${r.deviceName ? ` (device "${r.deviceName}")` : ""} ` +
            `holds tickets up to ${r.reportedHeadSeq}, the server up to ${r.storedSeq}`,
        )
        .join("; ");
      throw new HttpError(
        409,
        "unsynced_tickets",
        `Day ${key} of ${describeScope(scope)} cannot be closed yet: ${names}. ` +
          "Sync those devices, then close again; " +
          "a device that is lost, or reports tickets it never sends, can be revoked " +
          "(devices.revoked_at, see docs/security.md): a revoked device no longer holds a " +
          "closing back.",
        { registers: unsynced },
      );
    }
    return journalTotals(db, scope, range.from, range.to);
  }

  const lower: ClosingPeriod = period === "month" ? "day" : "month";
  const width = lower === "day" ? 10 : 7;
  const withSales = await db
    .selectDistinct({ key: sql<string>`LEFT(${journalEntries.businessDay}, ${width})` })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.storeId, scope.storeId),
        scope.registerId === null ? undefined : eq(journalEntries.registerId, scope.registerId),
        sql`${journalEntries.businessDay} BETWEEN ${range.from} AND ${range.to}`,
        eq(journalEntries.training, false),
      ),
    );
  const closed = await db
    .select({ key: closings.periodKey, totals: closings.totals })
    .from(closings)
    .where(
      and(
        sameScope(scope),
        eq(closings.period, lower),
        sql`${closings.periodKey} LIKE ${`${key}-%`}`,
      ),
    );
  const closedKeys = new Set(closed.map((c) => c.key));
  // A ticket that came after its day's closing makes the day it moved to a day with sales.
  const movedTo = [...(await movedTickets(db, scope.storeId))]
    .filter(([key]) => scope.registerId === null || key.startsWith(`${scope.registerId}#`))
    .map(([, day]) => day)
    .filter((day) => day >= range.from && day <= range.to)
    .map((day) => day.slice(0, width));
  const open = [...new Set([...withSales.map((row) => String(row.key)), ...movedTo])]
    .filter((k) => !closedKeys.has(k))
    .sort();
  if (open.length > 0) {
    throw new HttpError(
      409,
      "open_periods",
      `The ${period} ${key} of ${describeScope(scope)} cannot be closed ` +
        `before its ${lower}s with sales: ` +
        `${open.join(", ")} ${open.length === 1 ? "is" : "are"} still open.`,
      { open },
    );
  }
  return sumTotals(closed.map((c) => JSON.parse(c.totals) as ClosingTotals));
}
