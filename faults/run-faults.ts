/**
 * One fault run: builds the world, pairs the counters, lets them sell while
 * a seeded schedule injects faults, heals everything, waits for every counter
 * to finish syncing, then checks the invariants. Returns the figures and the
 * violations; printing and the exit code belong to the caller.
 */
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { Counter } from "./counter-driver.js";
import { FAULTS, faultNamed, type Fault, type FaultContext } from "./faults.js";
import {
  devicesConverge,
  eachSaleOnce,
  moneyAddsUp,
  outboxHonest,
  rejectionsVisible,
  seqsContiguous,
  stockBalances,
  storeOrders,
  type InvariantResult,
} from "./invariants.js";
import { readLocalState, type LocalState } from "./local-state.js";
import { seededRandom } from "./random.js";
import { STORE, World } from "./world.js";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface RunOptions {
  seed: number;
  durationMs: number;
  counters: number;
  /** Fault names to draw from; default every fault (or the cheap ones with `cheapOnly`). */
  faults?: string[];
  cheapOnly?: boolean;
  /**
   * Each fault of the pool once, in a seeded order, then stop (the short
   * schedule of `npm test`); `durationMs` is then only a floor for selling.
   */
  eachOnce?: boolean;
  /** Pause between two sales of one counter, in ms: [min, max]. Default 3000-8000. */
  salePauseMs?: [number, number];
  log?: (line: string) => void;
}

export interface RunReport {
  seed: number;
  ordersTaken: number;
  salesRefused: string[];
  faultsInjected: { name: string; atMs: number }[];
  results: InvariantResult[];
  /** Sentences naming each broken invariant; empty on a pass. */
  failures: string[];
}

/** How long the counters get to send and pull everything once the faults are healed. */
const FINAL_SYNC_TIMEOUT_MS = 120_000;

export async function runFaultSuite(options: RunOptions): Promise<RunReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const random = seededRandom(options.seed);
  // The proxy draws per chunk of traffic: a stream of its own keeps the schedule replayable.
  const world = new World(seededRandom(options.seed + 1_000).next);
  const startedAt = Date.now();
  const stamp = (line: string) => log(`[${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}`);
  const counters: Counter[] = [];
  const faultsInjected: RunReport["faultsInjected"] = [];
  const errors: string[] = [];
  try {
    await world.start(REPO_ROOT);
    await world.createStaff();
    for (let i = 1; i <= options.counters; i += 1) {
      const counter = new Counter(`Comptoir ${i}`, world.url);
      await counter.open(world.browser, await world.pairingCode());
      counters.push(counter);
    }
    stamp(`${counters.length} counters paired behind ${world.url}; selling`);

    const stop = { atMs: Date.now() + (options.eachOnce ? 24 * 3_600_000 : options.durationMs) };
    const sellers = counters.map((counter, i) =>
      sellUntil(counter, stop, seededRandom(options.seed + i + 1), options, stamp, errors),
    );
    const pool = choosableFaults(options);
    const ctx: FaultContext = { world, counters, random, log: stamp };
    const injectUntilMs = options.eachOnce ? 0 : stop.atMs;
    await injectUntil(injectUntilMs, pool, ctx, faultsInjected, errors);
    if (options.eachOnce) stop.atMs = Math.max(Date.now(), startedAt + options.durationMs);
    await Promise.all(sellers);

    stamp("healing everything, then the final sync");
    await heal(world, counters).catch((error) =>
      errors.push(`healing failed: ${firstLine(error)}`),
    );
    const locals = await finalSync(world, counters, stamp);
    await world.resetPool();
    const results = await checkInvariants(world, counters, locals);
    const failures = [
      ...errors,
      ...results.flatMap((r) => r.violations.map((v) => `${r.name}: ${v}`)),
    ];
    return {
      seed: options.seed,
      ordersTaken: counters.reduce((n, c) => n + c.sales.length, 0),
      salesRefused: counters.flatMap((c) => c.refusals.map((r) => `${c.name}: ${r}`)),
      faultsInjected,
      results,
      failures,
    };
  } finally {
    await world.close();
  }
}

function choosableFaults(options: RunOptions): Fault[] {
  if (options.faults) return options.faults.map(faultNamed);
  return FAULTS.filter((f) => !options.cheapOnly || f.cheap);
}

/**
 * Sells until the deadline. A sale the screen could not finish (a step timed
 * out) is an error of the run: the counter should never block on a fault.
 * The tab is reloaded and selling goes on.
 */
