/**
 * Register rows: created on first sight, locked for the length of the
 * transaction that appends to the register, and their head moved forward.
 * The lock order is device, store, then register, as a push takes them.
 */
import { and, asc, eq, gt } from "drizzle-orm";

import { GENESIS_HASH } from "@ocpizza/schema";
import { journalEntries, registers } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export interface RegisterHead {
  id: string;
  storeId: string;
  headSeq: number;
  headHash: string;
}

export interface RegisterIdentity {
  id: string;
  storeId: string;
  kind: "device" | "server";
  deviceId: string | null;
}

/** The server's own register of a store: tickets made without a device. */
export function serverRegisterId(storeId: string): string {
  return `server:${storeId}`;
}

/** Creates the register when missing, then locks its row until the transaction ends. */
export async function lockRegister(
  db: Database,
  identity: RegisterIdentity,
  now: Date,
): Promise<RegisterHead> {
  await db
    .insert(registers)
    .ignore()
    .values({ ...identity, headSeq: 0, headHash: GENESIS_HASH, updatedAt: now });
  const [row] = await db
    .select({
      id: registers.id,
      storeId: registers.storeId,
      headSeq: registers.headSeq,
      headHash: registers.headHash,
    })
    .from(registers)
    .where(eq(registers.id, identity.id))
    .for("update");
  return row;
}

export interface WalkedEntry {
  seq: number;
  previousHash: string;
  hash: string;
}

/**
 * Moves a head over the entries already stored right after it (tickets that
 * arrived after a hole, now filled). Returns the new head and the entries
 * walked over, so the caller can check their links.
 */
export async function walkStoredEntries(
  db: Database,
  head: RegisterHead,
): Promise<{ head: RegisterHead; walked: WalkedEntry[] }> {
  const rows = await db
    .select({
      seq: journalEntries.seq,
      previousHash: journalEntries.previousHash,
      hash: journalEntries.hash,
    })
    .from(journalEntries)
    .where(and(eq(journalEntries.registerId, head.id), gt(journalEntries.seq, head.headSeq)))
    .orderBy(asc(journalEntries.seq))
    .limit(10_000);
  const walked: WalkedEntry[] = [];
  let current = head;
  for (const row of rows) {
    if (row.seq !== current.headSeq + 1) break;
    walked.push(row);
    current = { ...current, headSeq: row.seq, headHash: row.hash };
  }
  return { head: current, walked };
}

export async function saveHead(db: Database, head: RegisterHead, now: Date): Promise<void> {
  await db
    .update(registers)
    .set({ headSeq: head.headSeq, headHash: head.headHash, updatedAt: now })
    .where(eq(registers.id, head.id));
}
