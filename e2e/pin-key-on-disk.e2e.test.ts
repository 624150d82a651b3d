/**
 * What a copy of a counter's browser profile reveals (docs/security.md,
 * "What the tablet stores"). Chromium keeps a non-extractable CryptoKey put in
 * IndexedDB with its bytes in the profile's files: `extractable: false` only
 * stops the page from exporting it. So a copy of those files, without the
 * browser, gives the PIN key, and a PIN verifier then gives its PIN in a few
 * milliseconds. This test keeps the documentation honest: should Chromium
 * ever seal the key, it fails and the documented limit can be lifted.
 */
import { createHmac } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";

const STAFF_ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const PIN = "4826";

let profile: string | undefined;
let server: Server | undefined;
afterAll(async () => {
  server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const hmac = (key: Buffer, pin: string) =>
  createHmac("sha256", key).update(`${STAFF_ID}:${pin}`).digest();

describe("a copy of the counter's IndexedDB files", () => {
  it("holds the non-extractable PIN key's bytes, so a verifier gives away its PIN", async () => {
    profile = await mkdtemp(join(tmpdir(), "ocp-pin-key-"));
    server = createServer((_, res) => res.end("<!doctype html><title>counter</title>"));
    await new Promise<void>((ok) => server!.listen(0, "127.0.0.1", ok));
    const port = (server.address() as AddressInfo).port;
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);

    // As pwa/src/staff/pin-key.ts and verifier.ts do: a non-extractable key kept in IndexedDB.
    const verifier = await page.evaluate(
      async ({ staffId, pin }) => {
        const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, [
          "sign",
        ]);
        const data = new TextEncoder().encode(`${staffId}:${pin}`);
        const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
        const exported = await crypto.subtle.exportKey("raw", key).then(
          () => "exported",
          () => "refused",
        );
        await new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("counter", 1);
          open.onupgradeneeded = () => open.result.createObjectStore("deviceKeys");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction("deviceKeys", "readwrite");
            tx.objectStore("deviceKeys").put({ key }, "pin-verifier");
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        });
        return { mac: btoa(String.fromCharCode(...mac)), exported };
      },
      { staffId: STAFF_ID, pin: PIN },
    );
    await context.close();
    expect(verifier.exported).toBe("refused");

    // The attacker has the files and the verifier, not the browser.
    const target = Buffer.from(verifier.mac, "base64");
    let key: Buffer | null = null;
    for (const file of await filesUnder(join(profile, "Default", "IndexedDB"))) {
      const bytes = await readFile(file);
      for (let at = 0; at + 64 <= bytes.length && key === null; at++) {
        const candidate = bytes.subarray(at, at + 64);
        if (hmac(candidate, PIN).equals(target)) key = Buffer.from(candidate);
      }
    }
    expect(key).not.toBeNull();
    const pins = Array.from({ length: 10_000 }, (_, n) => String(n).padStart(4, "0"));
    expect(pins.find((pin) => hmac(key!, pin).equals(target))).toBe(PIN);
  });
});
