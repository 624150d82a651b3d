/**
 * The server's own register of a store (`server:<storeId>`): tickets made
 * without a device (online orders, manager refunds, payments confirmed by a
 * webhook) are appended here, inside the caller's transaction.
 */
import { eq } from "drizzle-orm";

import {
  appendToChain,
  businessDay,
  canonicalJson,
  type JournalEntry,
  type TicketContent,
} from "@ocpizza/schema";
import { journalEntries, stores } from "@ocpizza/schema/db";

import { HttpError } from "../http/errors.js";
import type { Transaction } from "../db/transaction.js";
import { lockRegister, saveHead, serverRegisterId } from "./registers.js";

export type ServerTicketContent = Omit<TicketContent, "seq" | "registerId" | "storeId">;

/**
 * Locks the store's server register, chains the ticket after its head,
 * stores it and moves the head. The caller's transaction commits or rolls
 * back all of it; concurrent callers (and pushes of that store) wait on the
 * store's row, so keep the transaction short.
 */
export async function appendServerTicket(
  tx: Pick<Transaction, "db">,
  storeId: string,
  content: ServerTicketContent,
  now: Date = new Date(),
): Promise<JournalEntry> {
  const [store] = await tx.db
    .select({
      timeZone: stores.timeZone,
      closingMinutes: stores.closingMinutes,
      version: stores.version,
    })
    .from(stores)
    .where(eq(stores.id, storeId))
    // The store row first, as a push takes it: creating the register on first use then
    // cannot deadlock two appenders, and the lock order stays store, then register.
    .for("update");
  if (!store) throw new HttpError(404, "not_found", `Store "${storeId}" does not exist.`);

  const registerId = serverRegisterId(storeId);
  const head = await lockRegister(
    tx.db,
    { id: registerId, storeId, kind: "server", deviceId: null },
    now,
  );
  const entry = appendToChain(
    { seq: head.headSeq, hash: head.headHash },
    { ...content, registerId, storeId },
  );
  await tx.db.insert(journalEntries).values({
    registerId,
    seq: entry.content.seq,
    storeId,
    kind: entry.content.kind,
    orderId: entry.content.orderId,
    correctsRegisterId: entry.content.corrects?.registerId ?? null,
    correctsSeq: entry.content.corrects?.seq ?? null,
    businessDay: businessDay(entry.content.issuedAtMs, store.timeZone, store.closingMinutes),
    issuedAt: new Date(entry.content.issuedAtMs),
    totalCents: entry.content.totalCents,
    training: entry.content.training,
    previousHash: entry.previousHash,
    hash: entry.hash,
    content: canonicalJson(entry.content),
    receivedAt: now,
    version: store.version,
  });
  await saveHead(tx.db, { ...head, headSeq: entry.content.seq, headHash: entry.hash }, now);
  return entry;
}
