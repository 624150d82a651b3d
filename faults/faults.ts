/**
 * The faults, each a function that breaks one thing while the counters sell
 * and puts it back before it returns: the network (proxy and the browser's
 * offline switch), the servers, the database, the device. A schedule picks
 * them by name; each says what it did in a line of the run's log.
 */
import type mysql from "mysql2/promise";

import type { Counter } from "./counter-driver.js";
import type { Random } from "./random.js";
import { DATABASE, STORE, type World } from "./world.js";

export interface FaultContext {
  world: World;
  counters: Counter[];
  random: Random;
  log: (line: string) => void;
}

export type FaultFamily = "network" | "server" | "database" | "device" | "backup";

export interface Fault {
  name: string;
  family: FaultFamily;
  /** Cheap enough for the short schedule of `npm test`. */
  cheap: boolean;
  run(ctx: FaultContext): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const FAULTS: Fault[] = [
  {
    name: "network-cut",
    family: "network",
    cheap: true,
    async run({ world, random, log }) {
      const ms = random.between(3_000, 10_000);
      log(`proxy cut for ${ms} ms`);
      world.proxy.setMode({ kind: "cut" });
      await sleep(ms);
      world.proxy.setMode({ kind: "pass" });
    },
  },
  {
    name: "network-flap",
    family: "network",
    cheap: true,
    async run({ world, random, log }) {
      const flaps = random.between(3, 6);
      log(`proxy flapping ${flaps} times`);
      for (let i = 0; i < flaps; i += 1) {
        world.proxy.setMode({ kind: "cut" });
        await sleep(random.between(1_000, 3_000));
        world.proxy.setMode({ kind: "pass" });
        await sleep(random.between(1_000, 3_000));
      }
    },
  },
  {
    name: "network-slow",
    family: "network",
    cheap: true,
    async run({ world, random, log }) {
      const delayMs = random.between(200, 1_500);
      const ms = random.between(5_000, 12_000);
      log(`proxy slow (${delayMs} ms per chunk) for ${ms} ms`);
      world.proxy.setMode({ kind: "slow", delayMs });
      await sleep(ms);
      world.proxy.setMode({ kind: "pass" });
    },
  },
  {
    name: "network-drop-mid-response",
    family: "network",
    cheap: true,
    async run({ world, random, log }) {
      const ms = random.between(6_000, 15_000);
      const before = world.proxy.droppedConnections;
      world.proxy.setMode({ kind: "drop-mid-response", probability: 0.5 });
      await sleep(ms);
      world.proxy.setMode({ kind: "pass" });
      log(`answers cut mid-way for ${ms} ms: ${world.proxy.droppedConnections - before} dropped`);
    },
  },
  {
    name: "browser-offline",
    family: "network",
    cheap: true,
    async run({ counters, random, log }) {
      const counter = random.pick(counters);
      const ms = random.between(4_000, 12_000);
      log(`${counter.name} offline (browser switch) for ${ms} ms`);
      await counter.context.setOffline(true);
      await sleep(ms);
      await counter.context.setOffline(false);
    },
  },
  {
    name: "server-killed-mid-push",
    family: "server",
    cheap: true,
    async run({ world, counters, random, log }) {
      const caught = await Promise.race(counters.map((c) => c.nextPush(20_000)));
      await sleep(random.between(0, 30));
      for (const slot of world.servers) await world.killServer(slot);
      const ms = random.between(2_000, 6_000);
      log(`every server SIGKILLed ${caught ? "mid-push" : "(no push seen)"}, down ${ms} ms`);
      await sleep(ms);
      for (const slot of world.servers) await world.startServer(slot);
    },
  },
  {
    name: "one-of-two-servers-killed",
    family: "server",
    cheap: true,
    async run({ world, random, log }) {
      const slot = random.pick(world.servers);
      const ms = random.between(4_000, 10_000);
      log(`server on port ${slot.port} SIGKILLed, the other carries on for ${ms} ms`);
      await world.killServer(slot);
      await sleep(ms);
      await world.startServer(slot);
    },
  },
  {
    name: "database-restarted-mid-transaction",
    family: "database",
    cheap: true,
    async run({ world, counters, random, log }) {
      const caught = await Promise.race(counters.map((c) => c.nextPush(20_000)));
      await sleep(random.between(0, 20));
      await world.database.kill();
      const ms = random.between(1_000, 4_000);
      log(`MariaDB SIGKILLed ${caught ? "mid-push" : "(no push seen)"}, restarted after ${ms} ms`);
      await sleep(ms);
      await world.database.start();
    },
  },
  {
    name: "row-lock-held",
    family: "database",
    cheap: true,
    async run({ world, random, log }) {
      // A second connection holds every device row of the store: pushes wait, time out, retry.
      const ms = random.between(4_000, 9_000);
      log(`devices rows locked by another transaction for ${ms} ms`);
      const connection = await world.sql.getConnection();
      try {
        await connection.query("START TRANSACTION");
        await connection.query("SELECT id FROM devices WHERE store_id = ? FOR UPDATE", [STORE]);
        await sleep(ms);
        await connection.query("COMMIT");
      } finally {
        connection.release();
      }
    },
  },
  {
    name: "tab-closed-mid-sync",
    family: "device",
    cheap: true,
    async run({ counters, random, log }) {
      const counter = random.pick(counters);
      await counter.exclusive(async () => {
        const caught = await counter.nextPush(15_000);
        await counter.page.close();
        log(`${counter.name}: tab closed ${caught ? "mid-push" : "(no push seen)"}, reopened`);
        await counter.reopen();
      });
    },
  },
  {
    name: "two-tabs",
    family: "device",
    cheap: true,
    async run({ counters, random, log }) {
      const counter = random.pick(counters);
      const sales = random.between(1, 2);
      log(`${counter.name}: a second tab sells ${sales} order(s) while the first stays open`);
      await counter.inSecondTab(random, sales);
    },
  },
  {
    name: "clock-skew",
    family: "device",
    cheap: true,
    async run({ counters, random, log }) {
      const counter = random.pick(counters);
      const hours = random.pick([-5, -3, -2, 2, 3, 5]);
      const sales = random.between(1, 2);
      log(`${counter.name}: clock ${hours > 0 ? "+" : ""}${hours} h for ${sales} sale(s)`);
      await counter.withClockSkew(hours * 3_600_000, random, sales);
    },
  },
  {
    name: "conflicting-cancel",
    family: "device",
    cheap: true,
    async run({ world, counters, random, log }) {
      // Two counters cancel one order during a partition: the second cancel is refused.
      if (counters.length < 2) return log("conflicting-cancel needs two counters: skipped");
      const [owner, other] = [...counters].sort(() => random.next() - 0.5);
      const sale = await owner.sellUnpaidKept(random);
      if (!sale) return log(`${owner.name}: the unpaid order was refused: skipped`);
      await other.seeOrder(sale.callLabel, 60_000);
      await other.context.setOffline(true);
      try {
        await owner.cancelOrder(sale);
        await waitForStatus(world, sale.shortId, "cancelled", 60_000);
        await other.cancelOrder(sale);
      } finally {
        await other.context.setOffline(false);
      }
      log(`${owner.name} and ${other.name} (offline) both cancelled ${sale.callLabel}`);
    },
  },
  {
    name: "site-data-wiped",
    family: "device",
    cheap: false,
    async run({ world, counters, random, log }) {
      const counter = random.pick(counters);
      const wiped = await counter.wipeAndPairAgain(() => world.pairingCode(), 60_000);
      log(
        wiped
          ? `${counter.name}: site data wiped, paired again as ${counter.deviceName}`
          : `${counter.name}: outbox never emptied, wipe skipped`,
      );
    },
  },
  {
    name: "app-updated-with-pending-outbox",
    family: "device",
    cheap: true,
    async run({ world, counters, random, log }) {
      const counter = random.pick(counters);
      const label = `fault suite update ${Date.now()}`;
      const { before, after } = await counter.withAppUpdate(random, random.between(1, 2), () =>
        world.deployUpdate(label),
      );
      log(`${counter.name}: app updated with ${before} entries waiting, ${after} after reload`);
      if (after < before) throw new Error(`the update lost ${before - after} outbox entries`);
    },
  },
  {
    name: "restored-from-older-backup",
    family: "backup",
    cheap: false,
    async run({ world, counters, random, log }) {
      const file = world.database.dump(DATABASE);
      const ms = random.between(8_000, 20_000);
      await sleep(ms);
      for (const slot of world.servers) await world.killServer(slot);
      world.database.restore(DATABASE, file);
      // The old pool's sessions lost their database with the DROP: start afresh.
      await world.resetPool();
      // The restore procedure of docs/sync-protocol.md: every older pull cursor must reset.
      await world.sql.query(
        "UPDATE stores SET min_pull_version = version + 1000000, version = version + 1000000",
      );
      const restoredAtMs = Date.now();
      for (const slot of world.servers) await world.startServer(slot);
      await sleep(10_000);
      const gaps = await gapAnswersSince(counters, restoredAtMs);
      log(`restored a backup ${ms} ms old; ${gaps} sequence_gap answer(s) sent devices back`);
    },
  },
];

/** Polls MySQL until the order whose id ends in `shortId` has `status`. */
async function waitForStatus(world: World, shortId: string, status: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [rows] = await world.sql
      .query<mysql.RowDataPacket[]>("SELECT status FROM orders WHERE LOWER(HEX(id)) LIKE ?", [
        `%${shortId.toLowerCase()}`,
      ])
      .catch(() => [[]] as mysql.RowDataPacket[][]);
    if (rows[0]?.status === status) return;
    if (Date.now() > deadline) throw new Error(`order ${shortId} never reached ${status}`);
    await sleep(500);
  }
}

/** How many `sequence_gap` answers the counters got since `sinceMs` (evidence of resends). */
async function gapAnswersSince(counters: Counter[], sinceMs: number): Promise<number> {
  let gaps = 0;
  for (const counter of counters) {
    for (const event of counter.pushes) {
      if (event.kind !== "answer" || event.atMs < sinceMs || event.status !== 409) continue;
      const body = (await event.body) as { error?: { code?: string } } | null;
      if (body?.error?.code === "sequence_gap") gaps += 1;
    }
  }
  return gaps;
}

export function faultNamed(name: string): Fault {
  const fault = FAULTS.find((f) => f.name === name);
  if (!fault) throw new Error(`unknown fault ${name}: ${FAULTS.map((f) => f.name).join(", ")}`);
  return fault;
}
