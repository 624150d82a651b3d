/**
 * Who is asking, and may they: every request has one principal (anonymous,
 * a device of one store, a customer, a staff member with a role and stores,
 * or the operator holding ADMIN_TOKEN), and every route declares what it
 * allows with `access.allow([...], { store })`. Not signed in is 401
 * `unauthorized`; signed in as someone the route is not for, or for a store
 * that is not theirs, is 403 `forbidden`. The role model is in docs/security.md.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { eq } from "drizzle-orm";

import { ALL_STORES, devices, staff, staffStores, type StaffRole } from "@ocpizza/schema/db";

import { findAccountById } from "../accounts/accounts.js";
import type { AuthSettings } from "../accounts/auth-settings.js";
import { findSession, type SessionSubject } from "../accounts/sessions.js";
import type { Database } from "../db/connection.js";
import { bearerToken, sha256Hex, type AppEnv } from "./auth.js";
import { HttpError } from "./errors.js";
import { readSessionCookie } from "./session-cookie.js";

export type Principal =
  | { kind: "anonymous" }
  | { kind: "device"; deviceId: string; storeId: string }
  | { kind: "customer"; id: string; session: SessionSubject }
  | {
      kind: "staff";
      id: string;
      role: StaffRole;
      /** Store ids, or ["*"] for every store. */
      storeIds: readonly string[];
      session: SessionSubject;
    }
  | { kind: "operator" };

/** What a route may allow: a principal kind, "staff" (any role) or one staff role. */
export type Grant = "anyone" | "operator" | "device" | "customer" | "staff" | StaffRole;

/**
 * Which store the request is about: read from the request before the handler
 * (absent: the principal must cover every store), checked by the handler
 * (a body or a row names it), or "all" (only for who covers every store).
 */
export type StoreSource = ((c: Context<AppEnv>) => string | undefined) | "in-handler" | "all";

export interface AllowOptions {
  store?: StoreSource;
}

export function fromQuery(name: string): (c: Context<AppEnv>) => string | undefined {
  return (c) => c.req.query(name)?.trim() || undefined;
}

export interface Access {
  allow(grants: readonly Grant[], options?: AllowOptions): MiddlewareHandler<AppEnv>;
}

export function createAccess(deps: {
  db: Database;
  adminToken: string | null;
  settings: AuthSettings;
  now: () => number;
}): Access {
  const expected = deps.adminToken ? createHash("sha256").update(deps.adminToken).digest() : null;
  const isAdminToken = (token: string) =>
    expected !== null && timingSafeEqual(expected, createHash("sha256").update(token).digest());

  async function resolve(c: Context<AppEnv>): Promise<Principal> {
    const token = bearerToken(c);
    if (token !== null) {
      if (isAdminToken(token)) return { kind: "operator" };
      const device = token.length <= 200 ? await findDevice(deps.db, token) : null;
      if (!device) {
        throw new HttpError(
          401,
          "unauthorized",
          "Unknown or revoked token: a device pairs again with a code; the operator checks " +
            "ADMIN_TOKEN.",
        );
      }
      c.set("device", { id: device.id, storeId: device.storeId });
      c.set("deviceId", device.id);
      return { kind: "device", deviceId: device.id, storeId: device.storeId };
    }
    const cookie = readSessionCookie(c, deps.settings);
    const session = cookie
      ? await findSession(deps.db, deps.settings.secret, cookie, deps.now())
      : null;
    if (!session) return { kind: "anonymous" };
    c.set("session", session);
    if (session.kind === "customer") {
      const account = await findAccountById(deps.db, "customer", session.subjectId);
      return account ? { kind: "customer", id: account.id, session } : { kind: "anonymous" };
    }
    return (await findStaff(deps.db, session)) ?? { kind: "anonymous" };
  }

  return {
    allow(grants, options = {}) {
      return async (c, next) => {
        if (grants.includes("anyone")) return next();
        const principal = await resolve(c);
        c.set("principal", principal);
        if (!grants.some((grant) => matches(principal, grant))) {
          if (principal.kind === "anonymous") {
            throw new HttpError(401, "unauthorized", `Not signed in: ${describe(grants)}.`);
          }
          throw forbidden(`${describePrincipal(principal)} may not use it: ${describe(grants)}`);
        }
        if (options.store === "all") requireAllStores(principal);
        if (typeof options.store === "function") {
          const storeId = options.store(c);
          if (storeId === undefined) requireAllStores(principal);
          else checkStore(principal, storeId);
        }
        await next();
      };
    },
  };
}

function matches(principal: Principal, grant: Grant): boolean {
  if (principal.kind === "staff") return grant === "staff" || grant === principal.role;
  return grant === principal.kind;
}

/** May this principal act on this store? The operator on every store, staff on theirs. */
export function canAccessStore(principal: Principal, storeId: string): boolean {
  switch (principal.kind) {
    case "operator":
      return true;
    case "device":
      return principal.storeId === storeId;
    case "staff":
      return principal.storeIds.includes(ALL_STORES) || principal.storeIds.includes(storeId);
    default:
      return false;
  }
}

export function coversAllStores(principal: Principal): boolean {
  return (
    principal.kind === "operator" ||
    (principal.kind === "staff" && principal.storeIds.includes(ALL_STORES))
  );
}

/** 403 unless the principal works for the store. */
export function checkStore(principal: Principal, storeId: string): void {
  if (!canAccessStore(principal, storeId)) {
    throw forbidden(`store "${storeId.slice(0, 32)}" is not one of yours`);
  }
}

/** 403 unless the principal covers every store (an answer about all stores at once). */
export function requireAllStores(principal: Principal): void {
  if (!coversAllStores(principal)) {
    throw forbidden("this covers every store, and you work for some only: name a storeId");
  }
}

/** The principal a route's allow() set (anonymous on a route open to anyone). */
export function principalOf(c: Context<AppEnv>): Principal {
  return c.get("principal") ?? { kind: "anonymous" };
}

function forbidden(why: string): HttpError {
  return new HttpError(403, "forbidden", `Forbidden: ${why}.`);
}

const GRANT_NAMES: Record<Exclude<Grant, "anyone">, string> = {
  operator: "the admin token",
  device: "a paired device's token",
  customer: "a customer's session",
  staff: "a staff session",
  manager: "a manager's session",
  counter: "a counter staff session",
  pizzaiolo: "a pizzaiolo's session",
  driver: "a driver's session",
};

function describe(grants: readonly Grant[]): string {
  const names = grants.filter((g) => g !== "anyone").map((g) => GRANT_NAMES[g]);
  return `this endpoint needs ${names.join(" or ")}`;
}

function describePrincipal(principal: Principal): string {
  if (principal.kind === "staff") return `a ${principal.role}`;
  return principal.kind === "operator" ? "the operator" : `a ${principal.kind}`;
}

async function findDevice(db: Database, token: string) {
  const [row] = await db
    .select({ id: devices.id, storeId: devices.storeId, revokedAt: devices.revokedAt })
    .from(devices)
    .where(eq(devices.tokenHash, sha256Hex(token)))
    .limit(1);
  return row && row.revokedAt === null ? row : null;
}

async function findStaff(db: Database, session: SessionSubject): Promise<Principal | null> {
  const account = await findAccountById(db, "staff", session.subjectId);
  if (!account) return null;
  const [row] = await db.select({ role: staff.role }).from(staff).where(eq(staff.id, account.id));
  const stores = await db
    .select({ storeId: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, account.id));
  return {
    kind: "staff",
    id: account.id,
    role: row.role,
    storeIds: stores.map((s) => s.storeId),
    session,
  };
}
