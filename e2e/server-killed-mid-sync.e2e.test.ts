/**
 * The sync server killed (SIGKILL) in the middle of a push: once after it
 * committed but before its answer reached the counter, once before the push
 * reached it. Either way the counter resends and MySQL holds each order once.
 */
import type { Browser, Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";

import {
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  collectPageErrors,
  pairCounter,
  takeCashOrder,
  waitForBadge,
  type TakenOrder,
} from "./support/counter.js";
import { expectEachOrderOnce } from "./support/exactly-once.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";
import { storedDevice, storedOrders } from "./support/store-rows.js";

const DEVICE = "Comptoir coupé";

/** What the interceptor does with the next push that carries mutations. */
type Plan = "forward" | "kill-after-commit" | "kill-before-forward";

interface Interception {
  /** How many pushes the interceptor had seen, this one included. */
  pushNumber: number;
  seqs: number[];
  /** lastAppliedSeq of the server's answer, when the push reached it (then the answer was lost). */
  answeredLastAppliedSeq: number | null;
}

/**
 * Sits between the counter and the server on /api/v1/sync/push. Every push
 * is recorded; the one after `planNext()` meets the planned failure.
 */
class PushInterceptor {
  readonly pushes: number[][] = [];
  private plan: Plan = "forward";
  private settle: { resolve: (i: Interception) => void; reject: (e: unknown) => void } | null =
    null;

  constructor(private readonly harness: Harness) {}

  async install(page: Page) {
    await page.route("**/api/v1/sync/push", (route) => this.handle(route));
  }

  /** Arms the next push's failure; resolves once it has happened. */
  planNext(plan: Exclude<Plan, "forward">): Promise<Interception> {
    this.plan = plan;
    return new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  /** The seqs of the pushes seen after the first `count` ones. */
  seqsSentSince(count: number): number[] {
    return this.pushes.slice(count).flat();
  }

  private async handle(route: Route) {
    const body = route.request().postDataJSON() as { mutations: { seq: number }[] };
    const seqs = body.mutations.map((mutation) => mutation.seq);
    const pushNumber = this.pushes.push(seqs);
    const plan = this.plan;
    if (plan === "forward" || seqs.length === 0) return route.continue();
    this.plan = "forward";

    try {
      let answeredLastAppliedSeq: number | null = null;
      if (plan === "kill-after-commit") {
        const response = await route.fetch();
        const answer = (await response.json()) as { lastAppliedSeq: number };
        answeredLastAppliedSeq = answer.lastAppliedSeq;
      }
      await this.harness.server.stop("SIGKILL");
      await route.abort("connectionreset");
      this.settle?.resolve({ pushNumber, seqs, answeredLastAppliedSeq });
    } catch (error) {
      this.settle?.reject(error);
    }
  }
}

describe("the sync server killed in the middle of a sync", () => {
  let harness: Harness;
  let browser: Browser;

  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)));

  it("applies every order exactly once whether the server dies after or before committing a push", async () => {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    const pageErrors = collectPageErrors(page);
    const interceptor = new PushInterceptor(harness);
    await interceptor.install(page);

    await pairCounter(page, harness.server.url, await harness.pairingCode("bastille"), DEVICE);
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/]);

    const taken: TakenOrder[] = [];
    const pepperoni = (callNumber: number, size: string, tenderedCents: number) =>
      takeCashOrder(page, {
        callNumber,
        items: [{ kind: "pizza", category: "Classique", name: "Pepperoni", size }],
        tenderedCents,
      });

    // A first order goes through untouched.
    taken.push(await pepperoni(1, "M", 2000));
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/]);
    const beforeA = await expectEachOrderOnce(harness.sql, DEVICE, taken);

    // (a) The server commits the push, then dies before its answer reaches the counter.
    const afterCommit = interceptor.planNext("kill-after-commit");
    taken.push(
      await takeCashOrder(page, {
        callNumber: 2,
        items: [
          {
            kind: "pizza",
            category: "Poulet",
            name: "Poulet barbecue",
            size: "L",
            extras: ["Anchois"],
          },
          { kind: "product", category: "Boissons", name: "Coca-Cola 33 cl" },
        ],
        tenderedCents: 5000,
      }),
    );
    const lostAnswer = await afterCommit;
    const lostSeqs = lostAnswer.seqs;
    expect(lostSeqs[0]).toBe(beforeA.lastAppliedSeq + 1);
    expect(lostAnswer.answeredLastAppliedSeq).toBe(Math.max(...lostSeqs));
    // The commit is in MySQL, but the counter never heard of it: the order still waits.
    const committed = await expectEachOrderOnce(harness.sql, DEVICE, taken);
    expect(committed.lastAppliedSeq).toBe(Math.max(...lostSeqs));
    await waitForBadge(page, [/^Hors ligne/, /1 commande en attente/]);

    // Another order while the server is down, so the resend carries old and new entries.
    taken.push(await pepperoni(3, "L", 5000));
    await waitForBadge(page, [/^Hors ligne/, /2 commandes en attente/]);

    await harness.restartServer();
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);
    // The counter did resend the entry whose answer it lost.
    expect(interceptor.seqsSentSince(lostAnswer.pushNumber)).toEqual(
      expect.arrayContaining(lostSeqs),
    );
    const beforeB = await expectEachOrderOnce(harness.sql, DEVICE, taken);

    // (b) The server dies while a push is on its way, before it reaches it.
    const beforeForward = interceptor.planNext("kill-before-forward");
    taken.push(await pepperoni(4, "S", 1000));
    const lostPush = await beforeForward;
    expect(lostPush.seqs[0]).toBe(beforeB.lastAppliedSeq + 1);
    expect(lostPush.answeredLastAppliedSeq).toBeNull();
    // Nothing of it reached MySQL.
    const untouched = await expectEachOrderOnce(harness.sql, DEVICE, taken.slice(0, 3));
    expect(untouched.lastAppliedSeq).toBe(beforeB.lastAppliedSeq);
    await waitForBadge(page, [/^Hors ligne/, /1 commande en attente/]);

    await harness.restartServer();
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);
    const after = await expectEachOrderOnce(harness.sql, DEVICE, taken);
    expect(after.appliedSeqs).toEqual(expect.arrayContaining(lostPush.seqs));

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
