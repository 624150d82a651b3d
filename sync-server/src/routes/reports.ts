/**
 * The sales report endpoint (the operator, or a manager of the store; a
 * manager of some stores must name one): validates the date range and the
 * store, then reads the figures in one consistent snapshot.
 */
import { Hono } from "hono";
import { z } from "zod";

import { inTransaction } from "../db/transaction.js";
import { fromQuery } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { salesReport } from "../reports/sales-report.js";
import { findStore } from "../stores/store-info.js";
import type { RouteDeps } from "./route-deps.js";

/** The longest range a report may cover: about ten years. */
export const MAX_REPORT_DAYS = 3660;

const day = z
  .string({ message: "must be a date YYYY-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, "is not a calendar date");

const reportQuerySchema = z
  .object({ from: day, to: day, storeId: z.string().trim().min(1).max(32).optional() })
  .refine((q) => q.from <= q.to, { message: "must not be before from", path: ["to"] })
  .refine((q) => daysBetween(q.from, q.to) <= MAX_REPORT_DAYS, {
    message: `the range must not exceed ${MAX_REPORT_DAYS} days`,
    path: ["to"],
  });

export function reportRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    "/api/v1/reports/sales",
    deps.access.allow(["operator", "manager"], { store: fromQuery("storeId") }),
    async (c) => {
      const query = parseMessage(reportQuerySchema, c.req.query());
      if (query.storeId !== undefined && !(await findStore(deps.db, query.storeId))) {
        throw new HttpError(
          404,
          "not_found",
          `Store "${query.storeId}" does not exist: use an id from /api/v1/stores.`,
        );
      }
      const report = await inTransaction(deps.pool, { snapshot: true }, ({ db }) =>
        salesReport(
          db,
          { from: query.from, to: query.to, storeId: query.storeId ?? null },
          deps.now(),
        ),
      );
      return c.json(report);
    },
  );

  return app;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
