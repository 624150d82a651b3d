/**
 * Staff PINs end to end: a tablet is paired, staff sign in online once, the
 * network is cut and the server stopped, the app is reloaded offline, a
 * staff member switches in with their PIN checked on the device alone,
 * wrong PINs lock another user (across a reload), someone never verified on
 * this tablet is told so, and the order taken offline reaches MySQL with who
 * took it, with the staff name on the printed ticket.
 */
import type { RowDataPacket } from "mysql2/promise";
import type { Browser, BrowserContext, Locator } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";

import {
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  collectPageErrors,
  enterPin,
  openSignIn,
  openTodaysOrders,
  orderCard,
  pairCounter,
  signInAs,
  takeCashOrder,
  textOf,
  waitFor,
  waitForBadge,
  waitForMenu,
  waitForServiceWorkerControl,
} from "./support/counter.js";
import {
  E2E_CLERK,
  E2E_MANAGER,
  useHarnessAndBrowser,
  type Harness,
  type StaffSpec,
} from "./support/harness.js";

const DEVICE = "Comptoir PIN";
const LOUISE: StaffSpec = {
  name: "Louise Petit",
  role: "counter",
  pin: "2580",
  storeIds: ["bastille"],
};

describe("staff PINs on a counter", () => {
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext | undefined;

  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)));
  afterAll(async () => {
    await context?.close();
  });

  it("signs in offline with a PIN checked online once, locks after 5 wrong PINs, and syncs who sold", async () => {
    await harness.createStaff(LOUISE);
    context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    const pageErrors = collectPageErrors(page);

    // Paired with nobody signed in: the counter asks for a PIN before any order.
    await pairCounter(page, harness.server.url, await harness.pairingCode("bastille"), DEVICE, []);

    // Online, once each: Louise, then Camille (their PINs checked by the server).
    await signInAs(page, LOUISE);
    await signInAs(page, E2E_CLERK);
    await waitForMenu(page);
    await waitForServiceWorkerControl(page);
    await waitForBadge(page, [/^En ligne/]);

    // The network is cut for real: the browser is offline and the server is gone.
    await context.setOffline(true);
    await harness.server.stop("SIGTERM");
    await waitForBadge(page, [/^Hors ligne/]);

    // Reloaded offline, from the service worker; Camille signs out.
    await page.reload();
    await page.getByText(`Connecté : ${E2E_CLERK.name}`, { exact: true }).waitFor();
    await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByText("Personne n'est connecté", { exact: true }).waitFor();

    // The manager never signed in on this tablet: offline, that is said plainly.
    const dialog = await openSignIn(page);
    await dialog
      .getByText("Hors ligne : liste de l'équipe enregistrée sur cette caisse.")
      .waitFor();
    await enterPin(dialog, E2E_MANAGER);
    const neverHere =
      `${E2E_MANAGER.name} ne s'est jamais connecté sur cette caisse : il faut être en ligne ` +
      "la première fois pour vérifier le code.";
    await waitFor(
      "the tablet to say the manager never signed in here",
      () => textOf(dialog.getByRole("alert")),
      (text) => text === neverHere,
    );

    // Five wrong PINs lock Louise on this tablet, with the time left.
    await dialog.getByRole("button", { name: "Choisir un autre nom" }).click();
    const wrongPin = { name: LOUISE.name, pin: "1357" };
    const said: string[] = [];
    for (let i = 0; i < 5; i++) {
      await enterPin(dialog, wrongPin);
      said.push(
        await waitFor(
          `the answer to wrong PIN ${i + 1}`,
          () => textOf(dialog.getByRole("alert")),
          (text) => text !== "" && text !== "Vérification…" && !said.includes(text),
        ),
      );
    }
    expect(said.slice(0, 4)).toEqual(
      [4, 3, 2, 1].map((left) => `Code PIN incorrect : encore ${left} essai(s) avant le blocage.`),
    );
    expect(said[4]).toMatch(
      /^Louise Petit est bloqué sur cette caisse \(trop de codes faux\) : encore [45]:\d\d\.$/,
    );
    await waitFor(
      "the pad to refuse digits while Louise is locked",
      () => dialog.getByRole("button", { name: "1", exact: true }).isDisabled(),
      Boolean,
    );

    // The lock survives a reload; Camille signs in with the PIN checked on the tablet alone.
    await page.reload();
    const again = await openSignIn(page);
    const louise = again.getByRole("button", {
      name: /^Louise Petit \(Caisse\), bloqué, encore [45]:\d\d$/,
    });
    await louise.waitFor();
    await enterPin(again, E2E_CLERK);
    await again.waitFor({ state: "detached" });
    await page.getByText(`Connecté : ${E2E_CLERK.name}`, { exact: true }).waitFor();
    await waitForMenu(page);

    // An order taken and paid offline: the ticket says who served.
    let ticketText = "";
    const order = await takeCashOrder(page, {
      callNumber: 1,
      items: [{ kind: "pizza", category: "Classique", name: "Hawaïenne", size: "M" }],
      tenderedCents: 5000,
      onTicket: async (ticket: Locator) => {
        ticketText = await textOf(ticket);
      },
    });
    expect(ticketText).toContain(`Servi par ${E2E_CLERK.name}`);
    // The seller's legal identity, as the pairing brought it (the seeded bastille).
    expect(ticketText).toContain("OC Pizza SAS");
    expect(ticketText).toContain("SIRET 81234567600017");
    expect(ticketText).toContain("N° TVA intracom. FR19812345676");
    await openTodaysOrders(page);
    expect(await textOf(orderCard(page, order.callLabel))).toContain(`Pris par ${E2E_CLERK.name}`);

    // Back online: the order reaches MySQL with who took it and who took the money.
    await harness.restartServer();
    await context.setOffline(false);
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);
    const clerkHex = harness.staffIds.clerk.replace(/-/g, "");
    const [rows] = await harness.sql.query<RowDataPacket[]>(
      `SELECT LOWER(HEX(o.taken_by_staff_id)) AS takenBy, o.flags, o.total_cents AS total,
              (SELECT LOWER(HEX(p.staff_id)) FROM payments p WHERE p.order_id = o.id LIMIT 1)
                AS paidTo,
              (SELECT j.content FROM journal_entries j WHERE j.order_id = o.id LIMIT 1) AS ticket
         FROM orders o WHERE o.store_id = 'bastille'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      takenBy: clerkHex,
      paidTo: clerkHex,
      flags: "",
      total: order.totalCents,
    });
    expect(JSON.parse(String(rows[0].ticket)).servedBy).toBe(E2E_CLERK.name);
    expect(pageErrors).toEqual([]);
  });
});
