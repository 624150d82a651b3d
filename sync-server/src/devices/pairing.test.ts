/**
 * Tests of pairing: code format and hashing, single use, the device credential.
 */
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { PairResponse } from "@ocpizza/schema";

import { sha256Hex } from "../http/auth.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from "./pairing.js";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

async function createCode(body: object) {
  const response = await t.app.request("/api/v1/admin/pairing-codes", {
    method: "POST",
    headers: { authorization: `Bearer ${t.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { code: string; storeId: string; expiresAtMs: number },
  };
}

async function pair(code: string, name = "Caisse 1") {
  const response = await t.app.request("/api/v1/devices/pair", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, name }),
  });
  return {
    status: response.status,
    body: (await response.json()) as PairResponse & { error?: { code: string } },
  };
}

describe("pairing a device", () => {
  it("creates an 8-character code from the unambiguous alphabet, valid for the asked minutes, stored hashed", async () => {
    const before = Date.now();
    const { status, body } = await createCode({ storeId: "montmartre", ttlMinutes: 15 });

    expect(status).toBe(201);
    expect(body.code).toHaveLength(PAIRING_CODE_LENGTH);
    expect([...body.code].every((char) => PAIRING_ALPHABET.includes(char))).toBe(true);
    expect(body.storeId).toBe("montmartre");
    expect(body.expiresAtMs).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(body.expiresAtMs).toBeLessThan(before + 16 * 60_000);
    const [rows] = await t.pool.query<RowDataPacket[]>("SELECT code_hash FROM pairing_codes");
    expect(rows.map((r) => r.code_hash)).toContain(sha256Hex(body.code));
    expect(rows.map((r) => r.code_hash)).not.toContain(body.code);
  });

  it("trades a code once for a device id, client id and token kept only as a hash", async () => {
    const { body: code } = await createCode({ storeId: "boulogne" });

    const first = await pair(code.code.toLowerCase().replace(/(....)/, "$1-"));
    const second = await pair(code.code);

    expect(first.status).toBe(201);
    expect(first.body.clientId).toBe(first.body.deviceId);
    expect(first.body.deviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.body.store).toMatchObject({ id: "boulogne", city: "Boulogne-Billancourt" });
    // The seeded legal identity: the first ticket can print it before any pull.
    expect(first.body.store.legal).toMatchObject({
      companyName: "OC Pizza SAS",
      siret: "81234567600041",
      vatNumber: "FR19812345676",
    });
    expect(second.status).toBe(400);
    expect(second.body.error?.code).toBe("pairing_code_invalid");
    const [devices] = await t.pool.query<RowDataPacket[]>(
      "SELECT token_hash, store_id, name FROM devices",
    );
    expect(devices).toEqual([
      { token_hash: sha256Hex(first.body.token), store_id: "boulogne", name: "Caisse 1" },
    ]);
  });

  it("lets the new token call the sync endpoints", async () => {
    const { body: code } = await createCode({ storeId: "bastille" });
    const { body: paired } = await pair(code.code);

    const state = await t.app.request("/api/v1/sync/state", {
      headers: { authorization: `Bearer ${paired.token}` },
    });

    expect(state.status).toBe(200);
    expect(await state.json()).toMatchObject({
      deviceId: paired.deviceId,
      storeId: "bastille",
      lastAppliedSeq: 0,
    });
  });

  it("gives one code to only one of two devices pairing at the same moment", async () => {
    const { body: code } = await createCode({ storeId: "vincennes" });

    const results = await Promise.all([pair(code.code, "A"), pair(code.code, "B")]);

    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
  });
});
