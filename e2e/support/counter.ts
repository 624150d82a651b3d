/**
 * What a clerk does on the counter app, through accessible names only:
 * pairing, signing in with a PIN, choosing pizzas and products, cash payment,
 * the ticket, the sync badge and today's orders. Each step checks what the
 * screen shows on the way.
 */
import type { Locator, Page, Response as PlaywrightResponse } from "playwright-core";
import { expect } from "vitest";

import { E2E_CLERK, E2E_MANAGER, type StaffSpec } from "./harness.js";
import { centsFrom, escapeRegex, euros, normaliseSpaces, startsWith } from "./money.js";

/** How long a screen may take to show what a step waits for. */
export const SCREEN_TIMEOUT_MS = 15_000;
/** How long a sync may take after the server came back (retries back off with jitter). */
export const SYNC_TIMEOUT_MS = 60_000;

/** Polls until `read()` gives a value that passes `accept`; returns that value. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = SCREEN_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function textOf(locator: Locator): Promise<string> {
  return normaliseSpaces((await locator.textContent()) ?? "");
}

// ---------------------------------------------------------------- pairing, service worker

/**
 * Opens the app (which sends an unpaired tablet to /pair), pairs it, then
 * signs `people` in one after the other while online (so each can sign in
 * offline later), by default the manager then the clerk, and waits for the
 * menu. With nobody to sign in, it waits for the counter to ask for a PIN.
 */
