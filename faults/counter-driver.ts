/**
 * One counter of the fault suite: a browser context (its own IndexedDB and
 * service worker) paired as a device, with a clerk signed in, selling at an
 * evening's pace. It records each sale as the screen showed it (ticket number,
 * short order id, total, payments) and every push the browser sent and the
 * answer it got, for the invariants. Device faults borrow it with `exclusive`.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";

import {
  SCREEN_TIMEOUT_MS,
  addPizza,
  addProduct,
  cartTotal,
  openTodaysOrders,
  orderCard,
  pairCounter,
  signInAs,
  textOf,
  waitFor,
  waitForMenu,
  waitForServiceWorkerControl,
  type CartItem,
} from "../e2e/support/counter.js";
import { E2E_CLERK } from "../e2e/support/harness.js";
import { centsFrom } from "../e2e/support/money.js";
import { readLocalState, type LocalState } from "./local-state.js";
import type { Random } from "./random.js";

export type SaleKind = "cash" | "mixed" | "cancelled";

/** A sale as the counter's screen showed it. */
export interface TakenSale {
  counter: string;
  kind: SaleKind;
  /** The last 8 hex digits of the order id, as printed on the ticket. */
  shortId: string;
  callLabel: string;
  totalCents: number;
  /** Items put in the cart (the cart may merge two alike into one line of quantity 2). */
  itemCount: number;
  payments: { method: "cash" | "card"; amountCents: number }[];
}

/** What the browser sent and heard on /sync/push, in the order it happened. */
export type PushEvent =
  | { kind: "request"; atMs: number; seqs: number[] }
  | { kind: "answer"; atMs: number; status: number; body: Promise<unknown> }
  /** A tab was closed: the device knows only what its IndexedDB kept, read after reopening. */
  | { kind: "reopened"; atMs: number; confirmedUpTo: number };

const MENU: CartItem[] = [
  { kind: "pizza", category: "Classique", name: "Pepperoni", size: "M" },
  { kind: "pizza", category: "Classique", name: "Pepperoni", size: "L" },
  { kind: "pizza", category: "Poulet", name: "Poulet barbecue", size: "M", extras: ["Anchois"] },
  { kind: "product", category: "Boissons", name: "Coca-Cola 33 cl" },
];

