/**
 * Appending to the outbox, and reading what it holds. `appendMutation` must run
 * inside the caller's Dexie transaction (with `meta` and `outbox`), so the
 * business rows and the outbox entry commit or fail together, and the seq is
 * taken from meta.nextSeq under that transaction's lock: two tabs never share one.
 */
import { describeIssues, mutationSchema, type Mutation } from "@ocpizza/schema";

import { CommandError } from "./command-error.js";
import { invalidOrderReason } from "./invalid-order.js";
import { readMeta, type CounterDb } from "./database.js";
import type { OutboxEntry } from "./types.js";

/** A mutation before it is given its seq. */
export type MutationDraft = Mutation extends infer M
  ? M extends Mutation
    ? Omit<M, "seq">
    : never
  : never;

export async function appendMutation(
  db: CounterDb,
  draft: MutationDraft,
  orderId: string,
): Promise<OutboxEntry> {
  const meta = await readMeta(db);
  const seq = meta.nextSeq;

  // Validate with the server's schema: a malformed entry would be refused and stall the queue.
  const parsed = mutationSchema.safeParse({ ...draft, seq });
  if (!parsed.success) {
    const reason = invalidOrderReason(parsed.error.issues);
    throw new CommandError("invalid_order", describeIssues(parsed.error), reason);
  }

  const entry: OutboxEntry = {
    seq,
    kind: parsed.data.kind,
    orderId,
    mutation: parsed.data,
    createdAtMs: draft.atMs,
    state: "pending",
    confirmedAtMs: null,
  };
  await db.outbox.add(entry);
  await db.meta.put({ ...meta, nextSeq: seq + 1 });
  return entry;
}

export interface OutboxSummary {
  pending: number;
  oldestPendingAtMs: number | null;
  highestSeq: number;
}

/**
 * What the device will still hold once the entries up to `afterSeq` are
 * applied. A push reports it with its batch: the server stores the report in
 * the transaction that applies the batch, so managers see the state after it.
 */
export async function outboxSummary(db: CounterDb, afterSeq = 0): Promise<OutboxSummary> {
  return db.transaction("r", db.outbox, db.meta, async () => {
    // A fresh collection per query: Dexie's first() narrows the collection it is called on.
    const left = () =>
      db.outbox.where("[state+seq]").between(["pending", afterSeq + 1], ["pending", Infinity]);
    const oldest = await left().first();
    const meta = await db.meta.get("device");
    return {
      pending: await left().count(),
      oldestPendingAtMs: oldest?.createdAtMs ?? null,
      highestSeq: (meta?.nextSeq ?? 1) - 1,
    };
  });
}

/** Pending entries in seq order, at most `limit`. */
export function pendingEntries(db: CounterDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox
    .where("[state+seq]")
    .between(["pending", 0], ["pending", Infinity])
    .limit(limit)
    .toArray();
}

/** Ids of orders that still have a mutation waiting to be confirmed. */
export async function ordersWithPendingMutations(db: CounterDb): Promise<Set<string>> {
  const ids = new Set<string>();
  await db.outbox
    .where("state")
    .equals("pending")
    .each((entry) => ids.add(entry.orderId));
  return ids;
}
