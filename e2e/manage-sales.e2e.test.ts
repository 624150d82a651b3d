/**
 * The sales dashboard and the alerts list in Chromium against the real
 * server: January of the Pizza Place data replayed through the sync API, a
 * manager of that store signs in at /manage/sales, sees the figures the API
 * gives, downloads the CSV, and acknowledges an alert at /manage/alerts.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";

import type { SalesDashboard } from "@ocpizza/schema";

import { REPO_ROOT } from "../sync-server/src/cli/api-client.js";
import { replay } from "../sync-server/src/cli/replay-run.js";
import { collectPageErrors, SCREEN_TIMEOUT_MS, textOf, waitFor } from "./support/counter.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";

const MANAGER = {
  email: "gerant.ventes@ocpizza.test",
  password: "les ventes de janvier a la loupe",
  name: "Noé Ventes",
};
const data = join(REPO_ROOT, "sync-server/data/pizza-place");

describe("the manager's sales dashboard", () => {
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext | undefined;
  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)), {
    env: { COOKIE_SECURE: "false" },
  });
  afterAll(async () => {
    await context?.close();
  });

  async function signedInPage(path: string): Promise<{ page: Page; errors: string[] }> {
    context ??= await browser.newContext({
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    const errors = collectPageErrors(page);
    await page.goto(`${harness.server.url}${path}`);
    // The shell shows either the sign-in form or, with a session, the signed-in manager.
    const signIn = page.getByRole("button", { name: "Se connecter" });
    await signIn.or(page.locator(".manage-who")).first().waitFor();
    if (await signIn.isVisible()) {
      await page.getByLabel("Adresse e-mail").fill(MANAGER.email);
      await page.getByLabel("Mot de passe").fill(MANAGER.password);
      await signIn.click();
    }
    return { page, errors };
  }

  async function apiDashboard(): Promise<SalesDashboard> {
    const query = "from=2015-01-01&to=2015-01-31&storeId=bastille";
    const response = await fetch(`${harness.server.url}/api/v1/reports/dashboard?${query}`, {
      headers: { authorization: `Bearer ${harness.adminToken}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as SalesDashboard;
  }

  it("shows January's figures as the API gives them, and exports them", async () => {
    const summary = await replay({
      server: harness.server.url,
      storeId: "bastille",
      devices: 2,
      mode: "takeaway",
      batchSize: 200,
      adminToken: harness.adminToken,
      ordersFile: join(data, "orders-2015-01.csv"),
      detailsFile: join(data, "order_details-2015-01.csv"),
      deviceFile: join(mkdtempSync(join(tmpdir(), "ocp-e2e-sales-")), "devices.json"),
    });
    expect(summary.problems).toEqual([]);
    const created = await fetch(`${harness.server.url}/api/v1/admin/staff`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${harness.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ ...MANAGER, role: "manager", storeIds: ["bastille"] }),
    });
    expect(created.status).toBe(201);
    const expected = await apiDashboard();

    const { page, errors } = await signedInPage("/manage/sales");
    await page.getByRole("heading", { name: "Ventes", level: 1 }).waitFor();
    await page.getByLabel("Magasin").first().selectOption("bastille");
    await page.getByLabel("Personnalisée").check();
    await page.getByLabel("Du", { exact: true }).fill("2015-01-01");
    await page.getByLabel("Au", { exact: true }).fill("2015-01-31");

    const revenue = page.getByTestId("kpi-revenueCents").locator(".kpi-value");
    await waitFor(
      "the revenue tile to show January",
      () => revenue.getAttribute("data-value"),
      (value) => value === String(expected.totals.revenueCents),
    );
    const orders = page.getByTestId("kpi-orders").locator(".kpi-value");
    expect(await orders.getAttribute("data-value")).toBe(String(expected.totals.orders));
    // "69 793,30 €": compared without the (narrow, no-break) spaces Intl puts in.
    const french = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
    const bare = (text: string) => text.replace(/\s/g, "");
    expect(bare(await textOf(revenue))).toBe(
      bare(french.format(expected.totals.revenueCents / 100)),
    );
    expect(await textOf(page.getByTestId("sales-freshness"))).toMatch(
      /Données à jour au .*toutes les caisses ont tout envoyé/,
    );
    const dayRows = page.getByTestId("breakdown-table").locator("tbody tr");
    expect(await dayRows.count()).toBe(expected.byDay.length);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-csv").click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const total = csv
      .split("\r\n")
      .find((line) => line.startsWith("total;"))!
      .split(";");
    expect(total[3]).toBe(String(expected.totals.orders));
    expect(Math.round(Number(total[7].replace(",", ".")) * 100)).toBe(expected.totals.revenueCents);
    expect(errors).toEqual([]);
  });

  it("lists an alert of the store and records who acknowledged it", async () => {
    const [result] = await harness.sql.query(
      "INSERT INTO alerts (store_id, kind, message, created_at) " +
        "VALUES ('bastille', 'sale_flagged', 'prix différent du menu', UTC_TIMESTAMP(3))",
    );
    const alertId = (result as { insertId: number }).insertId;

    const { page, errors } = await signedInPage("/manage/alerts");
    const row = page.locator(`tr[data-alert-id="${alertId}"]`);
    expect(await textOf(row)).toContain("Vente signalée");
    await row.getByRole("button", { name: "Marquer comme vue" }).click();
    // The open list no longer shows it once acknowledged.
    await row.waitFor({ state: "detached" });

    const [rows] = await harness.sql.query(
      "SELECT acknowledged_by AS who, acknowledged_at AS at FROM alerts WHERE id = ?",
      [alertId],
    );
    const [ack] = rows as { who: string; at: Date | null }[];
    expect(ack.who).toBe(MANAGER.name);
    expect(ack.at).toBeInstanceOf(Date);
    expect(errors).toEqual([]);
  });
});
