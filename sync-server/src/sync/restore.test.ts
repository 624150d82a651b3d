/**
 * Tests of recovering from a restored backup with mysqldump: gap, resend, reset.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { RowDataPacket } from "mysql2/promise";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, Mutation } from "@ocpizza/schema";

import { markRestored } from "../db/after-restore.js";
import {
  buildOrder,
  createMutation,
  fetchMenu,
  getPull,
  pairDevice,
  postPush,
  pushBody,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";

const run = promisify(execFile);
let t: TestDatabase;
let menu: MenuSnapshot;
let dumpDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  dumpDir = await mkdtemp(join(tmpdir(), "ocp-restore-"));
});
afterAll(async () => {
  await t?.drop();
  await rm(dumpDir, { recursive: true, force: true });
});

function connectionArgs(): string[] {
  const url = new URL(t.url);
  return [
    `--host=${url.hostname}`,
    `--port=${url.port || 3306}`,
    `--user=${decodeURIComponent(url.username || "root")}`,
    ...(url.password ? [`--password=${decodeURIComponent(url.password)}`] : []),
  ];
}

/** As the ops backup does: a consistent mysqldump, later fed back to mysql. */
async function backup(file: string): Promise<void> {
  await run("/usr/bin/mysqldump", [
    ...connectionArgs(),
    "--single-transaction",
    `--result-file=${file}`,
    t.name,
  ]);
}

async function restore(file: string): Promise<void> {
  const sql = await readFile(file);
  await new Promise<void>((resolve, reject) => {
    const child = spawn("mysql", [...connectionArgs(), t.name], {
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(stderr))));
    child.stdin.end(sql);
  });
}

async function orderIdsOf(deviceId: string): Promise<string[]> {
  const [rows] = await t.pool.query<RowDataPacket[]>(
    "SELECT LOWER(HEX(id)) AS id FROM orders WHERE device_id = UNHEX(REPLACE(?, '-', '')) " +
      "ORDER BY id",
    [deviceId],
  );
  return rows.map((r) => r.id);
}

describe("a server restored from an earlier backup", () => {
  it("asks the device to resend from its old position and ends with every order exactly once", async () => {
    const device = await pairDevice(t);
    const outbox: Mutation[] = Array.from({ length: 7 }, (_, i) =>
      createMutation(
        i + 1,
        buildOrder(menu, [{ productId: "sicilian", size: "M" }], { callNumber: i + 1 }),
      ),
    );
    const hex = (m: Mutation) => (m.kind === "order.create" ? m.order.id.replace(/-/g, "") : "");

    await postPush(t.app, device, pushBody(device, outbox.slice(0, 3)));
    const dump = join(dumpDir, "backup.sql");
    await backup(dump);
    const later = await postPush(t.app, device, pushBody(device, outbox.slice(3, 6)));
    const cursorBeforeRestore = (await getPull(t.app, device, { since: 0 })).body.storeVersion;
    expect(later.body.lastAppliedSeq).toBe(6);

    await restore(dump);

    expect(await orderIdsOf(device.deviceId)).toHaveLength(3);
    const tooNew = await getPull(t.app, device, { since: cursorBeforeRestore });
    expect(tooNew.status).toBe(409);
    expect(tooNew.body.error.code).toBe("reset_required");

    const next = await postPush(t.app, device, pushBody(device, outbox.slice(6)));
    expect(next.status).toBe(409);
    expect(next.body.error).toMatchObject({ code: "sequence_gap", lastAppliedSeq: 3 });

    const resent = await postPush(t.app, device, pushBody(device, outbox.slice(3)));
    expect(resent.status).toBe(200);
    expect(resent.body.lastAppliedSeq).toBe(7);
    expect(resent.body.results.every((r: { outcome: string }) => r.outcome === "applied")).toBe(
      true,
    );
    expect(await orderIdsOf(device.deviceId)).toEqual(outbox.map(hex).sort());

    const fresh = await getPull(t.app, device, { since: 0 });
    expect(fresh.body.orders).toHaveLength(7);
  });

  it("makes every cursor from before the restore reset once markRestored has run", async () => {
    const device = await pairDevice(t, "vincennes");
    const orders = Array.from({ length: 4 }, (_, i) =>
      createMutation(i + 1, buildOrder(menu, [{ productId: "napolitana", size: "S" }])),
    );
    await postPush(t.app, device, pushBody(device, orders.slice(0, 2)));
    const dump = join(dumpDir, "second.sql");
    await backup(dump);
    await postPush(t.app, device, pushBody(device, orders.slice(2)));
    const oldCursor = (await getPull(t.app, device, { since: 0 })).body.storeVersion;

    await restore(dump);
    await markRestored(t.pool);
    await postPush(t.app, device, pushBody(device, orders.slice(2)));
    const reused = await getPull(t.app, device, { since: oldCursor });
    const fromScratch = await getPull(t.app, device, { since: 0 });

    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("reset_required");
    expect(fromScratch.status).toBe(200);
    expect(
      fromScratch.body.orders.filter((o: { deviceId: string }) => o.deviceId === device.deviceId),
    ).toHaveLength(4);
  });
});
