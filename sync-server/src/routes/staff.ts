/**
 * Staff accounts, for the operator and managers: creating one (role, stores,
 * a password for managers), listing them, and changing name, role, stores or
 * whether the account is disabled. A manager of some stores manages only
 * staff who work for those stores alone; who covers every store manages all.
 * Nothing is written when any part of the request is wrong.
 */
import { Hono } from "hono";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";

import {
  ALL_STORE_IDS,
  newId,
  staffCreateRequestSchema,
  staffUpdateRequestSchema,
  type StaffListing,
  type StaffUpdateRequest,
} from "@ocpizza/schema";
import { staff, staffStores, stores } from "@ocpizza/schema/db";

import { hashPassword } from "../accounts/passwords.js";
import { revokeAllSessions } from "../accounts/sessions.js";
import type { Database } from "../db/connection.js";
import { classifyDbError } from "../db/errors.js";
import { inTransaction } from "../db/transaction.js";
import {
  checkStore,
  fromQuery,
  principalOf,
  requireAllStores,
  type Principal,
} from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import type { RouteDeps } from "./route-deps.js";

export type { StaffListing };

const staffIdSchema = z.object({ staffId: z.uuid({ message: "must be a staff id (a UUID)" }) });
const listQuerySchema = z.object({ storeId: z.string().trim().min(1).max(32).optional() });

