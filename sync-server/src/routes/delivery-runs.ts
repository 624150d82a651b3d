/**
 * Drivers' cash: a device of the store reads a driver's delivered orders
 * not settled yet and records the settlement when the driver hands the
 * cash in (the staff member signed in on the device settles, as staffId);
 * a manager of the store, or the operator, lists the settlements. A device
 * also asks in which order to drive a round (Routes API when a key is set).
 * Assigning and delivering go through the sync push (delivery.update).
 */
import { Hono } from "hono";
import { and, eq, or } from "drizzle-orm";
import { z } from "zod";

import { ALL_STORES, staff, staffStores } from "@ocpizza/schema/db";

import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { listSettlements, openDeliveries, settleDriver } from "../delivery/settlements.js";
import { planRound } from "../delivery/round.js";
import type { MapsSettings } from "../geo/maps-settings.js";
import type { RouteDeps } from "./route-deps.js";

const staffIdSchema = z.uuid({ message: "must be a staff id (UUID)" });
const openQuerySchema = z.object({ driverStaffId: staffIdSchema });
const settleSchema = z.object({
  driverStaffId: staffIdSchema,
  /** The cash the driver hands in, counted at the counter. */
  countedCents: z.number().int().min(0).max(10_000_000),
  /** Who counted it: the staff member signed in on the device. */
  staffId: staffIdSchema,
});
const roundSchema = z.object({
  /** The driver's stops, at most 25 (the Routes API's limit of intermediate waypoints). */
  orderIds: z
    .array(z.uuid({ message: "must be an order id (UUID)" }))
    .min(1)
    .max(25)
    .refine((ids) => new Set(ids).size === ids.length, { message: "must not repeat an order" }),
});
const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function deliveryRunRoutes(deps: RouteDeps, maps: MapsSettings): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const device = deps.access.allow(["device"]);
  const managersOfTheStore = deps.access.allow(["operator", "manager"], {
    store: (c) => c.req.param("storeId"),
  });

  app.get("/api/v1/devices/me/driver-settlements/open", device, async (c) => {
    const { storeId } = c.get("device")!;
    const query = parseMessage(openQuerySchema, c.req.query());
    return c.json(await openDeliveries(deps.db, storeId, query.driverStaffId));
  });

  app.post("/api/v1/devices/me/driver-settlements", device, async (c) => {
    const { storeId } = c.get("device")!;
    const body = parseMessage(settleSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    await requireStaffOfStore(deps, body.driverStaffId, storeId, "driverStaffId");
    await requireStaffOfStore(deps, body.staffId, storeId, "staffId");

    const settlement = await settleDriver(
      deps.pool,
      storeId,
      body.driverStaffId,
      body.countedCents,
      body.staffId,
      new Date(deps.now()),
    );
    deps.logger.info(
      {
        storeId,
        settlementId: settlement.id,
        deliveries: settlement.deliveries,
        differenceCents: settlement.differenceCents,
      },
      "driver cash settled",
    );
    return c.json({ settlement }, 201);
  });

  app.post("/api/v1/devices/me/delivery-round", device, async (c) => {
    const { storeId } = c.get("device")!;
    const body = parseMessage(roundSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    const round = await planRound(deps.db, maps, storeId, body.orderIds);
    deps.logger.info(
      { storeId, stops: round.orderIds.length, optimized: round.optimized, reason: round.reason },
      "delivery round planned",
    );
    return c.json(round);
  });

  app.get("/api/v1/admin/stores/:storeId/driver-settlements", managersOfTheStore, async (c) => {
    const storeId = c.req.param("storeId");
    const query = parseMessage(listQuerySchema, c.req.query());
    return c.json({ storeId, settlements: await listSettlements(deps.db, storeId, query.limit) });
  });

  return app;
}

/** 400 naming the field when the id is not an active staff member of the store. */
async function requireStaffOfStore(
  deps: RouteDeps,
  staffId: string,
  storeId: string,
  field: string,
): Promise<void> {
  const [row] = await deps.db
    .select({ id: staff.id })
    .from(staff)
    .innerJoin(staffStores, eq(staffStores.staffId, staff.id))
    .where(
      and(
        eq(staff.id, staffId),
        or(eq(staffStores.storeId, storeId), eq(staffStores.storeId, ALL_STORES)),
      ),
    )
    .limit(1);
  if (!row) {
    throw new HttpError(
      400,
      "invalid_message",
      `Invalid message: ${field}: ${staffId} is not staff of store ${storeId}.`,
    );
  }
}
