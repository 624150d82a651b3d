/**
 * The setup the sync, journal, closing and report tests share: one test
 * database for the file with its menu, a push that must answer 200, and a
 * raw query. Each test still pairs its own devices; this file holds no ids.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, expect } from "vitest";

import type { MenuSnapshot } from "@ocpizza/schema";

import { fetchMenu, postPush, pushBody, type PairedDevice } from "./fixtures.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

/** The database and menu of a test file, set once its `beforeAll` has run. */
export interface SyncWorld {
  t: TestDatabase;
  menu: MenuSnapshot;
}

/** What a push answers for each mutation (the fields these tests read). */
export interface PushAnswer {
  results: { outcome: string; code?: string; message?: string; flags?: string[] }[];
}

/**
 * Creates the file's test database in `beforeAll` (dropped in `afterAll`)
 * and hands it, with the menu, to `ready`. Returns helpers bound to it.
 */
export function useSyncWorld(ready: (world: SyncWorld) => void) {
  let world: SyncWorld | undefined;

  beforeAll(async () => {
    const t = await createTestDatabase();
    world = { t, menu: await fetchMenu(t.app) };
    ready(world);
  });
  afterAll(() => world?.t.drop());

  const current = () => {
    if (!world) throw new Error("useSyncWorld: the test database is not ready (beforeAll)");
    return world;
  };

  /** Pushes the mutations from the device, expecting 200. */
  async function push(device: PairedDevice, mutations: unknown[], extra: object = {}) {
    const response = await postPush(current().t.app, device, pushBody(device, mutations, extra));
    expect(response.status).toBe(200);
    return response.body as PushAnswer;
  }

  /** Rows of a raw SQL query on the test database. */
  async function query(sql: string, params: unknown[] = []) {
    const [rows] = await current().t.pool.query<RowDataPacket[]>(sql, params);
    return rows;
  }

  return { push, query };
}
