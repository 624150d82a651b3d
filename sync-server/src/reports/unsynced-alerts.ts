/**
 * The `device_unsynced` alert: raised when a device has held unsynced changes
 * (as it last reported) for longer than a threshold, resolved when it no
 * longer does. One open alert per device: the check runs after every push
 * and on a timer, under the device's row lock, so running it twice changes
 * nothing.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Pool } from "mysql2/promise";
import type { Logger } from "pino";

import { alerts, devices } from "@ocpizza/schema/db";

import { inTransaction } from "../db/transaction.js";
import { unsyncedSince } from "./devices-status.js";

export const DEVICE_UNSYNCED = "device_unsynced";

/** UNSYNCED_ALERT_MINUTES: how long a device may hold unsynced changes (default 30 min). */
export const DEFAULT_UNSYNCED_ALERT_MINUTES = 30;

/** The threshold in ms from the environment; a value that is not a positive number is refused. */
export function unsyncedAlertMsFromEnv(
  env: Record<string, string | undefined> = process.env,
): number {
  const text = env.UNSYNCED_ALERT_MINUTES?.trim();
  if (!text) return DEFAULT_UNSYNCED_ALERT_MINUTES * 60_000;
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 7 * 24 * 60) {
    throw new RangeError(
      `UNSYNCED_ALERT_MINUTES must be minutes between 1 and 10080, not "${text.slice(0, 20)}"`,
    );
  }
  return Math.round(minutes * 60_000);
}

export interface UnsyncedCheck {
  raised: string[];
  resolved: string[];
}

/** Checks one device, or every device when deviceId is omitted. */
export async function checkUnsyncedDevices(
  pool: Pool,
  options: { thresholdMs: number; nowMs: number; deviceId?: string },
): Promise<UnsyncedCheck> {
  const result: UnsyncedCheck = { raised: [], resolved: [] };
  const ids = options.deviceId
    ? [options.deviceId]
    : await inTransaction(pool, {}, async ({ db }) =>
        (await db.select({ id: devices.id }).from(devices)).map((d) => d.id),
      );
  for (const id of ids) {
    const outcome = await checkOne(pool, id, options);
    if (outcome === "raised") result.raised.push(id);
    if (outcome === "resolved") result.resolved.push(id);
  }
  return result;
}

async function checkOne(
  pool: Pool,
  deviceId: string,
  options: { thresholdMs: number; nowMs: number },
): Promise<"raised" | "resolved" | "unchanged"> {
  return inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    // The device row lock serialises two checks of the same device (push and timer).
    const [device] = await db.select().from(devices).where(eq(devices.id, deviceId)).for("update");
    if (!device) return "unchanged";
    const openAlert = and(
      eq(alerts.kind, DEVICE_UNSYNCED),
      eq(alerts.deviceId, deviceId),
      isNull(alerts.resolvedAt),
    );
    const [open] = await db.select({ id: alerts.id }).from(alerts).where(openAlert).limit(1);
    const since = unsyncedSince(device);
    const late =
      device.revokedAt === null && since !== null && options.nowMs - since > options.thresholdMs;

    if (late && !open) {
      const minutes = Math.floor((options.nowMs - since) / 60_000);
      await db.insert(alerts).values({
        storeId: device.storeId,
        kind: DEVICE_UNSYNCED,
        message:
          `device "${device.name}" has held ${device.reportedPending} unsynced change(s) for ` +
          `${minutes} min: check its network, then open its sync panel`,
        deviceId,
        createdAt: new Date(options.nowMs),
      });
      return "raised";
    }
    if (!late && open) {
      await db
        .update(alerts)
        .set({ resolvedAt: new Date(options.nowMs) })
        .where(openAlert);
      return "resolved";
    }
    return "unchanged";
  });
}

/**
 * Runs the check over every device every `everyMs` (default 60 s); returns
 * the stop function. A failed run is logged and the next one tries again.
 */
export function startUnsyncedAlerts(
  pool: Pool,
  logger: Logger,
  options: { thresholdMs: number; everyMs?: number; now?: () => number },
): () => void {
  const now = options.now ?? Date.now;
  const timer = setInterval(() => {
    checkUnsyncedDevices(pool, { thresholdMs: options.thresholdMs, nowMs: now() })
      .then((check) => {
        if (check.raised.length || check.resolved.length) logger.warn(check, "unsynced devices");
      })
      .catch((error: unknown) => logger.error({ err: error }, "unsynced device check failed"));
  }, options.everyMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
