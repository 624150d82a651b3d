/**
 * Pairing a device with a store: an admin creates a short single-use code
 * (stored hashed), a device trades it for its id and bearer token (stored as
 * sha256 hex). The code is consumed and the device created in one transaction.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { Pool } from "mysql2/promise";
import { and, eq, gt, isNull, sql } from "drizzle-orm";

import { newId, type PairResponse } from "@ocpizza/schema";
import { devices, pairingCodes, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import { sha256Hex } from "../http/auth.js";
import { HttpError } from "../http/errors.js";
import { findStore, toStoreInfo } from "../stores/store-info.js";

/** No 0/O, 1/I/L: a code read aloud over the phone survives. */
export const PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const PAIRING_CODE_LENGTH = 8;

export interface PairingCode {
  code: string;
  storeId: string;
  expiresAtMs: number;
}

export async function createPairingCode(
  db: Database,
  storeId: string,
  ttlMinutes: number,
  nowMs: number,
): Promise<PairingCode> {
  if (!(await findStore(db, storeId))) {
    throw new HttpError(
      404,
      "not_found",
      `Store "${storeId}" does not exist: use an id from /api/v1/stores.`,
    );
  }

  const code = Array.from(
    { length: PAIRING_CODE_LENGTH },
    () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)],
  ).join("");
  const expiresAtMs = nowMs + ttlMinutes * 60_000;
  await db.insert(pairingCodes).values({
    codeHash: sha256Hex(code),
    storeId,
    createdAt: new Date(nowMs),
    expiresAt: new Date(expiresAtMs),
  });
  return { code, storeId, expiresAtMs };
}

/** Letters are read in any case; spaces and dashes typed between groups are ignored. */
export function normalizePairingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export async function pairDevice(
  pool: Pool,
  input: { code: string; name: string },
  nowMs: number,
): Promise<PairResponse> {
  const codeHash = sha256Hex(normalizePairingCode(input.code));
  const deviceId = newId();
  const token = randomBytes(32).toString("base64url");
  const now = new Date(nowMs);

  return inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    // Consuming the code is the check: only one request can flip used_at.
    const [claim] = await db
      .update(pairingCodes)
      .set({ usedAt: now, deviceId })
      .where(
        and(
          eq(pairingCodes.codeHash, codeHash),
          isNull(pairingCodes.usedAt),
          gt(pairingCodes.expiresAt, now),
        ),
      );
    if (claim.affectedRows !== 1) {
      throw new HttpError(
        400,
        "pairing_code_invalid",
        "This pairing code is unknown, expired or already used: ask a manager for a new one.",
      );
    }

    const [code] = await db
      .select({ storeId: pairingCodes.storeId })
      .from(pairingCodes)
      .where(eq(pairingCodes.codeHash, codeHash));
    const store = await findStore(db, code.storeId);
    if (!store) throw new Error(`pairing code points at missing store ${code.storeId}`);
    const registerCode = await nextRegisterCode(db, store.id);
    await db.insert(devices).values({
      id: deviceId,
      storeId: store.id,
      registerCode,
      name: input.name,
      tokenHash: sha256Hex(token),
      createdAt: now,
    });
    return { deviceId, clientId: deviceId, token, registerCode, store: toStoreInfo(store) };
  });
}

/**
 * The store's next register code: A to Z, then AA, AB... Codes are never
 * reused (revoked devices keep theirs), so a call number always names one
 * counter. The store row lock makes two pairings at once take two codes.
 */
async function nextRegisterCode(db: Database, storeId: string): Promise<string> {
  await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId)).for("update");
  const [{ count }] = await db
    .select({ count: sql<number>`COUNT(*)` })
    .from(devices)
    .where(eq(devices.storeId, storeId));
  return registerCodeAt(Number(count));
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA", 27 -> "AB". */
export function registerCodeAt(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : registerCodeAt(Math.floor(index / 26) - 1) + letter;
}