export async function pairCounter(
  page: Page,
  baseUrl: string,
  code: string,
  name: string,
  people: readonly StaffSpec[] = [E2E_MANAGER, E2E_CLERK],
) {
  await page.goto(baseUrl);
  await page.waitForURL(/\/pair$/);
  await page.getByLabel("Code d'appairage").fill(code);
  await page.getByLabel("Nom de la caisse").fill(name);
  await page.getByRole("button", { name: "Appairer" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  for (const person of people) await signInAs(page, person);
  if (people.length > 0) await waitForMenu(page);
  else {
    await page.getByText("Connectez-vous avec votre code PIN pour prendre une commande.").waitFor();
  }
}

// ---------------------------------------------------------------- staff sign-in

/** "Se connecter" or "Changer d'utilisateur", then the name and the PIN on the pad. */
export async function signInAs(page: Page, person: Pick<StaffSpec, "name" | "pin">) {
  const dialog = await openSignIn(page);
  await enterPin(dialog, person);
  await dialog.waitFor({ state: "detached" });
  await page.getByText(`Connecté : ${person.name}`, { exact: true }).waitFor();
}

/** Opens the sign-in dialog from the top bar; returns it. */
export async function openSignIn(page: Page): Promise<Locator> {
  await page
    .getByRole("banner")
    .getByRole("button", { name: /^(Se connecter|Changer d'utilisateur)$/ })
    .click();
  const dialog = page.getByRole("dialog", { name: "Qui est à la caisse ?" });
  await dialog.waitFor();
  return dialog;
}

/** Picks the name (when the list shows) and types the PIN on the pad, then "Valider". */
export async function enterPin(dialog: Locator, person: Pick<StaffSpec, "name" | "pin">) {
  const name = dialog.getByRole("button", { name: startsWith(person.name) });
  const pad = dialog.getByRole("group", { name: "Clavier du code PIN" });
  await name.or(pad).first().waitFor();
  if (await name.isVisible()) await name.click();
  for (const digit of person.pin) {
    await pad.getByRole("button", { name: digit, exact: true }).click();
  }
  await pad.getByRole("button", { name: "Valider", exact: true }).click();
}

/** A manager approves a sensitive action in "Accord d'un responsable" with their PIN. */
export async function approveAsManager(page: Page, manager: StaffSpec = E2E_MANAGER) {
  const dialog = page.getByRole("dialog", { name: "Accord d'un responsable" });
  await dialog.waitFor();
  await enterPin(dialog, manager);
  await dialog.waitFor({ state: "detached" });
}

export async function waitForMenu(page: Page) {
  await page.getByRole("tab", { name: "Classique" }).waitFor({ timeout: SCREEN_TIMEOUT_MS });
}

/** Whether a service worker controls the page (answers its requests, offline included). */
export function isControlledByServiceWorker(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}

/** Waits until the service worker is active and controls the page (reloading once if needed). */
export async function waitForServiceWorkerControl(page: Page) {
  await waitFor(
    "the service worker to be active",
    () =>
      page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.active)),
    Boolean,
  );
  if (!(await isControlledByServiceWorker(page))) {
    await page.reload();
    await waitForMenu(page);
  }
  await waitFor(
    "the service worker to control the page",
    () => isControlledByServiceWorker(page),
    Boolean,
  );
}

/**
 * Records the app's own files (page, scripts, styles) loaded from now on, and
 * whether the service worker answered each, not the network or the HTTP cache.
 */
export function recordAppFiles(page: Page): () => { url: string; fromServiceWorker: boolean }[] {
  const files: { url: string; fromServiceWorker: boolean }[] = [];
  const listener = (response: PlaywrightResponse) => {
    const type = response.request().resourceType();
    if (["document", "script", "stylesheet"].includes(type)) {
      files.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
    }
  };
  page.on("response", listener);
  return () => {
    page.off("response", listener);
    return files;
  };
}

/** Uncaught errors of the page, collected from now on (a test expects none). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

// ---------------------------------------------------------------- sync badge and orders

export function syncBadge(page: Page): Locator {
  return page.getByRole("status").first();
}

/** Waits until the badge's text matches every pattern; returns that text. */
export function waitForBadge(page: Page, patterns: RegExp[], timeoutMs = SCREEN_TIMEOUT_MS) {
  return waitFor(
    `the sync badge to match ${patterns.join(" and ")}`,
    () => textOf(syncBadge(page)),
    (text) => patterns.every((pattern) => pattern.test(text)),
    timeoutMs,
  );
}

/** The card of an order in "Commandes du jour", by its call label ("12" or "A-12"). */
export function orderCard(page: Page, callLabel: string): Locator {
  return page.getByRole("listitem", { name: `Commande n° ${callLabel}`, exact: true });
}

export async function openTodaysOrders(page: Page) {
  await page.getByRole("link", { name: "Commandes du jour" }).click();
  await page.getByRole("heading", { name: "Commandes du jour" }).waitFor();
}

// ---------------------------------------------------------------- taking an order

export interface PizzaChoice {
  category: string;
  name: string;
  /** "S", "M", "L", "XL", "XXL". */
  size: string;
  /** Extra toppings, as named after "+ " in the dialog ("Anchois"). */
  extras?: string[];
  /** Own ingredients to leave out, as named after "Sans " in the dialog. */
  without?: string[];
}

export interface ProductChoice {
  category: string;
  name: string;
}

export type CartItem = ({ kind: "pizza" } & PizzaChoice) | ({ kind: "product" } & ProductChoice);

/**
 * Adds a pizza through its dialog. The unit price is worked out from the
 * size and extra labels and must be the dialog's live "Prix"; it is returned.
 */
export async function addPizza(page: Page, choice: PizzaChoice): Promise<number> {
  await page.getByRole("tab", { name: choice.category, exact: true }).click();
  await page.getByRole("button", { name: startsWith(choice.name) }).click();
  const dialog = page.getByRole("dialog", { name: choice.name, exact: true });
  await dialog.waitFor();

  const size = dialog
    .getByRole("group", { name: "Taille" })
    .getByRole("radio", { name: new RegExp(`^${escapeRegex(choice.size)}\\s`) });
  await size.check();
  let expected = centsFrom(await labelOf(size));
  for (const ingredient of choice.without ?? []) {
    await dialog
      .getByRole("group", { name: "Retirer" })
      .getByRole("checkbox", { name: `Sans ${ingredient}`, exact: true })
      .check();
  }
  for (const ingredient of choice.extras ?? []) {
    const extra = dialog
      .getByRole("group", { name: "Suppléments" })
      .getByRole("checkbox", { name: startsWith(`+ ${ingredient}`) });
    await extra.check();
    expected += centsFrom(await labelOf(extra));
  }

  const livePrice = dialog.getByText(/^Prix :/);
  await waitFor(
    `the pizza price to be ${expected} cents`,
    async () => centsFrom(await textOf(livePrice)),
    (cents) => cents === expected,
  );
  await dialog.getByRole("button", { name: "Ajouter au panier" }).click();
  await dialog.waitFor({ state: "detached" });
  return expected;
}

/** Adds a drink or dessert (straight to the cart); returns its price read from its button. */
export async function addProduct(page: Page, choice: ProductChoice): Promise<number> {
  await page.getByRole("tab", { name: choice.category, exact: true }).click();
  const button = page.getByRole("button", { name: startsWith(choice.name) });
  const price = centsFrom(await textOf(button));
  await button.click();
  return price;
}

async function labelOf(input: Locator): Promise<string> {
  return normaliseSpaces(
    await input.evaluate((element) => element.closest("label")?.textContent ?? ""),
  );
}

export function cartTotal(page: Page): Promise<number> {
  return textOf(page.getByTestId("cart-total")).then(centsFrom);
}

export interface TakenOrder {
  callNumber: number;
  /** The call number as printed and listed: "12", or "A-12" with a register code. */
  callLabel: string;
  totalCents: number;
  tenderedCents: number;
  lineCount: number;
  /** The short order id printed on the ticket: the last 8 hex digits of the order's UUID. */
  shortId: string;
}

/**
 * Takes a whole counter order paid in cash: fills the cart, checks the total
 * is the sum of the prices shown, pays with `tenderedCents` (a quick note
 * button when there is one) checking the change, then checks the ticket and
 * starts a new order.
 */
export async function takeCashOrder(
  page: Page,
  order: {
    items: CartItem[];
    tenderedCents: number;
    callNumber: number;
    /** Reads the ticket before "Nouvelle commande" closes it. */
    onTicket?: (ticket: Locator) => Promise<void>;
  },
): Promise<TakenOrder> {
  let expectedTotal = 0;
  for (const item of order.items) {
    expectedTotal +=
      item.kind === "pizza" ? await addPizza(page, item) : await addProduct(page, item);
  }
  const totalCents = await waitFor(
    "the cart total",
    () => cartTotal(page),
    (cents) => cents === expectedTotal,
  );
  expect(order.tenderedCents).toBeGreaterThanOrEqual(totalCents);

  await page.getByRole("button", { name: "Encaisser", exact: true }).click();
  const payment = page.getByRole("dialog", { name: "Encaissement" });
  await openDrawerIfAsked(page, payment);
  await payment.getByRole("radio", { name: "Espèces", exact: true }).check();
  const note = payment.getByRole("button", { name: quickNoteName(order.tenderedCents) });
  if ([500, 1000, 2000, 5000].includes(order.tenderedCents)) await note.click();
  else await payment.getByLabel("Montant reçu").fill(frenchAmount(order.tenderedCents));
  const change = centsFrom(await textOf(payment.getByText(/^Rendu :/)));
  expect(change).toBe(order.tenderedCents - totalCents);
  await payment.getByRole("button", { name: "Valider", exact: true }).click();

  // The sale is saved locally: the ticket follows, or the dialog says why it could not be.
  const ticket = page.getByRole("dialog", { name: "Ticket", exact: true });
  const refusal = payment.getByRole("alert");
  await ticket.or(refusal).first().waitFor();
  if (await refusal.isVisible()) {
    throw new Error(`the sale was not recorded: ${await textOf(refusal)}`);
  }
  const ticketText = await textOf(ticket);
  expect(ticketText).toContain("Numéro d'appel");
  // "N° 12", or "N° A-12" where the counter's register code tells counters apart.
  const call = await textOf(ticket.getByText(/^N° \S+$/));
  expect(call).toMatch(new RegExp(`^N° ([A-Z0-9]{1,4}-)?${order.callNumber}$`));
  expect(centsFrom(/Total TTC\s*([^A-Za-z]*€)/.exec(ticketText)?.[1] ?? "")).toBe(totalCents);
  expect(ticketText).toContain(`Espèces (reçu ${euros(order.tenderedCents)})`);
  if (change > 0) expect(ticketText).toMatch(new RegExp(`Rendu\\s*${escapeRegex(euros(change))}`));
  await ticket.getByRole("button", { name: "Imprimer" }).waitFor();
  const shortId = /Commande ([0-9A-F]{8})\b/.exec(ticketText)?.[1];
  if (!shortId) throw new Error(`no order id on the ticket: ${ticketText}`);
  await order.onTicket?.(ticket);
  await ticket.getByRole("button", { name: "Nouvelle commande" }).click();
  await ticket.waitFor({ state: "detached" });
  expect(await cartTotal(page)).toBe(0);

  return {
    callNumber: order.callNumber,
    callLabel: call.slice("N° ".length),
    totalCents,
    tenderedCents: order.tenderedCents,
    lineCount: order.items.length,
    shortId,
  };
}

/**
 * A counter whose drawer is closed asks for the float ("Ouvrir la caisse")
 * before its first payment: this counts 150 € in, then waits for `next`.
 */
async function openDrawerIfAsked(page: Page, next: Locator) {
  const opening = page.getByRole("dialog", { name: "Ouvrir la caisse" });
  await next.or(opening).first().waitFor();
  if (await opening.isVisible()) {
    await opening.getByLabel("Fond de caisse").fill("150,00");
    await opening.getByRole("button", { name: "Ouvrir la caisse" }).click();
  }
  await next.waitFor();
}

function quickNoteName(cents: number): RegExp {
  return new RegExp(`^${cents / 100}\\s€$`);
}

function frenchAmount(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}
