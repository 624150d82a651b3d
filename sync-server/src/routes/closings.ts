/**
 * Closings and X reports (the operator or a manager of the store): the figures of a day so far, and
 * closing a store's day, month or year into a chained, archived Z report.
 */
import { Hono } from "hono";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";

import { businessDay, closingRequestSchema, isPeriodKey, type XReport } from "@ocpizza/schema";
import { closings, stores } from "@ocpizza/schema/db";

import { closePeriod, findClosing } from "../closings/close-period.js";
import { sameScope } from "../closings/scope.js";
import { journalTotals, unsyncedRegisters } from "../closings/figures.js";
import { inTransaction } from "../db/transaction.js";
import { checkStore, fromQuery, principalOf, type StoreSource } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import type { RouteDeps } from "./route-deps.js";

const xReportQuerySchema = z.object({
  storeId: z.string().trim().min(1).max(32),
  /** One register's figures instead of the whole store's. */
  registerId: z.string().trim().min(1).max(64).optional(),
  /** A business day; today's (in the store's time zone) when absent. */
  day: z
    .string()
    .refine((day) => isPeriodKey("day", day), "must be a date YYYY-MM-DD")
    .optional(),
});

export function closingRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const managers = (store: StoreSource) => deps.access.allow(["operator", "manager"], { store });

  app.get("/api/v1/admin/x-report", managers(fromQuery("storeId")), async (c) => {
    const query = parseMessage(xReportQuerySchema, c.req.query());
    const nowMs = deps.now();
    const report = await inTransaction(deps.pool, { snapshot: true }, async ({ db }) => {
      const [store] = await db.select().from(stores).where(eq(stores.id, query.storeId));
      if (!store) throw unknownStore(query.storeId);
      const day = query.day ?? businessDay(nowMs, store.timeZone, store.closingMinutes);
      const scope = { storeId: store.id, registerId: query.registerId ?? null };
      const closed = await findClosing(db, scope, "day", day);
      const totals = closed?.totals ?? (await journalTotals(db, scope, day, day));
      const [lastDay] = await db
        .select({ grandTotalCents: closings.grandTotalCents })
        .from(closings)
        .where(and(sameScope(scope), eq(closings.period, "day")))
        .orderBy(desc(closings.seq))
        .limit(1);
      const result: XReport = {
        storeId: store.id,
        registerId: scope.registerId,
        day,
        closed: closed !== null,
        totals,
        grandTotalCents: closed
          ? closed.grandTotalCents
          : (lastDay?.grandTotalCents ?? 0) + totals.totalCents,
        unsyncedRegisters: (await unsyncedRegisters(db, store.id)).filter(
          (r) => scope.registerId === null || r.registerId === scope.registerId,
        ),
        generatedAtMs: nowMs,
      };
      return result;
    });
    return c.json(report);
  });

  app.post("/api/v1/admin/closings", managers("in-handler"), async (c) => {
    const body = parseMessage(
      closingRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    checkStore(principalOf(c), body.storeId);
    const closing = await closePeriod(deps, body, deps.now());
    deps.logger.info(
      { storeId: closing.storeId, period: closing.period, key: closing.key, seq: closing.seq },
      "period closed",
    );
    return c.json(closing, 201);
  });

  return app;
}

function unknownStore(storeId: string): HttpError {
  return new HttpError(
    404,
    "not_found",
    `Store "${storeId}" does not exist: use an id from /api/v1/stores.`,
  );
}
