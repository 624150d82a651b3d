/**
 * The fiscal journal end to end: a clerk in Chromium opens the drawer, then,
 * with the network cut and the server stopped, takes two cash sales, a
 * training sale, a credit note with a cash refund and a cash movement; each
 * ticket shows its fiscal number and hash, the X report its totals. Back
 * online, MySQL holds the device's chain as the device made it, without
 * anomaly; the day closes through the admin API into a signed archive that
 * verifies; `npm run journal:verify` passes, then names the ticket an
 * attacker with admin rights rewrote in SQL.
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import type mysql from "mysql2/promise";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";

import { businessDay, chainHash, GENESIS_HASH, verifyChain } from "@ocpizza/schema";

import {
  SCREEN_TIMEOUT_MS,
  SYNC_TIMEOUT_MS,
  approveAsManager,
  collectPageErrors,
  openTodaysOrders,
  orderCard,
  pairCounter,
  takeCashOrder,
  textOf,
  waitFor,
  waitForBadge,
  waitForServiceWorkerControl,
  type TakenOrder,
} from "./support/counter.js";
import { useHarnessAndBrowser, type Harness } from "./support/harness.js";
import { euros } from "./support/money.js";
import { storedDevice } from "./support/store-rows.js";

const run = promisify(execFile);
const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const DEVICE = "Comptoir fiscal";
const STORE = "bastille";
/** The seeded stores: Paris time, business day ending at 04:00. */
const TIME_ZONE = "Europe/Paris";
const CLOSING_MINUTES = 4 * 60;
const FLOAT_CENTS = 12_000;
const CASH_OUT_CENTS = 1_500;
const CASH_OUT_REASON = "Dépôt à la banque";

/** What the screen showed of one ticket. */
interface ShownTicket {
  /** "Ticket n° 4F2A-000001" without "Ticket n° ". */
  fiscalNumber: string;
  /** The 8 hex digits after "Empreinte". */
  hashStart: string;
}

interface CounterRun {
  registerId: string;
  shortId: string;
  day: string;
  sales: TakenOrder[];
  training: TakenOrder;
  shown: ShownTicket[];
}

interface JournalRow {
  seq: number;
  kind: string;
  orderId: string;
  training: number;
  totalCents: number;
  businessDay: string;
  correctsRegisterId: string | null;
  correctsSeq: number | null;
  previousHash: string;
  hash: string;
  content: string;
}