async function sellUntil(
  counter: Counter,
  stop: { atMs: number },
  random: ReturnType<typeof seededRandom>,
  options: RunOptions,
  log: (line: string) => void,
  errors: string[],
): Promise<void> {
  const [min, max] = options.salePauseMs ?? [3_000, 8_000];
  while (Date.now() < stop.atMs) {
    try {
      const sale = await counter.sellOne(random);
      if (sale) log(`${counter.name} sold ${sale.callLabel} (${sale.kind}, ${sale.totalCents} c)`);
    } catch (error) {
      const message = firstLine(error);
      const picture = join(tmpdir(), `ocp-faults-sale-failed-${Date.now()}.png`);
      await counter.page.screenshot({ path: picture }).catch(() => undefined);
      errors.push(`${counter.name}: a sale could not be finished: ${message} (see ${picture})`);
      log(`${counter.name}: SALE FAILED: ${message} (screenshot ${picture})`);
      await counter.exclusive(() => counter.reopen()).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, random.between(min, max)));
  }
}

function shuffled<T>(items: readonly T[], random: ReturnType<typeof seededRandom>): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = random.between(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** The error's first line, and what a timed-out step was waiting for. */
function firstLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n");
  const waiting = lines.find((line) => line.includes("waiting for"))?.trim();
  return waiting ? `${lines[0]} (${waiting})` : lines[0];
}

/**
 * Faults one after the other, a few seconds apart, until `untilMs`: every
 * fault of the pool once in a seeded order, then drawn at random. With
 * `untilMs` 0, each fault once and no more.
 */
async function injectUntil(
  untilMs: number,
  pool: Fault[],
  ctx: FaultContext,
  injected: RunReport["faultsInjected"],
  errors: string[],
): Promise<void> {
  const queue = shuffled(pool, ctx.random);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const eachOnce = untilMs === 0;
  while (eachOnce ? queue.length > 0 : Date.now() < untilMs) {
    const fault = queue.shift() ?? ctx.random.pick(pool);
    ctx.log(`fault: ${fault.name}`);
    injected.push({ name: fault.name, atMs: Date.now() });
    try {
      await fault.run(ctx);
    } catch (error) {
      errors.push(`fault ${fault.name} failed: ${firstLine(error)}`);
      ctx.log(`fault ${fault.name} FAILED: ${firstLine(error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, ctx.random.between(2_000, 6_000)));
  }
}

/** Everything back: network passing, servers and database up, every browser online. */
async function heal(world: World, counters: Counter[]): Promise<void> {
  world.proxy.setMode({ kind: "pass" });
  for (const slot of world.servers) if (!slot.process) await world.startServer(slot);
  for (const counter of counters) await counter.context.setOffline(false);
}

/**
 * Waits until each counter's outbox is empty and it holds as many orders as
 * MySQL. The network coming back (a real `online` event from the browser's
 * switch) wakes an engine waiting out its backoff, as it would on a tablet.
 */
async function finalSync(
  world: World,
  counters: Counter[],
  log: (line: string) => void,
): Promise<Map<Counter, LocalState>> {
  for (const counter of counters) {
    await counter.context.setOffline(true);
    await counter.context.setOffline(false);
  }
  const deadline = Date.now() + FINAL_SYNC_TIMEOUT_MS;
  const locals = new Map<Counter, LocalState>();
  for (const counter of counters) {
    for (;;) {
      const local = await readLocalState(counter.page);
      const stored = await storeOrderCount(world);
      locals.set(counter, local);
      if (local.pendingSeqs.length === 0 && local.orders.length === stored) break;
      if (Date.now() > deadline) {
        log(`${counter.name} did not finish syncing: ${local.pendingSeqs.length} pending`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return locals;
}

async function storeOrderCount(world: World): Promise<number> {
  try {
    await world.resetPool();
    return (await storeOrders(world.sql)).length;
  } catch {
    return -1;
  }
}

async function checkInvariants(
  world: World,
  counters: Counter[],
  locals: Map<Counter, LocalState>,
): Promise<InvariantResult[]> {
  const rows = await storeOrders(world.sql);
  const sales = counters.flatMap((c) => c.sales);
  const devices = await Promise.all(
    counters.map(async (c) => ({
      name: c.deviceName,
      local: locals.get(c) ?? (await readLocalState(c.page)),
      badge: (await c.page.getByRole("status").first().textContent()) ?? "",
    })),
  );
  // A wiped counter's former device: everything it held had reached the server.
  const retired = counters.flatMap((c) => c.retired);
  return [
    eachSaleOnce(sales, rows),
    await seqsContiguous(world.sql, [...devices, ...retired]),
    await rejectionsVisible(world.sql, devices),
    devicesConverge(rows, devices),
    await moneyAddsUp(world.sql, rows),
    await outboxHonest(counters),
    await stockBalances(world.sql, REPO_ROOT, async () => {
      const answer = (await world.admin(`/api/v1/admin/stores/${STORE}/stock`, "GET")) as {
        stock: { ingredientId: string; quantity: number }[];
      };
      return answer.stock;
    }),
  ];
}