export class Counter {
  readonly sales: TakenSale[] = [];
  readonly pushes: PushEvent[] = [];
  /** Sales the screen refused (an alert instead of the ticket), with the reason it gave. */
  readonly refusals: string[] = [];
  /** Devices this counter was before its data was wiped, with their last local state. */
  readonly retired: { name: string; local: LocalState }[] = [];
  private pairings = 1;
  page!: Page;
  context!: BrowserContext;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly baseUrl: string,
  ) {}

  async open(browser: Browser, pairingCode: string): Promise<void> {
    this.context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    this.watchPushes(this.context);
    this.page = await this.newPage();
    await pairCounter(this.page, this.baseUrl, pairingCode, this.deviceName);
    await waitForServiceWorkerControl(this.page);
  }

  /** The device name given at pairing: a counter paired again after a wipe is a new device. */
  get deviceName(): string {
    return this.pairings === 1 ? this.name : `${this.name} #${this.pairings}`;
  }

  async newPage(): Promise<Page> {
    const page = await this.context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    return page;
  }

  /** Runs `work` while no sale is under way on this counter (device faults, checks). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** One sale of a random kind, taken with the counter to itself. */
  sellOne(random: Random): Promise<TakenSale | null> {
    return this.exclusive(() => this.sell(random));
  }

  /** Closes the tab if still open, opens the app again and waits for the menu. */
  async reopen(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
    this.page = await this.newPage();
    await this.page.goto(this.baseUrl);
    await this.signInIfAsked();
    // From now on the device knows only what its IndexedDB kept.
    const local = await readLocalState(this.page);
    this.pushes.push({ kind: "reopened", atMs: Date.now(), confirmedUpTo: local.confirmedUpTo });
  }

  /** Opens a second tab of the app, sells `sales` orders in it, then closes it. */
  inSecondTab(random: Random, sales: number): Promise<void> {
    return this.exclusive(async () => {
      const first = this.page;
      this.page = await this.newPage();
      try {
        await this.page.goto(this.baseUrl);
        await this.signInIfAsked();
        for (let i = 0; i < sales; i += 1) await this.sell(random);
      } finally {
        await this.page.close();
        this.page = first;
      }
    });
  }

  /** Sells `sales` orders with the tab's clock moved by `skewMs`, then puts it back. */
  withClockSkew(skewMs: number, random: Random, sales: number): Promise<void> {
    return this.exclusive(async () => {
      await this.page.clock.install();
      await this.page.clock.setSystemTime(Date.now() + skewMs);
      try {
        for (let i = 0; i < sales; i += 1) await this.sell(random);
      } finally {
        await this.page.clock.setSystemTime(Date.now());
      }
    });
  }

  /**
   * The site's data wiped (CDP Storage.clearDataForOrigin, everything: IndexedDB,
   * service worker, caches) once the outbox is empty; the app must notice it
   * is no longer paired, and is paired again as a new register. Returns false,
   * wiping nothing, when the outbox did not empty in time.
   */
  wipeAndPairAgain(pairingCode: () => Promise<string>, timeoutMs: number): Promise<boolean> {
    return this.exclusive(async () => {
      const deadline = Date.now() + timeoutMs;
      let local = await readLocalState(this.page);
      while (local.pendingSeqs.length > 0) {
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 500));
        local = await readLocalState(this.page);
      }
      this.retired.push({ name: `${this.name} (before the wipe)`, local });
      const cdp = await this.context.newCDPSession(this.page);
      const origin = new URL(this.baseUrl).origin;
      await cdp.send("Storage.clearDataForOrigin", { origin, storageTypes: "all" });
      await cdp.detach();
      this.pairings += 1;
      await pairCounter(this.page, this.baseUrl, await pairingCode(), this.deviceName);
      await waitForServiceWorkerControl(this.page);
      // A new device: its seqs start again at 1.
      this.pushes.push({ kind: "reopened", atMs: Date.now(), confirmedUpTo: 0 });
      return true;
    });
  }

  /**
   * An app update while orders wait: pushes are refused for this tab, `sales`
   * sales wait in the outbox, a new service worker is deployed (`deploy`), the
   * app is told to look for it, and UpdateBanner reloads onto it. Returns how
   * many entries waited before the update and after the reload.
   */
  withAppUpdate(
    random: Random,
    sales: number,
    deploy: () => void,
  ): Promise<{ before: number; after: number }> {
    return this.exclusive(async () => {
      const page = this.page;
      const refuse = (route: import("playwright-core").Route) => route.abort("connectionrefused");
      await page.route("**/api/v1/sync/push", refuse);
      try {
        for (let i = 0; i < sales; i += 1) await this.sell(random);
        const before = (await readLocalState(page)).pendingSeqs.length;
        deploy();
        const reloaded = page.waitForEvent("load", { timeout: 60_000 });
        await page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r?.update())");
        await reloaded;
        await this.signInIfAsked();
        const after = (await readLocalState(page)).pendingSeqs.length;
        return { before, after };
      } finally {
        await page.unroute("**/api/v1/sync/push", refuse);
      }
    });
  }

  /** The menu, or the PIN pad when the reopened app asks who is at the counter. */
  private async signInIfAsked(): Promise<void> {
    const menu = this.page.getByRole("tab", { name: "Classique" });
    const signIn = this.page.getByText(
      "Connectez-vous avec votre code PIN pour prendre une commande.",
    );
    await menu.or(signIn).first().waitFor();
    if (await signIn.isVisible()) await signInAs(this.page, E2E_CLERK);
    await waitForMenu(this.page);
  }

  /**
   * A phone order saved unpaid and left open (another counter may act on it);
   * recorded as a cancelled sale, since the conflict fault ends by cancelling it.
   */
  sellUnpaidKept(random: Random): Promise<TakenSale | null> {
    return this.exclusive(() => this.sell(random, "cancelled", false));
  }

  /** Cancels an order from "Commandes du jour" (any counter's, once pulled here). */
  cancelOrder(sale: TakenSale): Promise<void> {
    return this.exclusive(() => this.cancel(sale));
  }

  /** Waits until the orders screen lists `callLabel` (pulled from the server), then goes back. */
  seeOrder(callLabel: string, timeoutMs: number): Promise<void> {
    return this.exclusive(async () => {
      await openTodaysOrders(this.page);
      await orderCard(this.page, callLabel).waitFor({ timeout: timeoutMs });
      await this.page.getByRole("link", { name: "Caisse", exact: true }).click();
      await waitForMenu(this.page);
    });
  }

  private async sell(
    random: Random,
    forced?: SaleKind,
    cancelAfter = true,
  ): Promise<TakenSale | null> {
    const page = this.page;
    const items = Array.from({ length: random.between(1, 3) }, () => random.pick(MENU));
    let expected = 0;
    for (const item of items) {
      expected += item.kind === "pizza" ? await addPizza(page, item) : await addProduct(page, item);
    }
    const totalCents = await waitFor(
      "the cart total",
      () => cartTotal(page),
      (c) => c === expected,
    );
    const roll = random.next();
    const kind: SaleKind = forced ?? (roll < 0.6 ? "cash" : roll < 0.85 ? "mixed" : "cancelled");

    let payments: TakenSale["payments"] = [];
    if (kind === "cancelled") {
      // Only a phone order may wait unpaid: the customer's name and phone come with it.
      await page.getByRole("radio", { name: "Téléphone", exact: true }).check();
      await page.getByLabel("Nom du client").fill("Client Test");
      await page.getByLabel("Téléphone du client").fill("0612345678");
      await page.getByRole("button", { name: "Enregistrer sans payer" }).click();
      await openDrawerIfAsked(page, page.getByRole("dialog", { name: "Ticket", exact: true }));
    } else {
      await page.getByRole("button", { name: "Encaisser", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Encaissement" });
      await openDrawerIfAsked(page, dialog);
      payments = await this.pay(dialog, totalCents, kind, random);
    }
    const sale = await this.readTicket(kind, totalCents, items.length, payments);
    if (!sale) return null;
    if (kind === "cancelled" && cancelAfter) await this.cancel(sale);
    this.sales.push(sale);
    return sale;
  }

  /** Cash for all, or part by card and the rest in cash; returns what was paid. */
  private async pay(
    dialog: Locator,
    totalCents: number,
    kind: SaleKind,
    random: Random,
  ): Promise<TakenSale["payments"]> {
    const payments: TakenSale["payments"] = [];
    if (kind === "mixed") {
      const cardCents = Math.min(totalCents - 100, random.between(5, 15) * 100);
      await dialog.getByRole("radio", { name: "Carte bancaire", exact: true }).check();
      await dialog.getByLabel("Montant payé par carte").fill(frenchAmount(cardCents));
      await dialog.getByRole("button", { name: "Ajouter ce paiement" }).click();
      payments.push({ method: "card", amountCents: cardCents });
    }
    await dialog.getByRole("radio", { name: "Espèces", exact: true }).check();
    await dialog.getByRole("button", { name: "Montant exact" }).click();
    payments.push({
      method: "cash",
      amountCents: totalCents - payments.reduce((sum, p) => sum + p.amountCents, 0),
    });
    await dialog.getByRole("button", { name: "Valider", exact: true }).click();
    return payments;
  }

  /** Reads the ticket the sale ended on, or records why the screen refused it. */
  private async readTicket(
    kind: SaleKind,
    totalCents: number,
    itemCount: number,
    payments: TakenSale["payments"],
  ): Promise<TakenSale | null> {
    const page = this.page;
    const ticket = page.getByRole("dialog", { name: "Ticket", exact: true });
    const refusal = page.getByRole("alert").first();
    await ticket.or(refusal).first().waitFor();
    if (!(await ticket.isVisible())) {
      this.refusals.push(await textOf(refusal));
      await this.abandonSale();
      return null;
    }
    const text = await textOf(ticket);
    const callLabel = (await textOf(ticket.getByText(/^N° \S+$/))).slice("N° ".length);
    const shortId = /Commande ([0-9A-F]{8})\b/.exec(text)?.[1];
    if (!shortId) throw new Error(`${this.name}: no order id on the ticket: ${text}`);
    const printed = centsFrom(/Total TTC\s*([^A-Za-z]*€)/.exec(text)?.[1] ?? "");
    if (printed !== totalCents) {
      throw new Error(`${this.name}: ticket total ${printed} for a cart of ${totalCents} cents`);
    }
    await ticket.getByRole("button", { name: "Nouvelle commande" }).click();
    await ticket.waitFor({ state: "detached" });
    return { counter: this.name, kind, shortId, callLabel, totalCents, itemCount, payments };
  }

  /** After a refused sale: close what is open and empty the cart, so selling can go on. */
  private async abandonSale(): Promise<void> {
    const page = this.page;
    await page.keyboard.press("Escape");
    await page.reload();
    await waitForMenu(page);
  }

  /** "Commandes du jour", "Annuler la commande", "Oui, annuler", then back to the counter. */
  private async cancel(sale: Pick<TakenSale, "callLabel">): Promise<void> {
    const page = this.page;
    await openTodaysOrders(page);
    const card = orderCard(page, sale.callLabel);
    await card.getByRole("button", { name: "Annuler la commande" }).click();
    await page.getByRole("button", { name: "Oui, annuler" }).click();
    await card.getByText("Annulée").first().waitFor();
    await page.getByRole("link", { name: "Caisse", exact: true }).click();
    await waitForMenu(page);
  }

  /** Resolves when this counter's browser sends its next push carrying mutations. */
  async nextPush(timeoutMs: number): Promise<boolean> {
    const seen = this.pushes.length;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const fresh = this.pushes.slice(seen);
      if (fresh.some((event) => event.kind === "request" && event.seqs.length > 0)) return true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return false;
  }

  private watchPushes(context: BrowserContext): void {
    context.on("request", (request) => {
      if (request.method() !== "POST" || !request.url().endsWith("/api/v1/sync/push")) return;
      const body = request.postDataJSON() as { mutations: { seq: number }[] };
      this.pushes.push({
        kind: "request",
        atMs: Date.now(),
        seqs: body.mutations.map((m) => m.seq),
      });
    });
    context.on("response", (response) => {
      const request = response.request();
      if (request.method() !== "POST" || !request.url().endsWith("/api/v1/sync/push")) return;
      this.pushes.push({
        kind: "answer",
        atMs: Date.now(),
        status: response.status(),
        body: response.json().catch(() => null),
      });
    });
  }
}

/** A closed drawer asks for its float before the first sale: 150 € in, then `next`. */
async function openDrawerIfAsked(page: Page, next: Locator): Promise<void> {
  const opening = page.getByRole("dialog", { name: "Ouvrir la caisse" });
  await next.or(opening).first().waitFor();
  if (await opening.isVisible()) {
    await opening.getByLabel("Fond de caisse").fill("150,00");
    await opening.getByRole("button", { name: "Ouvrir la caisse" }).click();
  }
  await next.waitFor();
}

function frenchAmount(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}