describe("the fiscal journal from the counter to the archive", () => {
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let counter: CounterRun | undefined;
  let archivePath: string | undefined;

  useHarnessAndBrowser((h, b) => ((harness = h), (browser = b)));
  afterAll(async () => {
    await context?.close();
  });

  /** The previous step's result; a clear failure when that step failed. */
  function after<T>(value: T | undefined, step: string): T {
    if (value === undefined) throw new Error(`${step} did not complete: see its failure`);
    return value;
  }

  it("chains every ticket offline and shows its number, its hash and the X report", async () => {
    context = await browser.newContext({ locale: "fr-FR", timezoneId: TIME_ZONE });
    const page = await context.newPage();
    page.setDefaultTimeout(SCREEN_TIMEOUT_MS);
    const pageErrors = collectPageErrors(page);

    await pairCounter(page, harness.server.url, await harness.pairingCode(STORE), DEVICE);
    await waitForServiceWorkerControl(page);
    const deviceHex = (await storedDevice(harness.sql, DEVICE)).id;
    const registerId = dashedUuid(deviceHex);
    const shortId = deviceHex.slice(-4).toUpperCase();

    // The drawer opens online with its float, and that reaches the server.
    await page.getByRole("button", { name: "Ouvrir la caisse", exact: true }).click();
    const opening = page.getByRole("dialog", { name: "Ouvrir la caisse" });
    await opening.getByLabel("Fond de caisse").fill(frenchAmount(FLOAT_CENTS));
    await opening.getByRole("button", { name: "Ouvrir la caisse", exact: true }).click();
    await opening.waitFor({ state: "detached" });
    await page.getByText(new RegExp(`— fond ${euros(FLOAT_CENTS).replace(" ", "\\s")}$`)).waitFor();
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);

    // The network is cut for real: the browser is offline and the server is gone.
    await context.setOffline(true);
    await harness.server.stop("SIGTERM");
    await waitForBadge(page, [/^Hors ligne/]);

    const shown: ShownTicket[] = [];
    const readTicket = (seq: number, training: boolean) => async (ticket: Locator) => {
      shown.push(await expectFiscalLines(ticket, shortId, seq));
      expect((await textOf(ticket)).includes("FORMATION")).toBe(training);
    };
    const sale1 = await takeCashOrder(page, {
      callNumber: 1,
      items: [
        { kind: "pizza", category: "Poulet", name: "Poulet barbecue", size: "L" },
        { kind: "product", category: "Boissons", name: "Coca-Cola 33 cl" },
      ],
      tenderedCents: 5000,
      onTicket: readTicket(1, false),
    });
    const sale2 = await takeCashOrder(page, {
      callNumber: 2,
      items: [
        {
          kind: "pizza",
          category: "Classique",
          name: "Hawaïenne",
          size: "S",
          extras: ["Champignons"],
        },
      ],
      tenderedCents: 2000,
      onTicket: readTicket(2, false),
    });

    // A training sale: on, one sale, off again.
    const trainingSwitch = page.getByRole("switch", { name: "Mode formation" });
    await trainingSwitch.check();
    await page.getByText("FORMATION : les ventes ne comptent pas.").waitFor();
    const training = await takeCashOrder(page, {
      callNumber: 3,
      items: [
        { kind: "product", category: "Desserts", name: "Tiramisu" },
        { kind: "product", category: "Boissons", name: "Orangina 33 cl" },
      ],
      tenderedCents: 5000,
      onTicket: readTicket(3, true),
    });
    await trainingSwitch.uncheck();
    await page.getByText("FORMATION : les ventes ne comptent pas.").waitFor({ state: "detached" });
    expect(new Set([sale1, sale2, training].map((o) => o.totalCents)).size).toBe(3);

    // A credit note on the first sale, refunded in cash.
    await openTodaysOrders(page);
    await orderCard(page, sale1.callLabel).getByRole("button", { name: "Avoir" }).click();
    // A refund after payment: the manager (verified online at pairing) approves it offline.
    await approveAsManager(page);
    const credit = page.getByRole("dialog", { name: `Avoir — commande n° ${sale1.callLabel}` });
    await credit.getByLabel("Motif de l'avoir").fill("Pizza brûlée");
    await expect(
      textOf(credit.getByText(/^Rembourser /)).then(signedCents),
      "the refund offered is what was paid",
    ).resolves.toBe(sale1.totalCents);
    await credit.getByRole("radio", { name: "Espèces", exact: true }).check();
    await credit.getByRole("button", { name: "Émettre l'avoir" }).click();
    const ticketDialog = page.getByRole("dialog", { name: "Ticket", exact: true });
    const creditFiscal = `${shortId}-000004`;
    const creditSlip = ticketDialog.getByRole("article", { name: `AVOIR n° ${creditFiscal}` });
    await creditSlip.waitFor();
    const creditText = await textOf(creditSlip);
    expect(creditText).toContain(`Annule le ticket n° ${shortId}-000001`);
    expect(signedCents(/Total TTC\s*(\S+\s?€)/.exec(creditText)?.[1] ?? "")).toBe(
      -sale1.totalCents,
    );
    expect(signedCents(/Remboursement Espèces\s*(\S+\s?€)/.exec(creditText)?.[1] ?? "")).toBe(
      -sale1.totalCents,
    );
    const creditHash = /^Empreinte ([0-9a-f]{8})$/.exec(
      await textOf(creditSlip.getByText(/^Empreinte [0-9a-f]+$/)),
    )?.[1];
    shown.push({ fiscalNumber: creditFiscal, hashStart: after(creditHash, "the credit hash") });
    // The original ticket is still printed above its credit note, unchanged.
    expect(await textOf(ticketDialog.getByText(/^Ticket n° [0-9A-F]{4}-\d{6}$/))).toBe(
      `Ticket n° ${shortId}-000001`,
    );
    await ticketDialog.getByRole("button", { name: "Fermer" }).click();
    await ticketDialog.waitFor({ state: "detached" });
    const card1 = await waitFor(
      "the first order to show its credit note",
      () => textOf(orderCard(page, sale1.callLabel)),
      (text) => text.includes("Avoir émis"),
    );
    expect(card1).toContain(`Ticket n° ${shortId}-000001`);
    expect(await textOf(orderCard(page, sale2.callLabel))).toContain(`Ticket n° ${shortId}-000002`);
    expect(await textOf(orderCard(page, training.callLabel))).toContain("FORMATION");

    // Cash taken out of the drawer, outside any sale.
    await page.getByRole("button", { name: "Entrée / sortie d'espèces" }).click();
    const movement = page.getByRole("dialog", { name: "Entrée / sortie d'espèces" });
    await movement.getByRole("radio", { name: "Sortie", exact: true }).check();
    await movement.getByLabel("Montant").fill(frenchAmount(CASH_OUT_CENTS));
    await movement.getByLabel("Motif").fill(CASH_OUT_REASON);
    await movement.getByRole("button", { name: "Enregistrer" }).click();
    // The drawer opens without a sale: a manager's PIN.
    await approveAsManager(page);
    await movement.waitFor({ state: "detached" });

    // The drawer expects: float + sales in cash - the refund - the cash taken out (no training).
    await page.getByRole("button", { name: "Fermer la caisse" }).click();
    const closing = page.getByRole("dialog", { name: "Fermer la caisse" });
    const expectedCashRow = closing.getByRole("row", { name: /^Espèces attendues/ });
    await waitFor(
      "the drawer to expect the float, the sales, the refund and the cash taken out",
      async () => signedCents(await textOf(expectedCashRow)),
      (cents) => cents === FLOAT_CENTS + sale2.totalCents - CASH_OUT_CENTS,
    );
    await closing.getByRole("button", { name: "Annuler" }).click();
    await closing.waitFor({ state: "detached" });

    // The X report, still offline: training left out, the credit note deducted.
    await page.getByRole("link", { name: "Rapport X" }).click();
    await page.waitForURL((url) => url.pathname === "/x");
    const day = businessDay(Date.now(), TIME_ZONE, CLOSING_MINUTES);
    const slip = page
      .getByRole("region", { name: "Rapport X" })
      .getByRole("article", { name: "Rapport X" });
    await slip.waitFor();
    const x = await readXReport(page, slip);
    expect(x).toEqual({
      subtitle: expect.stringContaining(`Caisse ${shortId} — journée du ${day}`),
      tickets: { count: 2, cents: sale1.totalCents + sale2.totalCents },
      creditNotes: { count: 1, cents: -sale1.totalCents },
      netCents: sale2.totalCents,
      vatGrossCents: sale2.totalCents,
      cash: { count: 3, cents: sale2.totalCents },
      trainingExcluded: "Ventes en formation exclues : 1",
      last: `Dernier ticket : n° ${creditFiscal}, empreinte ${creditHash}`,
    });

    // The network and the server come back: everything is sent.
    await harness.restartServer();
    await context.setOffline(false);
    await waitForBadge(page, [/^En ligne/, /Tout est envoyé/], SYNC_TIMEOUT_MS);

    expect(pageErrors).toEqual([]);
    counter = { registerId, shortId, day, sales: [sale1, sale2], training, shown };
  });

  it("stores the device's chain in MySQL as made, without anomaly, training out of the sales", async () => {
    const { registerId, day, sales, training, shown } = after(counter, "the counter step");
    const rows = await journalRows(harness.sql, registerId);

    expect(rows.map((r) => [r.seq, r.kind, r.training])).toEqual([
      [1, "sale", 0],
      [2, "sale", 0],
      [3, "sale", 1],
      [4, "credit_note", 0],
    ]);
    const orderIds = await orderIdsByCall(harness.sql);
    expect(rows.map((r) => r.orderId)).toEqual(
      [sales[0], sales[1], training, sales[0]].map((o) => orderIds.get(o.callNumber)),
    );
    expect(rows.map((r) => r.totalCents)).toEqual([
      sales[0].totalCents,
      sales[1].totalCents,
      training.totalCents,
      -sales[0].totalCents,
    ]);
    expect(rows.every((r) => r.businessDay === day)).toBe(true);
    expect([rows[3].correctsRegisterId, rows[3].correctsSeq]).toEqual([registerId, 1]);

    // Each row's hash is the link over the previous one and its stored content.
    const chain = rows.map((r) => ({
      seq: r.seq,
      previousHash: r.previousHash,
      hash: r.hash,
      content: JSON.parse(r.content) as unknown,
    }));
    chain.forEach((entry, i) => {
      expect(entry.previousHash, `ticket ${entry.seq} links to the one before`).toBe(
        i === 0 ? GENESIS_HASH : chain[i - 1].hash,
      );
      expect(chainHash(entry.previousHash, entry.content), `ticket ${entry.seq}'s hash`).toBe(
        entry.hash,
      );
      expect(entry.content).toMatchObject({ registerId, storeId: STORE, seq: entry.seq });
    });
    expect(verifyChain(chain)).toEqual([]);
    // What the screen printed is what the server holds.
    expect(shown).toEqual(
      rows.map((r) => ({
        fiscalNumber: `${counter!.shortId}-${String(r.seq).padStart(6, "0")}`,
        hashStart: r.hash.slice(0, 8),
      })),
    );

    const [register] = await harness.sql.query<mysql.RowDataPacket[]>(
      `SELECT head_seq AS headSeq, head_hash AS headHash, reported_head_seq AS reportedHeadSeq,
              reported_head_hash AS reportedHeadHash FROM registers WHERE id = ?`,
      [registerId],
    );
    expect(register).toEqual([
      {
        headSeq: 4,
        headHash: rows[3].hash,
        reportedHeadSeq: 4,
        reportedHeadHash: rows[3].hash,
      },
    ]);

    const [anomalies] = await harness.sql.query<mysql.RowDataPacket[]>(
      "SELECT register_id, seq, kind, message FROM journal_anomalies",
    );
    expect(anomalies).toEqual([]);
    const [alerts] = await harness.sql.query<mysql.RowDataPacket[]>(
      "SELECT kind, message FROM alerts WHERE kind LIKE 'journal%'",
    );
    expect(alerts).toEqual([]);

    const [orders] = await harness.sql.query<mysql.RowDataPacket[]>(
      `SELECT call_number AS callNumber, training, paid_cents AS paidCents,
              (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.order_id = o.id)
                AS netPaidCents
         FROM orders o WHERE store_id = ? ORDER BY call_number`,
      [STORE],
    );
    expect(orders.map((o) => ({ ...o, netPaidCents: Number(o.netPaidCents) }))).toEqual([
      // The credited sale stays as it was; its refund is a negative payment beside it.
      { callNumber: 1, training: 0, paidCents: sales[0].totalCents, netPaidCents: 0 },
      {
        callNumber: 2,
        training: 0,
        paidCents: sales[1].totalCents,
        netPaidCents: sales[1].totalCents,
      },
      {
        callNumber: 3,
        training: 1,
        paidCents: training.totalCents,
        netPaidCents: training.totalCents,
      },
    ]);

    const [shifts] = await harness.sql.query<mysql.RowDataPacket[]>(
      `SELECT LOWER(HEX(s.id)) AS id, s.float_cents AS floatCents, s.closed_at AS closedAt
         FROM shifts s JOIN devices d ON d.id = s.device_id WHERE d.name = ?`,
      [DEVICE],
    );
    expect(shifts).toEqual([{ id: expect.any(String), floatCents: FLOAT_CENTS, closedAt: null }]);
    const [movements] = await harness.sql.query<mysql.RowDataPacket[]>(
      `SELECT LOWER(HEX(shift_id)) AS shiftId, direction, amount_cents AS amountCents, reason
         FROM cash_movements WHERE store_id = ?`,
      [STORE],
    );
    expect(movements).toEqual([
      {
        shiftId: shifts[0].id,
        direction: "out",
        amountCents: CASH_OUT_CENTS,
        reason: CASH_OUT_REASON,
      },
    ]);

    // The manager's sales report leaves the training sale out. The credited sale
    // still counts as an order; its credit note takes its amount off the revenue.
    const report = await adminGet<{
      orders: number;
      revenueCents: number;
      creditNotes: { count: number; totalCents: number };
      byCategory: Record<string, unknown>;
    }>(`/api/v1/reports/sales?from=${day}&to=${day}&storeId=${STORE}`);
    expect({
      orders: report.orders,
      revenueCents: report.revenueCents,
      creditNotes: report.creditNotes,
    }).toEqual({
      orders: 2,
      revenueCents: sales[1].totalCents,
      creditNotes: { count: 1, totalCents: -sales[0].totalCents },
    });
    // The training sale's tiramisu was the only dessert of the day.
    expect(Object.keys(report.byCategory)).not.toContain("Desserts");
  });

  it("closes the day into a signed archive that verifies, and journal:verify passes", async () => {
    const { registerId, day, sales } = after(counter, "the counter step");
    // The server's X report of the register says what the counter's said.
    const x = await adminGet<{
      closed: boolean;
      totals: {
        tickets: number;
        creditNotes: number;
        totalCents: number;
        byVatRate: Record<string, { totalCents: number }>;
        byPaymentMethod: Record<string, { amountCents: number }>;
      };
      unsyncedRegisters: unknown[];
    }>(`/api/v1/admin/x-report?storeId=${STORE}&day=${day}&registerId=${registerId}`);
    expect(x).toMatchObject({
      closed: false,
      totals: {
        tickets: 2,
        creditNotes: 1,
        totalCents: sales[1].totalCents,
        byPaymentMethod: { cash: { amountCents: sales[1].totalCents } },
      },
      unsyncedRegisters: [],
    });
    const vatGross = Object.values(x.totals.byVatRate).reduce((sum, v) => sum + v.totalCents, 0);
    expect(vatGross).toBe(sales[1].totalCents);

    const response = await fetch(`${harness.server.url}/api/v1/admin/closings`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${harness.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ storeId: STORE, period: "day", key: day, closedBy: "e2e" }),
    });
    const closing = (await response.json()) as {
      seq: number;
      totals: {
        tickets: number;
        creditNotes: number;
        totalCents: number;
        byPaymentMethod: Record<string, { amountCents: number }>;
      };
      grandTotalCents: number;
      registers: { registerId: string; headSeq: number }[];
      archivePath: string | null;
    };
    expect(response.status, JSON.stringify(closing)).toBe(201);
    expect(closing).toMatchObject({
      seq: 1,
      totals: {
        tickets: 2,
        creditNotes: 1,
        totalCents: sales[1].totalCents,
        byPaymentMethod: { cash: { amountCents: sales[1].totalCents } },
      },
      grandTotalCents: sales[1].totalCents,
    });
    expect(closing.registers).toContainEqual(expect.objectContaining({ registerId, headSeq: 4 }));
    expect(closing.archivePath).toBe(
      join(harness.dataDir, "archives", STORE, "day", `${day}.json`),
    );

    const verified = await npmRun(["journal:verify"]);
    expect(verified, verified.stdout).toEqual({
      code: 0,
      stdout: "OK: the journal and closings of every store are intact.\n",
    });

    const archive = await npmRun([
      "archive:verify",
      "--",
      closing.archivePath!,
      "--public-key",
      join(harness.dataDir, "archive-signing-key.pub.pem"),
    ]);
    expect(archive, archive.stdout).toEqual({
      code: 0,
      stdout: `OK: day ${day} of store ${STORE} (closing 1, 4 tickets): signature, hashes and chain are intact.\n`,
    });
    archivePath = closing.archivePath!;
  });

  it("names the ticket an attacker rewrote in SQL once the triggers are dropped", async () => {
    const { registerId, sales } = after(counter, "the counter step");
    after(archivePath, "the closing step");

    // The triggers refuse the change first.
    await expect(
      harness.sql.query("UPDATE journal_entries SET content = content WHERE register_id = ?", [
        registerId,
      ]),
    ).rejects.toThrow(/append-only/);

    for (const trigger of [
      "journal_entries_no_update",
      "journal_entries_no_delete",
      "closings_no_update",
      "closings_no_delete",
    ]) {
      await harness.sql.query(`DROP TRIGGER ${trigger}`);
    }
    // The second sale now says it cost one euro less; its row is otherwise untouched.
    const [changed] = await harness.sql.query<mysql.ResultSetHeader>(
      `UPDATE journal_entries SET content = REPLACE(content, ?, ?) WHERE register_id = ? AND seq = 2`,
      [
        `"totalCents":${sales[1].totalCents},"training"`,
        `"totalCents":${sales[1].totalCents - 100},"training"`,
        registerId,
      ],
    );
    expect(changed.changedRows).toBe(1);

    const result = await npmRun(["journal:verify"]);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toContain(
      `register ${registerId}: ticket 2: content does not match its hash (altered)`,
    );
    const problems = result.stdout.split("\n").filter((line) => line.startsWith("  - "));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toContain("ticket 2");
      expect(problem).not.toContain("recorded on arrival");
    }
  });

  // ---------------------------------------------------------------- helpers

  async function adminGet<T>(path: string): Promise<T> {
    const response = await fetch(`${harness.server.url}${path}`, {
      headers: { authorization: `Bearer ${harness.adminToken}` },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** `npm run --silent <args>` from the repository root against the test database. */
  function npmRun(args: string[]): Promise<{ code: number; stdout: string }> {
    return run("npm", ["run", "--silent", ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: harness.databaseUrl },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout + error.stderr,
      }),
    );
  }
});

