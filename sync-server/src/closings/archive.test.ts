/**
 * Tests of closing archives: written on each closing, verified with only
 * the public key, and every change to them (a ticket altered, removed or
 * added, the closing rewritten, another signer) named by the verifier,
 * also through `npm run archive:verify`.
 */
import { execFile } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { canonicalJson, type MenuSnapshot } from "@ocpizza/schema";

import { REPO_ROOT } from "../config.js";
import {
  buildOrder,
  cashPayment,
  createMutation,
  fetchMenu,
  pairDevice,
  postPush,
  pushBody,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { DeviceRegister } from "../testing/ticket-fixtures.js";
import type { ArchiveFile } from "./archive.js";
import { verifyArchive } from "./verify-archive.js";

const run = promisify(execFile);
let t: TestDatabase;
let menu: MenuSnapshot;
let archivePath: string;
let original: ArchiveFile;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
  const device = await pairDevice(t, "bastille");
  const register = new DeviceRegister(device.deviceId, "bastille");
  const mutations = [1, 2, 3].map((seq) => {
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M", quantity: seq }], {
      createdAtMs: Date.parse("2026-02-10T12:00:00Z"),
    });
    const payment = cashPayment(order.totalCents);
    return {
      ...createMutation(seq, order, { payments: [payment] }),
      ticket: register.sale(order, [payment]),
    };
  });
  await postPush(t.app, device, pushBody(device, mutations));
  const response = await t.app.request("/api/v1/admin/closings", {
    method: "POST",
    headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ storeId: "bastille", period: "day", key: "2026-02-10" }),
  });
  archivePath = ((await response.json()) as { archivePath: string }).archivePath;
  original = JSON.parse(await readFile(archivePath, "utf8")) as ArchiveFile;
});
afterAll(() => t?.drop());

const copy = (): ArchiveFile => structuredClone(original);

describe("a closing archive", () => {
  it("is written under <storeId>/<period>/<key>.json and verifies with the public key", () => {
    expect(archivePath).toBe(join(t.archiveDir, "bastille", "day", "2026-02-10.json"));
    expect(original.entries).toHaveLength(3);

    expect(verifyArchive(original, t.signingKey.publicKey)).toEqual([]);
  });

  it("with a ticket's amount changed names the ticket and the broken manifest", () => {
    const file = copy();
    file.entries[1].content.totalCents += 100;

    const problems = verifyArchive(file, t.signingKey.publicKey);

    expect(problems).toContain(
      `ticket 2 of register ${file.entries[1].registerId}: its content does not match its hash`,
    );
    expect(problems.join("\n")).toMatch(/tickets are not the ones the manifest names/);
  });

  it("with a ticket removed names the missing number, even when the manifest is re-signed by another key", () => {
    const file = copy();
    file.entries.splice(1, 1);
    const forger = generateKeyPairSync("ed25519");
    file.manifest.parts.entries = "0".repeat(64);
    file.signature = sign(
      null,
      Buffer.from(canonicalJson(file.manifest)),
      forger.privateKey,
    ).toString("base64");

    const problems = verifyArchive(file, t.signingKey.publicKey);

    expect(problems.join("\n")).toMatch(/tickets 2 to 2 of register .* are missing/);
    expect(problems.join("\n")).toMatch(/signature does not match/);
  });

  it("with the closing's totals rewritten names the closing", () => {
    const file = copy();
    file.closing.totals.totalCents = 1;

    const problems = verifyArchive(file, t.signingKey.publicKey);

    expect(problems).toContain(`closing ${file.closing.seq}: its content does not match its hash`);
    expect(problems).toContain("the closing's totals do not add up from the archived tickets");
  });

  it("never overwrites an archive already there (a period closed again after a restore)", async () => {
    const earlier = join(t.archiveDir, "montmartre", "day", "2026-02-11.json");
    await mkdir(dirname(earlier), { recursive: true });
    await writeFile(earlier, "the archive written before the restore");

    const response = await t.app.request("/api/v1/admin/closings", {
      method: "POST",
      headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ storeId: "montmartre", period: "day", key: "2026-02-11" }),
    });
    const closing = (await response.json()) as { id: string; archivePath: string };

    expect(await readFile(earlier, "utf8")).toBe("the archive written before the restore");
    expect(closing.archivePath).toBe(join(dirname(earlier), `2026-02-11.${closing.id}.json`));
    const archive = JSON.parse(await readFile(closing.archivePath, "utf8"));
    expect(verifyArchive(archive, t.signingKey.publicKey)).toEqual([]);
  });

  it("is checked by `npm run archive:verify`, exit code 0 when intact and 1 with the problems", async () => {
    const publicKeyPath = join(t.archiveDir, "signer.pub.pem");
    await writeFile(publicKeyPath, t.signingKey.publicKey.export({ type: "spki", format: "pem" }));
    const tampered = join(t.archiveDir, "tampered.json");
    const file = copy();
    file.entries[0].content.payments[0].amountCents = 1;
    await writeFile(tampered, JSON.stringify(file));
    const verifyCli = (path: string) =>
      run("npm", ["run", "--silent", "archive:verify", "--", path, "--public-key", publicKeyPath], {
        cwd: REPO_ROOT,
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );

    const [intact, broken] = await Promise.all([verifyCli(archivePath), verifyCli(tampered)]);

    expect(intact).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^OK: day 2026-02-10 of store bastille/),
    });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/ticket 1 of register .*: its content does not match its hash/);
  });
});

describe("a closing archive with a ticket that does not count", () => {
  it("marks each ticket counted or not, and its totals add up from the counted ones", async () => {
    const device = await pairDevice(t, "boulogne");
    const register = new DeviceRegister(device.deviceId, "boulogne");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }], {
      createdAtMs: Date.parse("2026-02-12T12:00:00Z"),
    });
    const payment = cashPayment(order.totalCents);
    const sale = createMutation(1, order, { payments: [payment] });
    // The same order pushed again under a new seq with a second ticket: stored, not counted.
    await postPush(
      t.app,
      device,
      pushBody(device, [
        { ...sale, ticket: register.sale(order, [payment]) },
        { ...sale, seq: 2, ticket: register.sale(order, [payment]) },
      ]),
    );

    const response = await t.app.request("/api/v1/admin/closings", {
      method: "POST",
      headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ storeId: "boulogne", period: "day", key: "2026-02-12" }),
    });
    const closing = (await response.json()) as { archivePath: string; totals: object };
    const file = JSON.parse(await readFile(closing.archivePath, "utf8")) as ArchiveFile;

    expect(closing.totals).toMatchObject({ tickets: 1, totalCents: order.totalCents });
    expect(file.entries.map((e) => [e.seq, e.counted])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(verifyArchive(file, t.signingKey.publicKey)).toEqual([]);
  });
});
