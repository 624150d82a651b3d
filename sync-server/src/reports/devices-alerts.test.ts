/**
 * The devices panel, the device_unsynced alert (raised after a push and by
 * the periodic check, one open alert per device, resolved when the device
 * syncs) and the alerts list with acknowledgements, as managers of one store
 * or of all see them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newId } from "@ocpizza/schema";

import { pairDevice, postPush, pushBody, statusMutation } from "../testing/fixtures.js";
import { createRoleWorld, send, type RoleWorld, type Who } from "../testing/role-world.js";
import type { AlertListing } from "./alerts-list.js";
import type { DeviceStatus } from "./devices-status.js";
import {
  checkUnsyncedDevices,
  DEFAULT_UNSYNCED_ALERT_MINUTES,
  unsyncedAlertMsFromEnv,
} from "./unsynced-alerts.js";

const THRESHOLD_MS = DEFAULT_UNSYNCED_ALERT_MINUTES * 60_000;
let w: RoleWorld;
const nextSeq = new Map<string, number>();

beforeAll(async () => {
  w = await createRoleWorld();
}, 60_000);

afterAll(async () => {
  await w?.t.drop();
});

/** A push of the device's next seqs (or none) reporting what its outbox holds. */
async function push(who: "deviceA" | "deviceB", pending: number, oldestAgoMs: number | null) {
  const device = who === "deviceA" ? w.deviceA : w.deviceB;
  const seq = nextSeq.get(who) ?? 1;
  const outbox = {
    pending,
    oldestPendingAtMs: oldestAgoMs === null ? null : Date.now() - oldestAgoMs,
    highestSeq: seq - 1,
  };
  const body = pushBody(device, [], { outbox });
  const response = await send(w, who, "POST", "/api/v1/sync/push", body);
  expect(response.status).toBe(200);
}

async function getJson<T>(who: Who, path: string): Promise<{ status: number; body: T }> {
  const response = await send(w, who, "GET", path);
  return { status: response.status, body: (await response.json()) as T };
}

async function unsyncedAlerts(deviceId: string) {
  const [rows] = await w.t.pool.query(
    "SELECT id, resolved_at AS resolvedAt FROM alerts WHERE kind = 'device_unsynced' " +
      "AND device_id = UNHEX(REPLACE(?, '-', '')) ORDER BY id",
    [deviceId],
  );
  return rows as { id: number; resolvedAt: Date | null }[];
}

