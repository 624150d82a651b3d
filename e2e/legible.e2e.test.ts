/**
 * Words people must read stand out from what is behind them: the counter's
 * top bar ("Changer d'utilisateur", "Se déconnecter", the online order
 * badge) and the manager pages' tabs. Both once drew white words on white
 * buttons or on the cream page, so nobody could find them.
 */
import type { Browser, BrowserContext, Locator } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";

import { SCREEN_TIMEOUT_MS, pairCounter } from "./support/counter.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";

const MANAGER = {
  email: "lisible@ocpizza.test",
  password: "une phrase assez longue",
  name: "Lise Lisible",
};

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
async function contrastOf(locator: Locator): Promise<number> {
  const [color, background] = await locator.evaluate((element) => {
    let node: Element | null = element;
    let behind = "rgb(255, 255, 255)";
    while (node) {
      const value = getComputedStyle(node).backgroundColor;
      if (!/^rgba\(.*, 0\)$|^transparent$/.test(value)) {
        behind = value;
        break;
      }
      node = node.parentElement;
    }
    return [getComputedStyle(element).color, behind];
  });
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const c = Number(part) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

describe("legible words", () => {
  let harness: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  useHarnessAndBrowser(
    (h, b) => ((harness = h), (browser = b)),
    () => ({ env: { COOKIE_SECURE: "false" } }),
  );
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function newPage() {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    return page;
  }

  it("the counter's top bar buttons can be read", async () => {
    const page = await newPage();
    await pairCounter(page, harness.server.url, await harness.pairingCode("bastille"), "Lisible");
    const header = page.locator("header");
    for (const name of ["Changer d'utilisateur", "Se déconnecter"]) {
      expect(await contrastOf(header.getByRole("button", { name })), name).toBeGreaterThan(4.5);
    }
    expect(await contrastOf(page.locator(".incoming-badge")), "online orders").toBeGreaterThan(4.5);
  });

  it("the manager pages' tabs can be read", async () => {
    const created = await fetch(`${harness.server.url}/api/v1/admin/staff`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${harness.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ ...MANAGER, role: "manager", storeIds: ["bastille"] }),
    });
    expect(created.status).toBe(201);
    const page = await newPage();
    await page.goto(`${harness.server.url}/manage`);
    await page.getByLabel("Adresse e-mail").fill(MANAGER.email);
    await page.getByLabel("Mot de passe").fill(MANAGER.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    const tabs = page.locator("nav.manage-nav");
    await tabs.getByRole("link", { name: "Équipe" }).waitFor();
    for (const name of ["Caisses", "Ventes", "Équipe"]) {
      expect(await contrastOf(tabs.getByRole("link", { name })), name).toBeGreaterThan(4.5);
    }
  });
});
