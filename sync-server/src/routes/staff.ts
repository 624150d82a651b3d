/**
 * Staff accounts, for the operator or a manager of every store: creating one
 * (role, stores, a password for managers, none needed for counter staff,
 * pizzaiolos and drivers) and listing them. Nothing is written when any
 * part of the request is wrong.
 */
import { Hono } from "hono";
import { asc, inArray } from "drizzle-orm";

import { ALL_STORE_IDS, newId, staffCreateRequestSchema } from "@ocpizza/schema";
import { staff, staffStores, stores } from "@ocpizza/schema/db";

import { hashPassword } from "../accounts/passwords.js";
import { classifyDbError } from "../db/errors.js";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import type { RouteDeps } from "./route-deps.js";

export interface StaffListing {
  id: string;
  email: string;
  name: string;
  role: string;
  storeIds: string[];
  hasPassword: boolean;
  disabled: boolean;
  createdAtMs: number;
}

export function staffRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const everyStore = deps.access.allow(["operator", "manager"], { store: "all" });

  app.post("/api/v1/admin/staff", everyStore, async (c) => {
    const body = parseMessage(
      staffCreateRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    if (!body.storeIds.includes(ALL_STORE_IDS)) {
      const known = await deps.db
        .select({ id: stores.id })
        .from(stores)
        .where(inArray(stores.id, body.storeIds));
      const unknown = body.storeIds.filter((id) => !known.some((k) => k.id === id));
      if (unknown.length > 0) {
        throw new HttpError(
          404,
          "not_found",
          `Unknown store ${unknown.map((id) => `"${id}"`).join(", ")}: use ids from ` +
            `/api/v1/stores.`,
        );
      }
    }
    const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
    const id = newId();
    const nowMs = deps.now();
    await inTransaction(deps.pool, {}, async ({ db }) => {
      await db.insert(staff).values({
        id,
        email: body.email,
        name: body.name,
        role: body.role,
        passwordHash,
        createdAt: new Date(nowMs),
      });
      await db
        .insert(staffStores)
        .values(body.storeIds.map((storeId) => ({ staffId: id, storeId })));
    }).catch((error: unknown) => {
      if (classifyDbError(error) !== "duplicate_key") throw error;
      throw new HttpError(409, "email_taken", "A staff account already uses this email.");
    });
    deps.logger.info({ kind: "staff", subjectId: id, role: body.role }, "staff account created");
    const [created] = await listStaff(deps, [id]);
    return c.json({ staff: created }, 201);
  });

  app.get("/api/v1/admin/staff", everyStore, async (c) => {
    return c.json({ staff: await listStaff(deps) });
  });

  return app;
}

async function listStaff(deps: RouteDeps, ids?: string[]): Promise<StaffListing[]> {
  const rows = await deps.db
    .select()
    .from(staff)
    .where(ids ? inArray(staff.id, ids) : undefined)
    .orderBy(asc(staff.email));
  const links = await deps.db.select().from(staffStores);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    storeIds: links
      .filter((link) => link.staffId === row.id)
      .map((link) => link.storeId)
      .sort(),
    hasPassword: row.passwordHash !== null,
    disabled: row.disabledAt !== null,
    createdAtMs: row.createdAt.getTime(),
  }));
}