describe("devices holding unsynced orders", () => {
  it("raises one alert once a device has held them longer than the threshold", async () => {
    await push("deviceA", 3, THRESHOLD_MS + 15 * 60_000);
    await push("deviceB", 1, 5 * 60_000);
    expect(await unsyncedAlerts(w.deviceA.deviceId)).toHaveLength(1);
    expect(await unsyncedAlerts(w.deviceB.deviceId)).toEqual([]);

    // Again after another push and from the periodic check: still one open alert.
    await push("deviceA", 4, THRESHOLD_MS + 16 * 60_000);
    const check = await checkUnsyncedDevices(w.t.pool, {
      thresholdMs: THRESHOLD_MS,
      nowMs: Date.now(),
    });
    expect(check.raised).toEqual([]);
    expect(await unsyncedAlerts(w.deviceA.deviceId)).toHaveLength(1);
  });

  it("lets the periodic check raise the alert of a device that stopped pushing", async () => {
    const later = Date.now() + THRESHOLD_MS;
    const check = await checkUnsyncedDevices(w.t.pool, { thresholdMs: THRESHOLD_MS, nowMs: later });
    expect(check.raised).toEqual([w.deviceB.deviceId]);
    expect(await unsyncedAlerts(w.deviceB.deviceId)).toHaveLength(1);
  });

  it("shows a manager their store's devices with counts, ages and rejections", async () => {
    // An order.status on an order the server never saw: a rejection for device A.
    const seq = nextSeq.get("deviceA") ?? 1;
    const mutation = statusMutation(seq, newId(), "completed");
    const response = await send(w, "deviceA", "POST", "/api/v1/sync/push", {
      ...pushBody(w.deviceA, [mutation]),
      outbox: { pending: 4, oldestPendingAtMs: Date.now() - THRESHOLD_MS * 2, highestSeq: seq },
    });
    expect(response.status).toBe(200);
    nextSeq.set("deviceA", seq + 1);

    const { status, body } = await getJson<{ devices: DeviceStatus[] }>(
      "managerA",
      "/api/v1/reports/devices",
    );
    expect(status).toBe(200);
    expect(new Set(body.devices.map((d) => d.storeId))).toEqual(new Set(["bastille"]));
    const a = body.devices.find((d) => d.id === w.deviceA.deviceId)!;
    expect(a).toMatchObject({
      storeName: expect.any(String),
      appVersion: "test-1.0.0",
      unsyncedCount: 4,
      rejections: 1,
      revoked: false,
    });
    expect(a.unsyncedAgeMs).toBeGreaterThanOrEqual(THRESHOLD_MS * 2);
    expect(a.lastSeenAtMs).toBeGreaterThan(Date.now() - 60_000);
    const spare = body.devices.find((d) => d.id === w.spare.deviceId)!;
    expect(spare).toMatchObject({ unsyncedCount: 0, unsyncedAgeMs: null, rejections: 0 });
  });

  it("names the devices in the dashboard's freshness", async () => {
    const { body } = await getJson<{ freshness: { unsyncedDevices: { deviceId: string }[] } }>(
      "managerAll",
      "/api/v1/reports/dashboard?from=2026-01-01&to=2026-01-31",
    );
    expect(body.freshness.unsyncedDevices.map((d) => d.deviceId).sort()).toEqual(
      [w.deviceA.deviceId, w.deviceB.deviceId].sort(),
    );
  });

  it("resolves the alert when the device has synced, and raises a new one later", async () => {
    await push("deviceA", 0, null);
    const [first] = await unsyncedAlerts(w.deviceA.deviceId);
    expect(first.resolvedAt).not.toBeNull();

    await push("deviceA", 2, THRESHOLD_MS + 60_000);
    const rows = await unsyncedAlerts(w.deviceA.deviceId);
    expect(rows).toHaveLength(2);
    expect(rows[1].resolvedAt).toBeNull();
  });

  it("reads its threshold from UNSYNCED_ALERT_MINUTES", () => {
    expect(unsyncedAlertMsFromEnv({})).toBe(30 * 60_000);
    expect(unsyncedAlertMsFromEnv({ UNSYNCED_ALERT_MINUTES: "45" })).toBe(45 * 60_000);
    expect(() => unsyncedAlertMsFromEnv({ UNSYNCED_ALERT_MINUTES: "soon" })).toThrow(
      /UNSYNCED_ALERT_MINUTES/,
    );
    expect(() => unsyncedAlertMsFromEnv({ UNSYNCED_ALERT_MINUTES: "-5" })).toThrow(RangeError);
  });
});

describe("the alerts list", () => {
  it("shows a manager only their stores' alerts", async () => {
    const a = await getJson<{ alerts: AlertListing[] }>("managerA", "/api/v1/alerts");
    const b = await getJson<{ alerts: AlertListing[] }>("managerB", "/api/v1/alerts");
    const all = await getJson<{ alerts: AlertListing[] }>("managerAll", "/api/v1/alerts");
    expect(a.body.alerts.length).toBeGreaterThan(0);
    expect(new Set(a.body.alerts.map((x) => x.storeId))).toEqual(new Set(["bastille"]));
    expect(b.body.alerts.map((x) => x.storeId)).toEqual(b.body.alerts.map(() => "montmartre"));
    expect(all.body.alerts.length).toBe(a.body.alerts.length + b.body.alerts.length);
    expect((await getJson("managerB", "/api/v1/alerts?storeId=bastille")).status).toBe(403);
  });

  it("records who acknowledged an alert and when, once", async () => {
    const { body } = await getJson<{ alerts: AlertListing[] }>(
      "managerA",
      "/api/v1/alerts?status=open",
    );
    const target = body.alerts.find((x) => x.kind === "device_unsynced")!;
    const refused = await send(w, "managerB", "POST", `/api/v1/alerts/${target.id}/acknowledge`);
    expect(refused.status).toBe(403);

    const before = Date.now();
    const response = await send(w, "managerA", "POST", `/api/v1/alerts/${target.id}/acknowledge`);
    expect(response.status).toBe(200);
    const { alert } = (await response.json()) as { alert: AlertListing };
    const managerA = w.accounts.managerA!.account;
    expect(alert).toMatchObject({ id: target.id, acknowledgedById: managerA.id });
    expect(alert.acknowledgedBy).toBe("Camille Martin");
    expect(alert.acknowledgedAtMs).toBeGreaterThanOrEqual(before - 1000);

    // The operator acknowledging again changes nothing: the first acknowledgement stays.
    const again = await send(w, "operator", "POST", `/api/v1/alerts/${target.id}/acknowledge`);
    expect(((await again.json()) as { alert: AlertListing }).alert).toEqual(alert);

    const open = await getJson<{ alerts: AlertListing[] }>("managerA", "/api/v1/alerts");
    expect(open.body.alerts.map((x) => x.id)).not.toContain(target.id);
    const done = await getJson<{ alerts: AlertListing[] }>(
      "managerA",
      "/api/v1/alerts?status=acknowledged",
    );
    expect(done.body.alerts.map((x) => x.id)).toContain(target.id);
  });

  it("lists the kinds other parts raise, such as a journal problem", async () => {
    await w.t.pool.query(
      "INSERT INTO alerts (store_id, kind, message, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))",
      ["montmartre", "journal_gap", "a hole before ticket 7"],
    );
    const { body } = await getJson<{ alerts: AlertListing[] }>(
      "managerB",
      "/api/v1/alerts?storeId=montmartre",
    );
    expect(body.alerts[0]).toMatchObject({ kind: "journal_gap", storeName: expect.any(String) });
  });
});