export function staffRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const managers = deps.access.allow(["operator", "manager"], { store: "in-handler" });
  const managersOfTheStore = deps.access.allow(["operator", "manager"], {
    store: fromQuery("storeId"),
  });

  app.post("/api/v1/admin/staff", managers, async (c) => {
    const body = parseMessage(
      staffCreateRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    checkStores(principalOf(c), body.storeIds);
    await requireKnownStores(deps.db, body.storeIds);

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
    const [created] = await listStaff(deps.db, { ids: [id] });
    return c.json({ staff: created }, 201);
  });

  app.get("/api/v1/admin/staff", managersOfTheStore, async (c) => {
    const query = parseMessage(listQuerySchema, c.req.query());
    if (query.storeId !== undefined) await requireKnownStores(deps.db, [query.storeId]);
    return c.json({ staff: await listStaff(deps.db, { storeId: query.storeId }) });
  });

  app.patch("/api/v1/admin/staff/:staffId", managers, async (c) => {
    const { staffId } = parseMessage(staffIdSchema, { staffId: c.req.param("staffId") });
    const body = parseMessage(
      staffUpdateRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    const [target] = await listStaff(deps.db, { ids: [staffId] });
    if (!target) {
      throw new HttpError(404, "not_found", `No staff ${staffId}: see GET /api/v1/admin/staff.`);
    }
    const principal = principalOf(c);
    checkStores(principal, target.storeIds);
    if (body.storeIds) checkStores(principal, body.storeIds);
    refuseSelfChange(principal, staffId, body);
    if (body.storeIds) await requireKnownStores(deps.db, body.storeIds);

    await applyStaffChange(deps, staffId, body);
    const [after] = await listStaff(deps.db, { ids: [staffId] });
    deps.logger.info(
      { kind: "staff", subjectId: staffId, changed: Object.keys(body).sort() },
      "staff account changed",
    );
    return c.json({ staff: after });
  });

  return app;
}

/** The principal must cover every named store ("*" needs who covers every store). */
function checkStores(principal: Principal, storeIds: readonly string[]): void {
  for (const storeId of storeIds) {
    if (storeId === ALL_STORE_IDS) requireAllStores(principal);
    else checkStore(principal, storeId);
  }
}

/** A manager keeps their own role, stores and access: another manager changes those. */
function refuseSelfChange(principal: Principal, staffId: string, body: StaffUpdateRequest) {
  if (principal.kind !== "staff" || principal.id !== staffId) return;
  if (body.role === undefined && body.storeIds === undefined && body.disabled === undefined) return;
  throw new HttpError(
    403,
    "forbidden",
    "Forbidden: you cannot change your own role, stores or access; ask another manager " +
      "or the operator.",
  );
}

async function requireKnownStores(db: Database, storeIds: readonly string[]): Promise<void> {
  const named = storeIds.filter((id) => id !== ALL_STORE_IDS);
  if (named.length === 0) return;
  const known = await db.select({ id: stores.id }).from(stores).where(inArray(stores.id, named));
  const unknown = named.filter((id) => !known.some((k) => k.id === id));
  if (unknown.length > 0) {
    throw new HttpError(
      404,
      "not_found",
      `Unknown store ${unknown.map((id) => `"${id}"`).join(", ")}: use ids from /api/v1/stores.`,
    );
  }
}

/**
 * One transaction: the enabled managers of every store are locked first, so
 * two managers disabling each other at once cannot both succeed and leave
 * nobody to manage the chain (the operator's token aside).
 */
async function applyStaffChange(
  deps: RouteDeps,
  staffId: string,
  body: StaffUpdateRequest,
): Promise<void> {
  const nowMs = deps.now();
  await inTransaction(deps.pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    const before = await lockChainManagers(db);

    const fields: Partial<typeof staff.$inferInsert> = {};
    if (body.name !== undefined) fields.name = body.name;
    if (body.role !== undefined) fields.role = body.role;
    if (body.disabled === true) fields.disabledAt = new Date(nowMs);
    if (body.disabled === false) fields.disabledAt = null;
    const [current] = await db
      .select({ disabledAt: staff.disabledAt })
      .from(staff)
      .where(eq(staff.id, staffId))
      .for("update");
    // Disabling twice keeps the first date.
    if (body.disabled === true && current.disabledAt !== null) delete fields.disabledAt;
    if (Object.keys(fields).length > 0) {
      await db.update(staff).set(fields).where(eq(staff.id, staffId));
    }
    if (body.storeIds) {
      await db.delete(staffStores).where(eq(staffStores.staffId, staffId));
      await db.insert(staffStores).values(body.storeIds.map((storeId) => ({ staffId, storeId })));
    }

    const after = await lockChainManagers(db);
    if (before.length > 0 && after.length === 0) {
      throw new HttpError(
        409,
        "last_manager",
        "This is the last enabled manager of every store: make someone else a manager of " +
          'every store (storeIds ["*"]) first, so the chain keeps a manager.',
      );
    }
    // A disabled account stops at once: its sessions end with the change.
    if (body.disabled === true) await revokeAllSessions(db, { kind: "staff", id: staffId }, nowMs);
  });
}

/** Ids of the enabled managers of every store, locked until the transaction ends. */
async function lockChainManagers(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .innerJoin(staffStores, eq(staffStores.staffId, staff.id))
    .where(
      and(
        eq(staffStores.storeId, ALL_STORE_IDS),
        eq(staff.role, "manager"),
        isNull(staff.disabledAt),
      ),
    )
    .for("update");
  return rows.map((row) => row.id);
}

async function listStaff(
  db: Database,
  filter: { ids?: string[]; storeId?: string },
): Promise<StaffListing[]> {
  let ids = filter.ids;
  if (filter.storeId !== undefined) {
    // Staff of the store: those linked to it, and those of every store.
    const linked = await db
      .selectDistinct({ staffId: staffStores.staffId })
      .from(staffStores)
      .where(or(eq(staffStores.storeId, filter.storeId), eq(staffStores.storeId, ALL_STORE_IDS)));
    ids = linked.map((row) => row.staffId);
    if (ids.length === 0) return [];
  }
  const rows = await db
    .select()
    .from(staff)
    .where(ids ? inArray(staff.id, ids) : undefined)
    .orderBy(asc(staff.email));
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(staffStores)
    .where(
      inArray(
        staffStores.staffId,
        rows.map((row) => row.id),
      ),
    );
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
