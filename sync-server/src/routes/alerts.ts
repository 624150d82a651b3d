/**
 * The alerts list (the operator, or a manager: only their stores' alerts)
 * and acknowledging one, which records who and when. Raising alerts is the
 * business of whoever finds the problem (push, journal, the unsynced check);
 * the backup job, which runs on the database server, reports its failures
 * here with the operator's token (ops/backup/report-failure.sh). Such an
 * alert concerns the whole chain: its store is "*", seen by the operator and
 * the managers of every store.
 */
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { z } from "zod";

import { ALL_STORE_IDS } from "@ocpizza/schema";
import { alerts, staff } from "@ocpizza/schema/db";

import { checkStore, coversAllStores, principalOf, type Principal } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { acknowledgeAlert, findAlert, listAlerts } from "../reports/alerts-list.js";
import { storesInScope } from "../reports/store-scope.js";
import type { RouteDeps } from "./route-deps.js";

const listQuerySchema = z.object({
  storeId: z.string().trim().min(1).max(32).optional(),
  status: z.enum(["open", "acknowledged", "all"]).default("open"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
const alertIdSchema = z.object({
  id: z.coerce
    .number({ message: "must be an alert id (a positive integer)" })
    .int("must be an alert id (a positive integer)")
    .min(1, "must be an alert id (a positive integer)")
    .max(2_147_483_647, "must be an alert id (a positive integer)"),
});

const backupFailureSchema = z.strictObject({
  message: z
    .string()
    .trim()
    .min(1, "must say what failed")
    .max(480, "must be at most 480 characters")
    .refine((text) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), {
      message: "must not contain control characters",
    }),
});

export function alertRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const managers = deps.access.allow(["operator", "manager"], { store: "in-handler" });

  app.get("/api/v1/alerts", managers, async (c) => {
    const query = parseMessage(listQuerySchema, c.req.query());
    const principal = principalOf(c);
    const storeIds = await storesInScope(deps.db, principal, query.storeId);
    // Chain-wide alerts (failed backups) go to whoever sees every store.
    if (query.storeId === undefined && coversAllStores(principal)) storeIds.push(ALL_STORE_IDS);
    return c.json({ alerts: await listAlerts(deps.db, { ...query, storeIds }) });
  });

  app.post("/api/v1/alerts/backup-failure", deps.access.allow(["operator"]), async (c) => {
    const body = parseMessage(backupFailureSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    const [result] = await deps.db.insert(alerts).values({
      storeId: ALL_STORE_IDS,
      kind: "backup_failed",
      message: body.message,
      createdAt: new Date(deps.now()),
    });
    deps.logger.error({ kind: "backup_failed" }, "the database backup failed");
    return c.json({ alertId: result.insertId }, 201);
  });

  app.post("/api/v1/alerts/:id/acknowledge", managers, async (c) => {
    const { id } = parseMessage(alertIdSchema, { id: c.req.param("id") });
    const alert = await findAlert(deps.db, id);
    if (!alert) throw new HttpError(404, "not_found", `No alert ${id}: see GET /api/v1/alerts.`);
    const principal = principalOf(c);
    checkStore(principal, alert.storeId);

    const by = await who(deps, principal);
    const acknowledged = await acknowledgeAlert(deps.db, id, by, deps.now());
    deps.logger.info(
      { alertId: id, storeId: alert.storeId, by: acknowledged.acknowledgedById ?? "operator" },
      "alert acknowledged",
    );
    return c.json({ alert: acknowledged });
  });

  return app;
}

async function who(deps: RouteDeps, principal: Principal) {
  if (principal.kind !== "staff") return { name: "operator", staffId: null };
  const [row] = await deps.db
    .select({ name: staff.name })
    .from(staff)
    .where(eq(staff.id, principal.id));
  return { name: row?.name ?? principal.id, staffId: principal.id };
}