/** Checks the ticket's fiscal number and hash lines, apart from its call number. */
async function expectFiscalLines(
  ticket: Locator,
  shortId: string,
  seq: number,
): Promise<ShownTicket> {
  const fiscalNumber = `${shortId}-${String(seq).padStart(6, "0")}`;
  const fiscal = ticket.getByText(/^Ticket n° [0-9A-F]{4}-\d{6}$/);
  expect(await textOf(fiscal)).toBe(`Ticket n° ${fiscalNumber}`);
  const call = await textOf(ticket.getByText(/^N° \S+$/));
  expect(call).not.toContain(fiscalNumber);
  const hashLine = await textOf(ticket.getByText(/^Empreinte [0-9a-f]+$/));
  const hashStart = /^Empreinte ([0-9a-f]{8})$/.exec(hashLine)?.[1];
  if (!hashStart) throw new Error(`no hash on the ticket: ${hashLine}`);
  return { fiscalNumber, hashStart };
}

async function readXReport(page: Page, slip: Locator) {
  const rowAmount = async (label: string) => {
    const row = slip
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: label, exact: true }) });
    return countAndAmount(await textOf(row.getByRole("cell").nth(1)));
  };
  const vatRows = slip.getByRole("table", { name: "TVA par taux" }).locator("tbody tr");
  let vatGrossCents = 0;
  for (const row of await vatRows.all()) {
    vatGrossCents += signedCents(await textOf(row.getByRole("cell").nth(3)));
  }
  return {
    subtitle: await textOf(slip.getByText(/^Caisse /)),
    tickets: await rowAmount("Tickets"),
    creditNotes: await rowAmount("Avoirs"),
    netCents: signedCents(
      await textOf(slip.getByText("Total net TTC", { exact: true }).locator("..")),
    ),
    vatGrossCents,
    cash: countAndAmount(
      (await textOf(slip.getByRole("listitem").filter({ hasText: /^Espèces/ }))).replace(
        /^Espèces/,
        "",
      ),
    ),
    trainingExcluded: await textOf(slip.getByText(/^Ventes en formation exclues/)),
    last: await textOf(slip.getByText(/^Dernier ticket/)),
  };
}

