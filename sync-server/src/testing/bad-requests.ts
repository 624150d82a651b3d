/**
 * The harness of the bad-request tables: a database with a device in each of
 * two stores, a revoked device, a used and an expired pairing code; a way to
 * send raw requests; and a runner that checks status, code, the field named
 * in the message, and that no row was written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import {
  buildOrder,
  cashPayment,
  countRows,
  createMutation,
  fetchMenu,
  pairDevice,
  pushBody,
  type PairedDevice,
} from "./fixtures.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export interface World {
  t: TestDatabase;
  menu: MenuSnapshot;
  /** A device of store bastille, and one of montmartre. */
  storeA: PairedDevice;
  storeB: PairedDevice;
  revoked: PairedDevice;
  usedCode: string;
  expiredCode: string;
}

export interface RequestSpec {
  token?: string;
  json?: unknown;
  /** Sent as is, instead of `json`. */
  raw?: string;
}

export type Case = [
  name: string,
  send: (w: World) => Promise<Response>,
  status: number,
  code: string,
  mention?: RegExp,
];

export async function call(
  w: Pick<World, "t">,
  method: string,
  path: string,
  spec: RequestSpec = {},
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (spec.token) headers.authorization = `Bearer ${spec.token}`;
  const body = spec.raw ?? (spec.json === undefined ? undefined : JSON.stringify(spec.json));
  return w.t.app.request(path, { method, headers, body });
}

/** A valid push of one paid sale: each case breaks one thing in it. */
export function validPush(w: World, device: PairedDevice = w.storeA) {
  const order = buildOrder(w.menu, [{ productId: "hawaiian", size: "M", quantity: 2 }]);
  return pushBody(device, [
    createMutation(1, order, { payments: [cashPayment(order.totalCents)] }),
  ]);
}

/** Runs each case against one shared database (after `setup`), proving nothing was written. */
export function describeBadRequests(
  title: string,
  cases: Case[],
  setup?: (w: World) => Promise<void>,
): void {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    await setup?.(world);
  });
  afterAll(() => world?.t.drop());

  describe(title, () => {
    it.each(cases)("%s -> %i %s, nothing written", async (_, send, status, code, mention) => {
      const before = await countRows(world.t.pool);

      const response = await send(world);
      const body = (await response.json()) as { error: { code: string; message: string } };

      expect(response.status).toBe(status);
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(10);
      if (mention) expect(body.error.message).toMatch(mention);
      expect(await countRows(world.t.pool)).toEqual(before);
    });
  });
}

async function createWorld(): Promise<World> {
  const t = await createTestDatabase();
  const menu = await fetchMenu(t.app);
  const storeA = await pairDevice(t, "bastille");
  const storeB = await pairDevice(t, "montmartre");
  const revoked = await pairDevice(t, "bastille");
  await t.pool.query(
    "UPDATE devices SET revoked_at = NOW(3) WHERE id = UNHEX(REPLACE(?, '-', ''))",
    [revoked.deviceId],
  );

  const usedCode = await newCode(t);
  await call({ t }, "POST", "/api/v1/devices/pair", { json: { code: usedCode, name: "Caisse" } });
  const expiredCode = await newCode(t);
  await t.pool.query(
    "UPDATE pairing_codes SET expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE used_at IS NULL",
  );
  return { t, menu, storeA, storeB, revoked, usedCode, expiredCode };
}

async function newCode(t: TestDatabase): Promise<string> {
  const response = await call({ t }, "POST", "/api/v1/admin/pairing-codes", {
    token: t.adminToken,
    json: { storeId: "bastille" },
  });
  return ((await response.json()) as { code: string }).code;
}
