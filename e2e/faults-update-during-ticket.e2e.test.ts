/**
 * Found by the fault suite: an app update that waits for the end of a sale
 * was applied the moment the sale was recorded, reloading the page while the
 * ticket was on screen, so the clerk lost the ticket to hand over. The update
 * must wait until the ticket is closed ("Nouvelle commande"), then apply.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";

import {
  SCREEN_TIMEOUT_MS,
  addPizza,
  pairCounter,
  waitFor,
  waitForServiceWorkerControl,
} from "./support/counter.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";

const DIST = fileURLToPath(new URL("../pwa/dist", import.meta.url));
const pwaDir = mkdtempSync(join(tmpdir(), "ocp-e2e-update-"));
cpSync(DIST, pwaDir, { recursive: true });

describe("an app update waiting while a sale ends", () => {
  let harness: Harness;
  let browser: Browser;

  useHarnessAndBrowser(
    (h, b) => ((harness = h), (browser = b)),
    () => ({ env: { PWA_DIST: pwaDir } }),
  );
  afterAll(() => rmSync(pwaDir, { recursive: true, force: true }));

  it("keeps the ticket on screen and updates once it is closed", async () => {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    await pairCounter(page, harness.server.url, await harness.pairingCode(), "Comptoir mis à jour");
    await waitForServiceWorkerControl(page);

    // A sale under way, then a new version is deployed and found.
    await addPizza(page, { category: "Classique", name: "Pepperoni", size: "M" });
    const sw = join(pwaDir, "sw.js");
    writeFileSync(sw, `${readFileSync(sw, "utf8")}\n// update ${Date.now()}\n`);
    await page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r?.update())");
    await page.getByText("Elle s'installera à la fin de la vente en cours.").waitFor();
    let reloads = 0;
    page.on("load", () => (reloads += 1));

    await page.getByRole("button", { name: "Encaisser", exact: true }).click();
    const payment = page.getByRole("dialog", { name: "Encaissement" });
    const opening = page.getByRole("dialog", { name: "Ouvrir la caisse" });
    await payment.or(opening).first().waitFor();
    if (await opening.isVisible()) {
      await opening.getByLabel("Fond de caisse").fill("150,00");
      await opening.getByRole("button", { name: "Ouvrir la caisse" }).click();
    }
    await payment.getByRole("radio", { name: "Espèces", exact: true }).check();
    await payment.getByRole("button", { name: "Montant exact" }).click();
    await payment.getByRole("button", { name: "Valider", exact: true }).click();

    // The ticket stays while the clerk hands it over: no reload under it.
    const ticket = page.getByRole("dialog", { name: "Ticket", exact: true });
    await ticket.waitFor();
    await page.waitForTimeout(3_000);
    expect(reloads, "reloads while the ticket is on screen").toBe(0);
    expect(await ticket.isVisible()).toBe(true);

    // Closing it lets the update apply.
    await ticket.getByRole("button", { name: "Nouvelle commande" }).click();
    await waitFor(
      "the update to reload the app",
      () => reloads,
      (n) => n > 0,
    );
    await context.close();
  });
});