describe("a tablet wiped or lost with sales it never sent", () => {
  it("shows the seqs it reported and the server never received", async () => {
    const tablet = await pairDevice(w.t, "bastille", "Comptoir perdu");
    const outbox = { pending: 2, oldestPendingAtMs: Date.now() - 60_000, highestSeq: 2 };
    // Its last contact: two sales taken (seqs 1 and 2), their push never got through.
    const answer = await postPush(w.t.app, tablet, pushBody(tablet, [], { outbox }));
    expect(answer.status).toBe(200);

    const { body } = await getJson<{ devices: DeviceStatus[] }>(
      "managerA",
      "/api/v1/reports/devices",
    );
    const row = body.devices.find((d) => d.id === tablet.deviceId);
    expect(row?.notReceivedSeqs).toEqual({ from: 1, to: 2 });
    const others = body.devices.filter((d) => d.id !== tablet.deviceId);
    expect(others.every((d) => d.notReceivedSeqs === null)).toBe(true);
  });
});

describe("a failed backup reported by the backup job", () => {
  const report = (who: Who, json: unknown) =>
    send(w, who, "POST", "/api/v1/alerts/backup-failure", json);
  const backupAlerts = async (who: Who) =>
    (await getJson<{ alerts: AlertListing[] }>(who, "/api/v1/alerts")).body.alerts.filter(
      (alert) => alert.kind === "backup_failed",
    );

  it("is one alert for the whole chain, seen by the managers of every store only", async () => {
    const message = "backup of pizzeria_management FAILED while copying off the server";
    expect((await report("operator", { message })).status).toBe(201);

    const seen = await backupAlerts("managerAll");
    expect(seen.map((alert) => [alert.storeId, alert.message])).toEqual([["*", message]]);
    expect(await backupAlerts("operator")).toHaveLength(1);
    expect(await backupAlerts("managerA")).toEqual([]);
  });

  it("refuses an empty, oversized or control-character message and writes nothing", async () => {
    const count = async () => {
      const [rows] = await w.t.pool.query("SELECT COUNT(*) AS n FROM alerts");
      return (rows as { n: number }[])[0]!.n;
    };
    const before = await count();
    for (const message of ["", "x".repeat(481), "dump\u0000failed"]) {
      const response = await report("operator", { message });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain("message");
    }
    expect((await report("operator", { message: "ok", extra: 1 })).status).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe("the dashboard for a manager of some stores", () => {
  it("covers their stores when no store is named", async () => {
    const a = await getJson<{ storeIds: string[] }>(
      "managerA",
      "/api/v1/reports/dashboard?from=2026-01-01&to=2026-01-02",
    );
    expect(a.body.storeIds).toEqual(["bastille"]);
    const all = await getJson<{ storeIds: string[] }>(
      "managerAll",
      "/api/v1/reports/dashboard?from=2026-01-01&to=2026-01-02",
    );
    expect(all.body.storeIds.length).toBe(5);
  });
});
