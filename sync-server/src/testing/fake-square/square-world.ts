/**
 * One test world for the Square tests: a fresh MariaDB database, the app
 * configured with Square pointed at a fake Square, the fake's webhooks
 * delivered to the app in-process, a SquareDeps over the real SDK, a clock
 * the test moves, and helpers to store orders and counter ledger rows.
 */
import { newId } from "@ocpizza/schema";
import { orders, payments } from "@ocpizza/schema/db";

import { silentLogger } from "../../logger.js";
import { createSquareDeps, type SquareDeps } from "../../payments/square-deps.js";
import type { SquareConfig, SquareSettings } from "../../payments/square/settings.js";
import { createTestDatabase, type TestDatabase } from "../test-database.js";
import { startFakeSquare, type FakeSquare } from "./server.js";

export const LOCATIONS = { bastille: "LBASTILLE0001", montmartre: "LMONTMARTRE01" };
export const WEBHOOK_URL = "https://caisse.ocpizza.test/api/v1/webhooks/square";
export const SIGNATURE_KEY = "test-signature-key-0123456789";

export interface SquareWorld {
  t: TestDatabase;
  fake: FakeSquare;
  settings: SquareSettings;
  deps: SquareDeps;
  /** The shared clock (epoch ms) of the app, the fake and the deps. */
  clock: { nowMs: number };
  close(): Promise<void>;
}

export async function createSquareWorld(
  options: { timeoutS?: number; startMs?: number } = {},
): Promise<SquareWorld> {
  const clock = { nowMs: options.startMs ?? Date.now() };
  const now = () => clock.nowMs;
  let t: TestDatabase | null = null;
  const fake = await startFakeSquare({
    now,
    defaultLocationId: LOCATIONS.bastille,
    webhooks: {
      deliverTo: "http://127.0.0.1/api/v1/webhooks/square",
      notificationUrl: WEBHOOK_URL,
      signatureKey: SIGNATURE_KEY,
      deliver: async (_url, body, headers) => {
        const response = await t!.app.request("/api/v1/webhooks/square", {
          method: "POST",
          body,
          headers,
        });
        return response.status;
      },
    },
  });
  const settings: SquareSettings = {
    accessToken: fake.accessToken,
    environment: "sandbox",
    applicationId: "sandbox-sq0idb-test",
    locationIds: LOCATIONS,
    webhookSignatureKey: SIGNATURE_KEY,
    webhookUrl: WEBHOOK_URL,
    baseUrl: fake.url,
    simulated: true,
  };
  const square: SquareConfig = { enabled: true, settings };
  t = await createTestDatabase({ app: { square, now } });
  const deps = createSquareDeps(t.db, settings, silentLogger(), {
    timeoutS: options.timeoutS ?? 2,
    now,
  });
  return {
    t,
    fake,
    settings,
    deps,
    clock,
    async close() {
      await fake.close();
      await t!.drop();
    },
  };
}

/** Stores a minimal order (as the sync or online ordering would) and returns its id. */
export async function storeOrder(
  w: SquareWorld,
  options: { storeId?: string; totalCents?: number; businessDay?: string; atMs?: number } = {},
): Promise<string> {
  const id = newId();
  const at = new Date(options.atMs ?? w.clock.nowMs);
  await w.t.db.insert(orders).values({
    id,
    storeId: options.storeId ?? "bastille",
    channel: "counter",
    serviceMode: "takeaway",
    status: "accepted",
    businessDay: options.businessDay ?? at.toISOString().slice(0, 10),
    createdAt: at,
    updatedAt: at,
    callNumber: 1,
    menuVersion: 1,
    totalCents: options.totalCents ?? 2500,
    itemCount: 1,
    lineCount: 1,
    version: 1,
  });
  return id;
}

/** A counter ledger row (what the sync stores for a payment; negative for a refund). */
export async function storeLedgerPayment(
  w: SquareWorld,
  orderId: string,
  options: { amountCents: number; method?: string; businessDay?: string; atMs?: number },
): Promise<string> {
  const id = newId();
  const at = new Date(options.atMs ?? w.clock.nowMs);
  await w.t.db.insert(payments).values({
    id,
    orderId,
    storeId: "bastille",
    businessDay: options.businessDay ?? at.toISOString().slice(0, 10),
    method: options.method ?? "card",
    amountCents: options.amountCents,
    createdAt: at,
  });
  return id;
}
