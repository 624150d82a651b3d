/**
 * Staff PINs. A manager (or the operator) sets a staff member's PIN; a paired
 * counter lists its store's staff who have one and checks a PIN once online,
 * after which it checks offline by itself (docs/security.md, "Device PINs").
 * PINs are stored as argon2id hashes like passwords; checks are counted per
 * device and staff member in `login_attempts`, so the limit holds across
 * server instances. A staff member of another store answers exactly as a
 * wrong PIN does.
 */
import { Hono } from "hono";
import { and, asc, eq, isNotNull, isNull, or } from "drizzle-orm";
import { z } from "zod";

import {
  pinCheckRequestSchema,
  setPinRequestSchema,
  type CounterStaff,
  type CounterStaffList,
  type PinCheckAnswer,
} from "@ocpizza/schema";
import { ALL_STORES, staff, staffStores } from "@ocpizza/schema/db";

import { keyedHash, type AuthSettings, type RateLimits } from "../accounts/auth-settings.js";
import { checkPassword, hashPassword } from "../accounts/passwords.js";
import { countAttempt, forgiveAttempt, type AttemptKeys } from "../accounts/rate-limit.js";
import { canAccessStore, coversAllStores, principalOf, type Principal } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import type { RouteDeps } from "./route-deps.js";

/**
 * PIN checks allowed in one window: per staff member on one device (5, like
 * the counter's own lockout) and per device over all its staff (30).
 */
export const PIN_CHECK_LIMITS: RateLimits = {
  perAccount: 5,
  perAddress: 30,
  windowMs: 15 * 60_000,
};

const staffIdSchema = z.object({ staffId: z.uuid({ message: "must be a staff id (a UUID)" }) });

export function staffPinRoutes(
  deps: RouteDeps,
  auth: Pick<AuthSettings, "secret">,
  limits: RateLimits = PIN_CHECK_LIMITS,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const managers = deps.access.allow(["operator", "manager"], { store: "in-handler" });
  const device = deps.access.allow(["device"]);

  app.put("/api/v1/admin/staff/:staffId/pin", managers, async (c) => {
    const { staffId } = parseMessage(staffIdSchema, { staffId: c.req.param("staffId") });
    const body = parseMessage(setPinRequestSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    const [member] = await deps.db
      .select({ id: staff.id })
      .from(staff)
      .where(eq(staff.id, staffId));
    if (!member) {
      throw new HttpError(404, "not_found", `No staff member ${staffId}: see /api/v1/admin/staff.`);
    }
    const storeIds = await storesOf(deps, staffId);
    checkManagesStaff(principalOf(c), storeIds);

    const pinHash = await hashPassword(body.pin);
    await deps.db.update(staff).set({ pinHash }).where(eq(staff.id, staffId));
    deps.logger.info({ kind: "staff", subjectId: staffId }, "staff PIN set");
    return c.json({ staffId, hasPin: true });
  });

  app.get("/api/v1/devices/me/staff", device, async (c) => {
    const { storeId } = c.get("device")!;
    const rows = await deps.db
      .selectDistinct({ id: staff.id, name: staff.name, role: staff.role, pinHash: staff.pinHash })
      .from(staff)
      .innerJoin(staffStores, eq(staffStores.staffId, staff.id))
      .where(
        and(
          isNull(staff.disabledAt),
          isNotNull(staff.pinHash),
          or(eq(staffStores.storeId, storeId), eq(staffStores.storeId, ALL_STORES)),
        ),
      )
      .orderBy(asc(staff.name), asc(staff.id));
    const answer: CounterStaffList = {
      storeId,
      staff: rows.map(({ pinHash, ...member }) => ({
        ...member,
        // Keyed with the session secret: it tells a new PIN from the old one, nothing else.
        pinVersion: keyedHash(auth.secret, "pin-version", pinHash ?? "").slice(0, 16),
      })),
    };
    return c.json(answer);
  });

  app.post("/api/v1/devices/me/pin-check", device, async (c) => {
    const device = c.get("device")!;
    const body = parseMessage(
      pinCheckRequestSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );

    // Counted before the PIN is looked at: a right PIN past the limit is refused too. The id
    // in one case, or each way of writing it (the database reads hex either way) gets 5 tries.
    const staffId = body.staffId.toLowerCase();
    const keys = pinAttemptKeys(auth.secret, device.id, staffId);
    await countAttempt(deps.db, keys, limits, deps.now()).catch((error: unknown) => {
      throw error instanceof HttpError && error.status === 429 ? tooManyChecks(error) : error;
    });
    const member = await activeStaffOfStore(deps, staffId, device.storeId);
    // Unknown, disabled, of another store or without a PIN: the same time and answer.
    const ok = await checkPassword(member?.pinHash ?? null, body.pin);
    if (!ok || !member) {
      deps.logger.info({ deviceId: device.id }, "PIN check refused");
      throw new HttpError(401, "invalid_credentials", "Wrong PIN, or not a staff of this store.");
    }
    await forgiveAttempt(deps.db, keys);
    const answer: PinCheckAnswer = {
      ok: true,
      staff: { id: member.id, name: member.name, role: member.role },
    };
    return c.json(answer);
  });

  return app;
}

/** The rate-limit keys of PIN checks: a staff member on a device, and the device. */
function pinAttemptKeys(secret: string, deviceId: string, staffId: string): AttemptKeys {
  return {
    account: keyedHash(secret, "pin-check-staff", `${deviceId}:${staffId}`),
    address: keyedHash(secret, "pin-check-device", deviceId),
  };
}

function tooManyChecks(error: HttpError): HttpError {
  const retryAfterS = Number(error.details.retryAfterS ?? 60);
  return new HttpError(
    429,
    "rate_limited",
    `Too many PIN checks from this counter: wait ${retryAfterS} seconds.`,
    { retryAfterS },
  );
}

async function storesOf(deps: RouteDeps, staffId: string): Promise<string[]> {
  const rows = await deps.db
    .select({ storeId: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, staffId));
  return rows.map((row) => row.storeId);
}

/**
 * The operator, or a manager of every store the staff member works in, as for
 * any other change to them (routes/staff.ts): a manager of A who could set the
 * PIN of someone of A and B would sign in as them on B's counters (approving
 * refunds there, for a manager). A staff member of every store (`*`) is
 * managed only by who covers every store.
 */
function checkManagesStaff(principal: Principal, storeIds: readonly string[]): void {
  const allowed = storeIds.includes(ALL_STORES)
    ? coversAllStores(principal)
    : storeIds.length > 0 && storeIds.every((storeId) => canAccessStore(principal, storeId));
  if (!allowed) {
    throw new HttpError(
      403,
      "forbidden",
      "Forbidden: this staff member also works in a store that is not yours.",
    );
  }
}

async function activeStaffOfStore(
  deps: RouteDeps,
  staffId: string,
  storeId: string,
): Promise<(CounterStaff & { pinHash: string | null }) | null> {
  const [row] = await deps.db
    .select({ id: staff.id, name: staff.name, role: staff.role, pinHash: staff.pinHash })
    .from(staff)
    .innerJoin(staffStores, eq(staffStores.staffId, staff.id))
    .where(
      and(
        eq(staff.id, staffId),
        isNull(staff.disabledAt),
        or(eq(staffStores.storeId, storeId), eq(staffStores.storeId, ALL_STORES)),
      ),
    )
    .limit(1);
  return row ?? null;
}
