/**
 * Checks the journal as MySQL holds it, for anyone with read access: every
 * register's chain (hashes, numbering, links, the columns against the hashed
 * content, the head, the head the device reported, the heads sealed by
 * closings) and every store's chain of closings. Names each ticket or
 * closing that was altered, removed or inserted.
 */
import { asc, eq } from "drizzle-orm";

import {
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  verifyChain,
  type ClosingContent,
  type TicketContent,
} from "@ocpizza/schema";
import { closings, journalEntries, registers } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export async function verifyJournal(db: Database, storeId: string | null): Promise<string[]> {
  const registerRows = await db
    .select()
    .from(registers)
    .where(storeId === null ? undefined : eq(registers.storeId, storeId));
  const entryRows = await db
    .select()
    .from(journalEntries)
    .where(storeId === null ? undefined : eq(journalEntries.storeId, storeId))
    .orderBy(asc(journalEntries.registerId), asc(journalEntries.seq));
  const closingRows = await db
    .select()
    .from(closings)
    .where(storeId === null ? undefined : eq(closings.storeId, storeId))
    .orderBy(asc(closings.storeId), asc(closings.seq));

  const byRegister = new Map<string, typeof entryRows>();
  for (const row of entryRows) {
    byRegister.set(row.registerId, [...(byRegister.get(row.registerId) ?? []), row]);
  }
  const problems: string[] = [];
  for (const registerId of new Set([...registerRows.map((r) => r.id), ...byRegister.keys()])) {
    const register = registerRows.find((r) => r.id === registerId) ?? null;
    problems.push(...checkRegister(registerId, register, byRegister.get(registerId) ?? []));
  }
  problems.push(...checkClosings(closingRows, entryRows));
  return problems;
}

type EntryRow = typeof journalEntries.$inferSelect;
type RegisterRow = typeof registers.$inferSelect;
type ClosingRow = typeof closings.$inferSelect;

function checkRegister(
  registerId: string,
  register: RegisterRow | null,
  rows: EntryRow[],
): string[] {
  const problems: string[] = [];
  const name = (seq: number) => `register ${registerId}, ticket ${seq}`;
  if (!register) problems.push(`register ${registerId}: its row is missing while it has tickets`);

  const entries = rows.map((row) => ({ ...row, parsed: JSON.parse(row.content) as TicketContent }));
  const chain = verifyChain(entries.map((e) => ({ ...e, content: e.parsed })));
  for (const problem of chain) {
    const what =
      problem.kind === "gap"
        ? "removed"
        : problem.kind === "altered"
          ? "altered"
          : "inserted or renumbered";
    problems.push(`register ${registerId}: ${problem.message} (${what})`);
  }

  for (const entry of entries) {
    const c = entry.parsed;
    const differs = [
      entry.totalCents !== c.totalCents && "total_cents",
      entry.kind !== c.kind && "kind",
      entry.orderId !== c.orderId && "order_id",
      entry.training !== c.training && "training",
      entry.storeId !== c.storeId && "store_id",
      entry.seq !== c.seq && "seq",
    ].filter(Boolean);
    if (differs.length > 0) {
      problems.push(
        `${name(entry.seq)}: ${differs.join(", ")} no longer match(es) its hashed content (altered)`,
      );
    }
  }

  if (!register) return problems;
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const last = entries.at(-1)?.seq ?? 0;
  if (register.headSeq > last) {
    problems.push(
      `register ${registerId}: ticket(s) ${last + 1} to ${register.headSeq} missing below its head (removed)`,
    );
  } else if (register.headSeq > 0 && bySeq.get(register.headSeq)?.hash !== register.headHash) {
    problems.push(
      `${name(register.headSeq)}: not the ticket the register's head recorded (altered or replaced)`,
    );
  }
  if (last > register.headSeq && !chain.some((p) => p.kind === "gap")) {
    problems.push(
      `register ${registerId}: ticket(s) ${register.headSeq + 1} to ${last} lie beyond its head with no hole to explain them (inserted)`,
    );
  }
  const reported = bySeq.get(register.reportedHeadSeq);
  if (reported && register.reportedHeadHash && reported.hash !== register.reportedHeadHash) {
    problems.push(
      `${name(register.reportedHeadSeq)}: not the ticket the device reported (altered or replaced)`,
    );
  }
  return problems;
}

function checkClosings(rows: ClosingRow[], entries: EntryRow[]): string[] {
  const problems: string[] = [];
  const entryHash = new Map(entries.map((e) => [`${e.registerId}#${e.seq}`, e.hash]));
  const byStore = new Map<string, ClosingRow[]>();
  for (const row of rows) byStore.set(row.storeId, [...(byStore.get(row.storeId) ?? []), row]);

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
        const hash = entryHash.get(`${seal.registerId}#${seal.headSeq}`);
        if (hash !== seal.headHash) {
          problems.push(
            `register ${seal.registerId}, ticket ${seal.headSeq}: sealed by ${name} but ${hash ? "changed" : "missing"} (${hash ? "altered" : "removed"})`,
          );
        }
      }
      expected = row.seq + 1;
      previousHash = row.hash;
    }
  }
  return problems;
}
