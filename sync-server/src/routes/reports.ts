/**
 * The report endpoints (the operator, or a manager of the store): the sales
 * report (a manager of some stores must name one), the manager's sales
 * dashboard and its CSV, and the devices panel (both for one store or all
 * the manager's stores). Each validates the date range and the store, then
 * reads the figures in one consistent snapshot. Also what follows each push:
 * summing the days it changed, and the `device_unsynced` alert check.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";

import { inTransaction } from "../db/transaction.js";
import { fromQuery, principalOf } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { CSV_SECTIONS, dashboardCsv, type CsvSection } from "../reports/dashboard-csv.js";
import { devicesStatus } from "../reports/devices-status.js";
import { salesDashboard } from "../reports/sales-dashboard.js";
import { salesReport } from "../reports/sales-report.js";
import { refreshSalesSummary } from "../reports/sales-summary.js";
import { storesInScope } from "../reports/store-scope.js";
import { checkUnsyncedDevices } from "../reports/unsynced-alerts.js";
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

const dashboardQuerySchema = z
  .object({
    from: day,
    to: day,
    storeId: z.string().trim().min(1).max(32).optional(),
    format: z.enum(["json", "csv"]).default("json"),
    section: z.enum(CSV_SECTIONS as [CsvSection, ...CsvSection[]]).optional(),
  })
  .refine((q) => q.from <= q.to, { message: "must not be before from", path: ["to"] })
  .refine((q) => daysBetween(q.from, q.to) <= MAX_REPORT_DAYS, {
    message: `the range must not exceed ${MAX_REPORT_DAYS} days`,
    path: ["to"],
  });
const devicesQuerySchema = z.object({ storeId: z.string().trim().min(1).max(32).optional() });

export function reportRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const managersOfTheirStores = deps.access.allow(["operator", "manager"], {
    store: "in-handler",
  });

  app.get("/api/v1/reports/dashboard", managersOfTheirStores, async (c) => {
    const query = parseMessage(dashboardQuerySchema, c.req.query());
    const storeIds = await storesInScope(deps.db, principalOf(c), query.storeId);
    // Usually nothing to do: each push has already summed the days it changed.
    await refreshSalesSummary(deps.pool, storeIds, deps.now());
    const report = await inTransaction(deps.pool, { snapshot: true }, ({ db }) =>
      salesDashboard(db, { from: query.from, to: query.to, storeIds }, deps.now()),
    );
    if (query.format === "json") return c.json(report);

    const name = `ventes-${query.storeId ?? "magasins"}-${query.from}-${query.to}.csv`;
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="${name}"`);
    return c.body(dashboardCsv(report, query.section));
  });

  app.get("/api/v1/reports/devices", managersOfTheirStores, async (c) => {
    const query = parseMessage(devicesQuerySchema, c.req.query());
    const storeIds = await storesInScope(deps.db, principalOf(c), query.storeId);
    const nowMs = deps.now();
    return c.json({ devices: await devicesStatus(deps.db, storeIds, nowMs), nowMs });
  });

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

/**
 * After a successful push: sums again the days it changed for the dashboard,
 * and raises or resolves the device's unsynced alert. A failure is logged
 * (the next push or read catches up): the push itself has succeeded.
 */
export function afterPush(deps: RouteDeps, unsyncedAlertMs: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const device = c.get("device");
    if (c.res.status !== 200 || !device) return;
    try {
      await refreshSalesSummary(deps.pool, [device.storeId], deps.now());
      await checkUnsyncedDevices(deps.pool, {
        thresholdMs: unsyncedAlertMs,
        nowMs: deps.now(),
        deviceId: device.id,
      });
    } catch (error) {
      deps.logger.error({ err: error, deviceId: device.id }, "after-push work failed");
    }
  };
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
