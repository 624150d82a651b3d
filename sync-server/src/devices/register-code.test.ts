/**
 * Tests of register codes: each counter of a store gets its own letter at
 * pairing, so call numbers ("A-12", "B-12") never name two customers, and
 * every order pulled by any counter says which register took it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MenuSnapshot, PullResponse } from "@ocpizza/schema";

import {
  buildOrder,
  createMutation,
  fetchMenu,
  getPull,
  pairDevice,
  postPush,
  pushBody,
} from "../testing/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { registerCodeAt } from "./pairing.js";

let t: TestDatabase;
let menu: MenuSnapshot;

beforeAll(async () => {
  t = await createTestDatabase();
  menu = await fetchMenu(t.app);
});
afterAll(() => t?.drop());

async function codeOf(deviceId: string): Promise<string> {
  const [rows] = await t.pool.query(
    "SELECT register_code AS code FROM devices WHERE id = UNHEX(REPLACE(?, '-', ''))",
    [deviceId],
  );
  return (rows as { code: string }[])[0].code;
}

describe("register codes", () => {
  it.each([
    [0, "A"],
    [1, "B"],
    [25, "Z"],
    [26, "AA"],
    [27, "AB"],
    [52, "BA"],
    [701, "ZZ"],
  ])("numbers the register at index %i as %s", (index, code) => {
    expect(registerCodeAt(index)).toBe(code);
  });

  it("gives each counter of a store its own code, even when they pair at the same moment", async () => {
    const [first, second, third] = await Promise.all(
      ["montmartre", "montmartre", "montmartre"].map((store) => pairDevice(t, store)),
    );
    const codes = await Promise.all([first, second, third].map((d) => codeOf(d.deviceId)));
    expect(codes.sort()).toEqual(["A", "B", "C"]);
    expect(await codeOf((await pairDevice(t, "vincennes")).deviceId)).toBe("A");
  });

  it("tells every counter which register took each order", async () => {
    const a = await pairDevice(t, "boulogne");
    const b = await pairDevice(t, "boulogne");
    const order = buildOrder(menu, [{ productId: "hawaiian", size: "M" }]);
    const pushed = await postPush(t.app, a, pushBody(a, [createMutation(1, order)]));
    expect(pushed.status).toBe(200);

    const pull = await getPull(t.app, b, { since: 0 });
    const seen = (pull.body as PullResponse).orders.find((o) => o.id === order.id);
    expect(seen?.registerCode).toBe(await codeOf(a.deviceId));
    expect(seen?.registerCode).not.toBe(await codeOf(b.deviceId));
  });
});
