/**
 * One paired device, one fake server and one engine wired together, with a
 * clock the test moves by hand. Shared by the sync tests.
 */
import { recordSale, type SaleInput } from "../db/sale.js";
import { SyncEngine, type SyncEngineOptions } from "../sync/engine.js";
import { FakeSyncServer } from "./fake-sync-server.js";
import { openPairedDb, pizzaLine } from "./fixtures.js";

export const T0 = Date.UTC(2025, 0, 15, 18, 0);

export async function syncSetup(options: Partial<SyncEngineOptions> = {}) {
  const db = await openPairedDb();
  const server = new FakeSyncServer();
  const clock = { nowMs: T0 };
  const engine = new SyncEngine({
    db,
    appVersion: "0.1.0-test",
    fetch: (input, init) => server.fetch(input, init),
    environment: null,
    random: () => 0.5,
    now: () => clock.nowMs,
    ...options,
  });

  /** Records a paid counter sale at the current clock time. */
  async function sell(overrides: Partial<SaleInput> = {}) {
    clock.nowMs += 1_000;
    return recordSale(
      db,
      {
        channel: "counter",
        serviceMode: "takeaway",
        lines: [pizzaLine(1)],
        payments: [{ method: "cash", amountCents: 1250, tenderedCents: 2000 }],
        status: "accepted",
        menuVersion: 1,
        ...overrides,
      },
      clock.nowMs,
    );
  }

  async function outboxStates() {
    return (await db.outbox.orderBy("seq").toArray()).map((e) => `${e.seq}:${e.state}`);
  }

  return { db, server, clock, engine, sell, outboxStates };
}
