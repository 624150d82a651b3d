/**
 * The manager and customer pages in Chromium against the real server: a
 * manager of one store signs in at /manage, creates a pairing code and sees
 * it, a tablet pairs with it, the manager revokes that tablet, then adds a
 * driver, sets their PIN and disables them; a customer resets a forgotten
 * password through the mailed link and the /reset-password page (a fake SMTP
 * server on 127.0.0.1 receives the mails), signs in at /account and erases
 * the account. A manager of every store is told to pick one before making a
 * pairing code; a customer goes from the store finder to the order page to
 * /account and signs up there.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startFakeSmtp, type FakeSmtp } from "../sync-server/src/testing/fake-smtp.js";
import { collectPageErrors, SCREEN_TIMEOUT_MS, textOf, waitFor } from "./support/counter.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";

const MANAGER = {
  email: "gerante.bastille@ocpizza.test",
  password: "une longue phrase de passe",
  name: "Inès Gérante",
};
const CUSTOMER = { email: "cliente.e2e@example.test", password: "ma premiere pizza margherita" };
const NEW_PASSWORD = "une nouvelle phrase secrete";

describe("manager and customer pages", () => {
  let smtp: FakeSmtp;
  let harness: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  // Started before the harness (hooks run in order), so the server gets its URL.
  beforeAll(async () => {
    smtp = await startFakeSmtp();
  });
  useHarnessAndBrowser(
    (h, b) => ((harness = h), (browser = b)),
    // Plain http on 127.0.0.1: the cookie without Secure, as the README says for development.
    () => ({ env: { SMTP_URL: smtp.url, COOKIE_SECURE: "false" } }),
  );
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await smtp?.close();
  });

  async function openPage(path: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    const errors = collectPageErrors(page);
    await page.goto(`${harness.server.url}${path}`);
    return { page, errors };
  }

  async function asOperator(path: string, body: unknown): Promise<Response> {
    return fetch(`${harness.server.url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${harness.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
  }

  it("a manager signs in, makes a pairing code, revokes the tablet, manages a driver", async () => {
    const created = await asOperator("/api/v1/admin/staff", {
      ...MANAGER,
      role: "manager",
      storeIds: ["bastille"],
    });
    expect(created.status).toBe(201);

    const { page, errors } = await openPage("/manage");
    await page.getByLabel("Adresse e-mail").fill(MANAGER.email);
    await page.getByLabel("Mot de passe").fill(MANAGER.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { name: "Caisses appairées" }).waitFor();
    expect(await textOf(page.locator(".manage-who"))).toContain(MANAGER.name);

    await page.getByRole("button", { name: "Nouveau code d'appairage" }).click();
    const code = (await textOf(page.getByTestId("pairing-code"))).trim();
    expect(code).toMatch(/^[A-Z0-9-]{4,32}$/);
    expect(await textOf(page.locator(".pairing-code-card"))).toMatch(/Valable jusqu'à \d\d:\d\d/);

    // A tablet redeems the code shown on the page.
    const paired = await fetch(`${harness.server.url}/api/v1/devices/pair`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code, name: "Caisse du fond" }),
    });
    expect(paired.status).toBe(201);
    const { deviceId } = (await paired.json()) as { deviceId: string };

    await page.reload();
    const row = page.locator(`tr[data-device-id="${deviceId}"]`);
    expect(await textOf(row)).toContain("Caisse du fond");
    await row.getByRole("button", { name: "Révoquer" }).click();
    const dialog = page.getByRole("dialog", { name: "Révoquer « Caisse du fond » ?" });
    await dialog.getByRole("button", { name: "Révoquer la caisse" }).click();
    await dialog.waitFor({ state: "detached" });
    await waitFor(
      "the device row to say revoked",
      () => textOf(row),
      (text) => text.includes("Révoquée"),
    );

    const [rows] = await harness.sql.query(
      "SELECT revoked_at FROM devices WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [deviceId],
    );
    expect((rows as { revoked_at: Date | null }[])[0].revoked_at).toBeInstanceOf(Date);

    // The team: add a driver of the store, give them a PIN, disable them.
    await page.getByRole("link", { name: "Équipe" }).click();
    await page.getByRole("button", { name: "Ajouter une personne" }).click();
    const add = page.getByRole("dialog", { name: "Ajouter une personne" });
    await add.getByLabel("E-mail").fill("livreur.e2e@ocpizza.test");
    await add.getByLabel("Nom").fill("Léo Livreur");
    await add.getByLabel("Rôle").selectOption("driver");
    await add.getByLabel("OC Pizza Bastille").check();
    await add.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Léo Livreur est ajouté(e).").waitFor();
    const driver = page.getByRole("row").filter({ hasText: "livreur.e2e@ocpizza.test" });
    await driver.getByRole("button", { name: "Code PIN" }).click();
    const pin = page.getByRole("dialog", { name: "Code PIN de Léo Livreur" });
    await pin.getByLabel("Code PIN").fill("5813");
    await pin.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Le code PIN de Léo Livreur est enregistré.").waitFor();
    await driver.getByRole("button", { name: "Désactiver" }).click();
    await page
      .getByRole("dialog", { name: "Désactiver Léo Livreur ?" })
      .getByRole("button", { name: "Désactiver" })
      .click();
    await waitFor(
      "the driver's row to say disabled",
      () => textOf(driver),
      (text) => text.includes("Désactivé"),
    );
    const [staffRows] = await harness.sql.query(
      "SELECT role, disabled_at, pin_hash FROM staff WHERE email = 'livreur.e2e@ocpizza.test'",
    );
    expect(staffRows).toEqual([
      { role: "driver", disabled_at: expect.any(Date), pin_hash: expect.any(String) },
    ]);
    expect(errors).toEqual([]);
  });

  it("a manager of every store is told to choose one before making a pairing code", async () => {
    const chain = { ...MANAGER, email: "direction@ocpizza.test", name: "Paul Direction" };
    const created = await asOperator("/api/v1/admin/staff", {
      ...chain,
      role: "manager",
      storeIds: ["*"],
    });
    expect(created.status).toBe(201);

    const { page, errors } = await openPage("/manage");
    await page.getByLabel("Adresse e-mail").fill(chain.email);
    await page.getByLabel("Mot de passe").fill(chain.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { name: "Caisses appairées" }).waitFor();
    const newCode = page.getByRole("button", { name: "Nouveau code d'appairage" });

    expect(await newCode.isDisabled()).toBe(true);
    expect(await newCode.getAttribute("aria-describedby")).toBe("pairing-needs-store");
    expect(await textOf(page.locator("#pairing-needs-store"))).toBe(
      "Choisissez un magasin pour créer un code.",
    );
    await page.getByLabel("Magasin").selectOption("bastille");
    expect(await newCode.isEnabled()).toBe(true);
    expect(await page.locator("#pairing-needs-store").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a customer goes from a store to the order page to /account, and signs up", async () => {
    const email = "inscription.e2e@example.test";
    const password = "trois pizzas et un tiramisu";
    const { page, errors } = await openPage("/stores");
    const bastille = page.getByTestId("store-card").filter({ hasText: "Bastille" });
    await bastille.getByRole("link", { name: "Commander" }).click();
    await page.waitForURL(/\/order\?store=bastille$/);
    await page.getByRole("link", { name: "Mon compte" }).click();
    await page.waitForURL(/\/account$/);

    await page.getByRole("button", { name: "Pas encore de compte ? En créer un" }).click();
    await page.getByLabel("Nom", { exact: true }).fill("Léa Inscrite");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Mot de passe (12 caractères au moins)").fill(password);
    await page.getByLabel("Mot de passe, encore").fill(`${password}!`);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByText("Les deux mots de passe ne sont pas identiques.").waitFor();

    await page.getByLabel("Mot de passe, encore").fill(password);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByRole("heading", { name: "Mon compte", exact: true }).waitFor();
    expect(await textOf(page.locator(".web-profile"))).toContain("Léa Inscrite");
    await page.getByText("n'est pas encore confirmée").waitFor();
    expect((await smtp.waitForMail(email)).text).toMatch(/\/verify-email\?token=/);

    // The same email again, from another browser: the page only points to the mailbox.
    const again = await openPage("/account");
    await again.page.getByRole("button", { name: "Pas encore de compte ? En créer un" }).click();
    await again.page.getByLabel("Nom", { exact: true }).fill("Quelqu'un d'autre");
    await again.page.getByLabel("Adresse e-mail").fill(email);
    await again.page.getByLabel("Mot de passe (12 caractères au moins)").fill(`${password} 2`);
    await again.page.getByLabel("Mot de passe, encore").fill(`${password} 2`);
    await again.page.getByRole("button", { name: "Créer mon compte" }).click();
    await again.page.getByText("Vérifiez votre boîte mail").waitFor();
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
  });

  it("a customer resets a password from the mailed link, then erases the account", async () => {
    const signUp = await fetch(`${harness.server.url}/api/v1/customers`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-requested-with": "ocpizza" },
      body: JSON.stringify({ ...CUSTOMER, name: "Zoé Client" }),
    });
    expect(signUp.status).toBe(202);
    await smtp.waitForMail(CUSTOMER.email);

    const { page, errors } = await openPage("/account");
    await page.getByRole("button", { name: "Mot de passe oublié ?" }).click();
    await page.getByLabel("Adresse e-mail").fill(CUSTOMER.email);
    await page.getByRole("button", { name: "Envoyer le lien" }).click();
    await page.getByText("Si un compte utilise cette adresse").waitFor();

    const mail = await waitFor(
      "the reset mail",
      async () =>
        smtp.mails.find((m) => m.to.includes(CUSTOMER.email) && /reset-password/.test(m.text)),
      (found) => found !== undefined,
    );
    const link = /\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail!.text)![0];
    await page.goto(`${harness.server.url}${link}`);

    await page.getByLabel("Nouveau mot de passe (12 caractères au moins)").fill(NEW_PASSWORD);
    await page.getByLabel("Nouveau mot de passe, encore").fill(`${NEW_PASSWORD}!`);
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await page.getByText("Les deux mots de passe ne sont pas identiques.").waitFor();
    expect(page.url()).not.toContain("token=");

    await page.getByLabel("Nouveau mot de passe, encore").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await page.getByText("Votre mot de passe est changé").waitFor();

    await page.getByRole("link", { name: "Espace client" }).click();
    await page.getByLabel("Adresse e-mail").fill(CUSTOMER.email);
    await page.getByLabel("Mot de passe").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { name: "Mon compte", exact: true }).waitFor();
    expect(await textOf(page.locator(".web-profile"))).toContain("Zoé Client");
    await page.getByText("n'est pas encore confirmée").waitFor();

    // Then erases the account, after typing the password and confirming.
    await page.getByLabel("Votre mot de passe, pour confirmer").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Supprimer mon compte" }).click();
    const dialog = page.getByRole("dialog", { name: "Supprimer définitivement votre compte ?" });
    await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
    await page.getByText("Votre compte est supprimé").waitFor();
    const [rows] = await harness.sql.query(
      "SELECT email, erased_at FROM customers WHERE name = '(erased)'",
    );
    expect(rows).toEqual([{ email: null, erased_at: expect.any(Date) }]);
    expect(errors).toEqual([]);
  });
});
