/**
 * This device's register journal: building a ticket's content from an order
 * and appending it to the chain. `appendTicket` must run inside the caller's
 * rw transaction (with `meta` and `journal`): the head is read and moved under
 * that transaction's lock, so two tabs selling at once never fork the chain.
 */
import {
  appendToChain,
  businessDay,
  GENESIS_HASH,
  lineTotalCents,
  vatBreakdown,
  type JournalEntry,
  type OrderLine,
  type TicketContent,
} from "@ocpizza/schema";

import { CommandError } from "./command-error.js";
import { readMeta, type CounterDb } from "./database.js";
import type { DeviceMeta, JournalHead, JournalRow } from "./types.js";

export type TicketDraft = Omit<TicketContent, "seq">;

/** What a ticket needs from an order; customer details are deliberately left out. */
export interface TicketSource {
  id: string;
  lines: Pick<
    OrderLine,
    "name" | "productId" | "size" | "quantity" | "unitPriceCents" | "vatRateBp" | "discountCents"
  >[];
  payments: { method: string; amountCents: number }[];
  training?: boolean;
}

export function journalHead(meta: DeviceMeta): JournalHead {
  return meta.journalHead ?? { seq: 0, hash: GENESIS_HASH };
}

/** The content of a sale ticket for an order, issued now by this device's register. */
export function saleTicket(meta: DeviceMeta, order: TicketSource, issuedAtMs: number): TicketDraft {
  const { registerId, storeId } = register(meta);
  const lines = order.lines.map((line) => ({
    name: line.name.trim(),
    productId: line.productId,
    size: line.size,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    // Net of any discount: the ticket's VAT is computed on what was paid.
    totalCents: lineTotalCents(line),
    vatRateBp: line.vatRateBp,
  }));
  return {
    registerId,
    storeId,
    kind: "sale",
    orderId: order.id,
    corrects: null,
    issuedAtMs,
    training: order.training ?? false,
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.totalCents, 0),
    vat: vatOf(lines),
    payments: order.payments.map((p) => ({ method: p.method, amountCents: p.amountCents })),
    ...servedBy(meta),
  };
}

/**
 * The credit note that cancels a whole ticket: the same lines with negative
 * quantities and amounts, the refunds as negative payments, `corrects` the original.
 */
export function creditNoteTicket(
  meta: DeviceMeta,
  original: TicketContent,
  refunds: { method: string; amountCents: number }[],
  issuedAtMs: number,
): TicketDraft {
  const { registerId, storeId } = register(meta);
  const lines = original.lines.map((line) => ({
    ...line,
    quantity: -line.quantity,
    totalCents: -line.totalCents,
  }));
  return {
    registerId,
    storeId,
    kind: "credit_note",
    orderId: original.orderId,
    corrects: { registerId: original.registerId, seq: original.seq },
    issuedAtMs,
    training: original.training,
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.totalCents, 0),
    vat: vatOf(lines),
    payments: refunds.map((r) => ({ method: r.method, amountCents: -r.amountCents })),
    ...servedBy(meta),
  };
}

/**
 * The name printed as "Servi par" and chained with the ticket, when someone is
 * signed in. Absent otherwise: the key is then left out of the canonical text.
 */
function servedBy(meta: DeviceMeta): { servedBy?: string } {
  const name = meta.signedIn?.name.trim().slice(0, 120);
  return name ? { servedBy: name } : {};
}

/** Chains a ticket after the register's head and stores it. Call inside a rw transaction. */
export async function appendTicket(
  db: CounterDb,
  draft: TicketDraft,
  by: { staffId?: string; approvedByStaffId?: string } = {},
): Promise<JournalEntry> {
  const meta = await readMeta(db);
  const store = meta.store;
  if (!store) throw new CommandError("not_paired", "pair this counter before issuing tickets");

  const entry = appendToChain(journalHead(meta), draft);
  const row: JournalRow = {
    ...entry,
    seq: entry.content.seq,
    orderId: entry.content.orderId,
    kind: entry.content.kind,
    businessDay: businessDay(draft.issuedAtMs, store.timeZone, store.closingMinutes),
    staffId: by.staffId ?? null,
    ...(by.approvedByStaffId ? { approvedByStaffId: by.approvedByStaffId } : {}),
  };
  // add, not put: a seq already taken means the head is wrong, and nothing is written.
  await db.journal.add(row);
  await db.meta.put({ ...meta, journalHead: { seq: row.seq, hash: row.hash } });
  return entry;
}

/** Every ticket of this register, in seq order. */
export function readJournal(db: CounterDb): Promise<JournalRow[]> {
  return db.journal.orderBy("seq").toArray();
}

/** "4F2A-000123": the register's short id (tail of its UUID) and the ticket's seq. */
export function fiscalNumber(content: Pick<TicketContent, "registerId" | "seq">): string {
  return `${registerShortId(content.registerId)}-${String(content.seq).padStart(6, "0")}`;
}

/** The last four hex digits of the register's UUID (its random part), upper case. */
export function registerShortId(registerId: string): string {
  return registerId
    .replace(/[^0-9a-z]/gi, "")
    .slice(-4)
    .toUpperCase();
}

function register(meta: DeviceMeta): { registerId: string; storeId: string } {
  const registerId = meta.credential?.deviceId;
  const storeId = meta.store?.id;
  if (!registerId || !storeId) {
    throw new CommandError("not_paired", "pair this counter before issuing tickets");
  }
  return { registerId, storeId };
}

function vatOf(lines: { vatRateBp: number; totalCents: number }[]) {
  return vatBreakdown(lines.map((l) => ({ rateBp: l.vatRateBp, totalCents: l.totalCents }))).map(
    ({ rateBp, totalCents, vatCents }) => ({ rateBp, totalCents, vatCents }),
  );
}
