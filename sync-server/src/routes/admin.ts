/**
 * Managing a store's devices (the operator, or a manager of the store): the
 * list with what each device last reported, and revoking one. A revoked
 * device gets 401 on every device call from then on, and its register no
 * longer holds back closings (they warn about its missing tickets instead).
 */
import { Hono } from "hono";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";

import { devices } from "@ocpizza/schema/db";

import { checkStore, fromQuery, principalOf } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { findStore } from "../stores/store-info.js";
import { staffRoutes } from "./staff.js";
import type { RouteDeps } from "./route-deps.js";

const listQuerySchema = z.object({ storeId: z.string().trim().min(1).max(32).optional() });
const deviceIdSchema = z.object({ id: z.uuid({ message: "must be a device id (a UUID)" }) });

export interface DeviceListing {
  id: string;
  storeId: string;
  name: string;
  registerCode: string | null;
  appVersion: string | null;
  pairedAtMs: number;
  lastSeenAtMs: number | null;
  /** Mutations the device last said it still holds unsynced. */
  reportedPending: number;
  revoked: boolean;
  revokedAtMs: number | null;
}

export function adminRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const managers = deps.access.allow(["operator", "manager"], { store: fromQuery("storeId") });
  const managersOfTheDevice = deps.access.allow(["operator", "manager"], { store: "in-handler" });

  app.get("/api/v1/admin/devices", managers, async (c) => {
    const query = parseMessage(listQuerySchema, c.req.query());
    if (query.storeId !== undefined && !(await findStore(deps.db, query.storeId))) {
      throw new HttpError(404, "not_found", `Store "${query.storeId}" does not exist.`);
    }
    const rows = await deps.db
      .select()
      .from(devices)
      .where(query.storeId === undefined ? undefined : eq(devices.storeId, query.storeId))
      .orderBy(asc(devices.storeId), asc(devices.createdAt));
    return c.json({ devices: rows.map(toListing) });
  });

  app.post("/api/v1/admin/devices/:id/revoke", managersOfTheDevice, async (c) => {
    const { id } = parseMessage(deviceIdSchema, { id: c.req.param("id") });
    const [row] = await deps.db.select().from(devices).where(eq(devices.id, id));
    if (!row) {
      throw new HttpError(404, "not_found", `No device ${id}: see GET /api/v1/admin/devices.`);
    }
    checkStore(principalOf(c), row.storeId);
    const nowMs = deps.now();
    if (row.revokedAt === null) {
      await deps.db
        .update(devices)
        .set({ revokedAt: new Date(nowMs) })
        .where(and(eq(devices.id, id), isNull(devices.revokedAt)));
      deps.logger.info({ deviceId: id, storeId: row.storeId }, "device revoked");
    }
    const [after] = await deps.db.select().from(devices).where(eq(devices.id, id));
    return c.json({ device: toListing(after) });
  });

  app.route("/", staffRoutes(deps));
  return app;
}

function toListing(row: typeof devices.$inferSelect): DeviceListing {
  return {
    id: row.id,
    storeId: row.storeId,
    name: row.name,
    registerCode: row.registerCode,
    appVersion: row.appVersion,
    pairedAtMs: row.createdAt.getTime(),
    lastSeenAtMs: row.lastSeenAt?.getTime() ?? null,
    reportedPending: row.reportedPending,
    revoked: row.revokedAt !== null,
    revokedAtMs: row.revokedAt?.getTime() ?? null,
  };
}
