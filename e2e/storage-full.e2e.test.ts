/**
 * The counter on a full disk: Chromium's profile lives on a small tmpfs, a
 * page fills it with a database of its own, and a sale paid then must be
 * refused on screen (never shown as saved, never in MySQL); once the space is
 * freed the counter sells and syncs again. Needs root to mount the tmpfs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  collectPageErrors,
  pairCounter,
  takeCashOrder,
  textOf,
  waitForBadge,
  type CartItem,
} from "./support/counter.js";
import { expectEachOrderOnce } from "./support/exactly-once.js";
import { startHarness, type Harness } from "./support/harness.js";

const DEVICE = "Comptoir disque plein";
/** Room for Chromium's profile and the app (about 20 MB), and little more to fill. */
const TMPFS_SIZE = "64m";
const FILLER_DB = "e2e-disk-filler";
const IS_ROOT = process.getuid?.() === 0;

const PEPPERONI: CartItem = {
  kind: "pizza",
  category: "Classique",
  name: "Pepperoni",
  size: "M",
};
const COLA: CartItem = { kind: "product", category: "Boissons", name: "Coca-Cola 33 cl" };

describe.skipIf(!IS_ROOT)("the counter on a full disk (needs root to mount a tmpfs)", () => {
  let harness: Harness | undefined;
  let context: BrowserContext | undefined;
  let mountDir: string | undefined;
  let mounted = false;

  beforeAll(async () => {
    mountDir = mkdtempSync("/tmp/ocp-e2e-full-disk-");
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${TMPFS_SIZE}`, "tmpfs", mountDir]);
    mounted = true;
    harness = await startHarness();
  });

  // Unmounts even when the test failed half-way: a tmpfs left behind holds memory.
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await harness?.close();
    if (mounted && mountDir) execFileSync("umount", [mountDir]);
    if (mountDir) rmSync(mountDir, { recursive: true, force: true });
  });

  it("refuses a sale it cannot save, and sells again once space is freed", async () => {
    const h = harness!;
    context = await chromium.launchPersistentContext(join(mountDir!, "profile"), {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    const pageErrors = collectPageErrors(page);

    await pairCounter(page, h.server.url, await h.pairingCode("bastille"), DEVICE);
    const first = await takeCashOrder(page, {
      callNumber: 1,
      items: [PEPPERONI],
      tenderedCents: 2000,
    });
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);
    await expectEachOrderOnce(h.sql, DEVICE, [first]);

    const filled = await fillDisk(page);
    expect(filled.bytes, "bytes written before the disk was full").toBeGreaterThan(1_000_000);

    // The clerk is told the sale was not saved; takeCashOrder throws on the dialog's alert.
    await expect(
      takeCashOrder(page, { callNumber: 2, items: [COLA], tenderedCents: 500 }),
    ).rejects.toThrow(/the sale was not recorded: .*mémoire de la tablette est pleine/);
    await page.getByRole("dialog", { name: "Encaissement" }).getByRole("alert").waitFor();
    await expectEachOrderOnce(h.sql, DEVICE, [first]);

    // Space comes back: the clerk drops the refused cart and sells again.
    await page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const deletion = indexedDB.deleteDatabase(name);
          deletion.onsuccess = () => resolve();
          deletion.onerror = () => reject(deletion.error);
        }),
      FILLER_DB,
    );
    await page
      .getByRole("dialog", { name: "Encaissement" })
      .getByRole("button", { name: "Annuler" })
      .click();
    await page.getByRole("button", { name: "Vider le panier" }).click();
    await page.getByRole("button", { name: "Oui, vider" }).click();
    const third = await takeCashOrder(page, {
      callNumber: 2,
      items: [PEPPERONI, COLA],
      tenderedCents: 5000,
    });
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);

    await expectEachOrderOnce(h.sql, DEVICE, [first, third]);
    expect(await pendingSeqs(page), "outbox entries still pending").toEqual([]);
    expect(await textOf(page.getByRole("banner"))).toContain("Connecté");
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

/**
 * Writes incompressible blobs into a database that is not the app's until a
 * write fails, halving the blob each time so only a few kilobytes stay free.
 * Chromium refuses writes (QuotaExceededError) while some of the disk is still
 * free, keeping a reserve for itself: that refusal is what a full tablet sees.
 */
function fillDisk(page: Page): Promise<{ bytes: number; error: string }> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore("blobs");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const randomBytes = (size: number) => {
      const bytes = new Uint8Array(size);
      for (let at = 0; at < size; at += 65_536) {
        crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
      }
      return bytes;
    };
    let bytes = 0;
    let error = "";
    let key = 0;
    for (let size = 4 << 20; size >= 4096;) {
      const written = await new Promise<string | null>((resolve) => {
        const tx = db.transaction("blobs", "readwrite");
        tx.objectStore("blobs").put(new Blob([randomBytes(size)]), key++);
        tx.oncomplete = () => resolve(null);
        tx.onabort = () => resolve(String(tx.error?.name ?? "aborted"));
      });
      if (written === null) bytes += size;
      else ((error = written), (size >>= 1));
    }
    db.close();
    return { bytes, error };
  }, FILLER_DB);
}

/** Seqs of the app's outbox entries still waiting to be sent. */
function pendingSeqs(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("ocpizza-counter");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const entries = await new Promise<{ seq: number; state: string }[]>((resolve, reject) => {
      const all = db.transaction("outbox").objectStore("outbox").getAll();
      all.onsuccess = () => resolve(all.result as { seq: number; state: string }[]);
      all.onerror = () => reject(all.error);
    });
    db.close();
    return entries.filter((entry) => entry.state === "pending").map((entry) => entry.seq);
  });
}
