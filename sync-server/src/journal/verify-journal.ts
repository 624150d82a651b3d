/**
 * Checks the journal as MySQL holds it, for anyone with read access: every
 * register's chain (hashes, numbering, links, the columns against the hashed
 * content, the head, the head the device reported, the heads sealed by
 * closings) and every store's chain of closings. Names each ticket or
 * closing that was altered, removed or inserted.
 */
import { and, asc, eq, gt } from "drizzle-orm";

import {
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  verifyChain,
  type ClosingContent,
  type TicketContent,
} from "@ocpizza/schema";
import { closings, journalAnomalies, journalEntries, registers, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

/** `--store` names no store: nothing to check (the CLI exits 2). */
export class UnknownStoreError extends Error {
  constructor(storeId: string) {
    super(`store "${storeId}" does not exist: use an id from /api/v1/stores`);
  }
}

/** Tickets read per query: a register's journal is checked page by page. */
const PAGE_SIZE = 5_000;

export async function verifyJournal(
  db: Database,
  storeId: string | null,
  options: { pageSize?: number } = {},
): Promise<string[]> {
  if (storeId !== null) {
    const [store] = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
    if (!store) throw new UnknownStoreError(storeId);
  }
  const registerRows = await db
    .select()
    .from(registers)
    .where(storeId === null ? undefined : eq(registers.storeId, storeId));
  const withEntries = await db
    .selectDistinct({ registerId: journalEntries.registerId })
    .from(journalEntries)
    .where(storeId === null ? undefined : eq(journalEntries.storeId, storeId));
  const closingRows = await db
    .select()
    .from(closings)
    .where(storeId === null ? undefined : eq(closings.storeId, storeId))
    .orderBy(asc(closings.storeId), asc(closings.seq));

  const problems: string[] = [];
  const ids = new Set([...registerRows.map((r) => r.id), ...withEntries.map((r) => r.registerId)]);
  for (const registerId of [...ids].sort()) {
    const register = registerRows.find((r) => r.id === registerId) ?? null;
    problems.push(
      ...(await checkRegister(db, registerId, register, options.pageSize ?? PAGE_SIZE)),
    );
  }
  problems.push(...(await checkClosings(db, closingRows)));
  return problems;
}

type RegisterRow = typeof registers.$inferSelect;
type ClosingRow = typeof closings.$inferSelect;

async function checkRegister(
  db: Database,
  registerId: string,
  register: RegisterRow | null,
  pageSize: number,
): Promise<string[]> {
  const problems: string[] = [];
  const name = (seq: number) => `register ${registerId}, ticket ${seq}`;
  if (!register) problems.push(`register ${registerId}: its row is missing while it has tickets`);
  // What the server already noticed when the ticket arrived is said, so tampering stands apart:
  // only the same kind of problem on the same ticket of the same register counts as noticed.
  const recorded = await db
    .select({
      seq: journalAnomalies.seq,
      kind: journalAnomalies.kind,
      message: journalAnomalies.message,
    })
    .from(journalAnomalies)
    .where(eq(journalAnomalies.registerId, registerId));
  const noticed = new Set(recorded.map((a) => `${a.seq}#${a.kind}`));
  // Tickets that named another store on arrival (ticket-arrival.ts: "it names store ...").
  const namedStore = new Set(
    recorded
      .filter((a) => a.kind === "mismatch" && a.message.includes("it names store "))
      .map((a) => a.seq),
  );
  const onArrival = (seq: number, kind: string) =>
    noticed.has(`${seq}#${kind}`) ? ` [recorded on arrival as ${kind}]` : "";

  type Link = { seq: number; previousHash: string; hash: string; content: unknown };
  let carried: Link | null = null;
  let afterSeq = 0;
  let sawGap = false;
  for (;;) {
    const page = await db
      .select()
      .from(journalEntries)
      .where(and(eq(journalEntries.registerId, registerId), gt(journalEntries.seq, afterSeq)))
      .orderBy(asc(journalEntries.seq))
      .limit(pageSize);
    if (page.length === 0) break;
    const entries = page.map((row) => ({
      ...row,
      content: JSON.parse(row.content) as TicketContent,
    }));

    // The last ticket of the previous page is carried over so the link across pages is checked.
    const before: Link | null = carried;
    const chain = verifyChain(before ? [before, ...entries] : entries).filter(
      (p) => before === null || p.seq > before.seq,
    );
    for (const problem of chain) {
      if (problem.kind === "gap") sawGap = true;
      const what = {
        gap: "removed",
        altered: "altered",
        duplicate: "inserted",
        broken_link: "inserted or renumbered",
      }[problem.kind];
      const after =
        problem.kind === "gap" ? entries.find((e) => e.seq > problem.seq)?.seq : problem.seq;
      problems.push(
        `register ${registerId}: ${problem.message} ` +
          `(${what})${after ? onArrival(after, problem.kind) : ""}`,
      );
    }
    for (const entry of entries) {
      const c = entry.content;
      const differs = [
        entry.totalCents !== c.totalCents && "total_cents",
        entry.kind !== c.kind && "kind",
        entry.orderId !== c.orderId && "order_id",
        entry.training !== c.training && "training",
        entry.storeId !== c.storeId && "store_id",
        entry.seq !== c.seq && "seq",
      ].filter(Boolean);
      if (differs.length > 0) {
        // A ticket that named another store is stored under the store it was pushed to: that
        // store_id difference was recorded as a mismatch when it arrived, not made in MySQL.
        const named =
          differs.length === 1 && differs[0] === "store_id" && namedStore.has(entry.seq);
        problems.push(
          `${name(entry.seq)}: ${differs.join(", ")} no longer match(es) its hashed content ` +
            `(altered)${named ? onArrival(entry.seq, "mismatch") : ""}`,
        );
      }
    }
    carried = entries[entries.length - 1];
    afterSeq = carried.seq;
    if (page.length < pageSize) break;
  }

  if (!register) return problems;
  const last = afterSeq;
  if (register.headSeq > last) {
    problems.push(
      `register ${registerId}: ticket(s) ${last + 1} to ${register.headSeq} ` +
        `missing below its head (removed)`,
    );
  } else if (
    register.headSeq > 0 &&
    (await hashOf(db, registerId, register.headSeq)) !== register.headHash
  ) {
    problems.push(
      `${name(register.headSeq)}: not the ticket the register's head recorded ` +
        `(altered or replaced)`,
    );
  }
  if (last > register.headSeq && !sawGap) {
    problems.push(
      `register ${registerId}: ticket(s) ${register.headSeq + 1} to ${last} lie beyond its ` +
        `head with no hole to explain them (inserted)`,
    );
  }
  const reported = await hashOf(db, registerId, register.reportedHeadSeq);
  if (reported && register.reportedHeadHash && reported !== register.reportedHeadHash) {
    problems.push(
      `${name(register.reportedHeadSeq)}: not the ticket the device reported (altered or replaced)`,
    );
  }
  return problems;
}

async function hashOf(db: Database, registerId: string, seq: number): Promise<string | null> {
  const [row] = await db
    .select({ hash: journalEntries.hash })
    .from(journalEntries)
    .where(and(eq(journalEntries.registerId, registerId), eq(journalEntries.seq, seq)));
  return row?.hash ?? null;
}

async function checkClosings(db: Database, rows: ClosingRow[]): Promise<string[]> {
  const problems: string[] = [];
  const byStore = new Map<string, ClosingRow[]>();
  for (const row of rows) {
    const chain = byStore.get(row.storeId) ?? [];
    chain.push(row);
    byStore.set(row.storeId, chain);
  }

  for (const [storeId, chain] of byStore) {
    let expected = 1;
    let previousHash = GENESIS_HASH;
    for (const row of chain) {
      const name = `store ${storeId}, closing ${row.seq} (${row.period} ${row.periodKey})`;
      const content = JSON.parse(row.content) as ClosingContent;
      if (row.seq > expected) {
        problems.push(
          `store ${storeId}: closing(s) ${expected} to ${row.seq - 1} missing (removed)`,
        );
      }
      if (chainHash(row.previousHash, content) !== row.hash) {
        problems.push(`${name}: its content does not match its hash (altered)`);
      }
      if (row.seq === expected && row.previousHash !== previousHash) {
        problems.push(`${name}: does not follow closing ${row.seq - 1} (inserted or replaced)`);
      }
      const differs = [
        row.period !== content.period && "period",
        row.periodKey !== content.key && "period_key",
        row.totalCents !== content.totals.totalCents && "total_cents",
        row.grandTotalCents !== content.grandTotalCents && "grand_total_cents",
        row.totals !== canonicalJson(content.totals) && "totals",
      ].filter(Boolean);
      if (differs.length > 0) {
        problems.push(
          `${name}: ${differs.join(", ")} no longer match(es) its hashed content (altered)`,
        );
      }
      for (const seal of content.registers) {
        if (seal.headSeq === 0) continue;
        const hash = await hashOf(db, seal.registerId, seal.headSeq);
        if (hash !== seal.headHash) {
          problems.push(
            `register ${seal.registerId}, ticket ${seal.headSeq}: sealed by ${name} but ` +
              `${hash ? "changed" : "missing"} (${hash ? "altered" : "removed"})`,
          );
        }
      }
      expected = row.seq + 1;
      previousHash = row.hash;
    }
  }
  return problems;
}