/** "2 × 45,50 €" -> {count: 2, cents: 4550}. */
function countAndAmount(text: string): { count: number; cents: number } {
  const match = /^(\d+) × (.+)$/.exec(text);
  if (!match) throw new Error(`not a count and an amount: ${JSON.stringify(text)}`);
  return { count: Number(match[1]), cents: signedCents(match[2]) };
}

/** Cents from a French amount, negative ones included ("-12,50 €"), or throws. */
function signedCents(text: string): number {
  const match = /([-\u2212]?)\s*(\d[\d\s\u202f\u00a0]*),(\d{2})\s*€/.exec(text);
  if (!match) throw new Error(`no euro amount in ${JSON.stringify(text)}`);
  const cents = Number(match[2].replace(/\D/g, "")) * 100 + Number(match[3]);
  return match[1] ? -cents : cents;
}

function frenchAmount(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

function dashedUuid(hex: string): string {
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
    .join("-")
    .toLowerCase();
}

async function journalRows(sql: mysql.Pool, registerId: string): Promise<JournalRow[]> {
  const [rows] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT seq, kind, LOWER(HEX(order_id)) AS orderId, training, total_cents AS totalCents,
            DATE_FORMAT(business_day, '%Y-%m-%d') AS businessDay,
            corrects_register_id AS correctsRegisterId, corrects_seq AS correctsSeq,
            previous_hash AS previousHash, hash, content
       FROM journal_entries WHERE register_id = ? ORDER BY seq`,
    [registerId],
  );
  return rows.map((row) => ({
    ...(row as JournalRow),
    seq: Number(row.seq),
    training: Number(row.training),
    totalCents: Number(row.totalCents),
    correctsSeq: row.correctsSeq === null ? null : Number(row.correctsSeq),
  }));
}

async function orderIdsByCall(sql: mysql.Pool): Promise<Map<number, string>> {
  const [rows] = await sql.query<mysql.RowDataPacket[]>(
    "SELECT call_number AS callNumber, LOWER(HEX(id)) AS id FROM orders WHERE store_id = ?",
    [STORE],
  );
  return new Map(rows.map((row) => [Number(row.callNumber), String(row.id)]));
}
