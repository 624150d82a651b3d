/**
 * Test fixtures for the fiscal journal: a device-side register that chains
 * tickets for orders the way the counter app does, and readers of the
 * journal tables. Each test builds its own register from its own device.
 */
import type { Pool, RowDataPacket } from "mysql2/promise";

import {
  appendToChain,
  GENESIS_HASH,
  lineTotalCents,
  vatBreakdown,
  type JournalEntry,
  type Order,
  type Payment,
  type TicketContent,
} from "@ocpizza/schema";

/** A register as a device keeps it: its head, and the tickets it chained. */
export class DeviceRegister {
  head = { seq: 0, hash: GENESIS_HASH };
  entries: JournalEntry[] = [];

  constructor(
    readonly registerId: string,
    readonly storeId: string,
  ) {}

  /** Chains the sale ticket of an order paid with these payments. */
  sale(order: Order, payments: readonly Payment[], change: Partial<TicketContent> = {}) {
    const lines = order.lines.map((line) => ({
      name: line.name,
      productId: line.productId,
      size: line.size,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      totalCents: lineTotalCents(line),
      vatRateBp: line.vatRateBp,
    }));
    return this.append({
      registerId: this.registerId,
      storeId: this.storeId,
      kind: "sale",
      orderId: order.id,
      corrects: null,
      issuedAtMs: order.createdAtMs,
      training: order.training,
      lines,
      totalCents: lines.reduce((sum, l) => sum + l.totalCents, 0),
      vat: vatRows(lines),
      payments: payments.map((p) => ({ method: p.method, amountCents: p.amountCents })),
      ...change,
    });
  }

  /** Chains a credit note giving back the whole of an earlier ticket. */
  creditNote(original: JournalEntry, refunds: readonly Payment[]) {
    const lines = original.content.lines.map((line) => ({
      ...line,
      quantity: -line.quantity,
      totalCents: -line.totalCents,
    }));
    return this.append({
      ...original.content,
      kind: "credit_note",
      corrects: { registerId: original.content.registerId, seq: original.content.seq },
      issuedAtMs: Date.now(),
      lines,
      totalCents: -original.content.totalCents,
      vat: vatRows(lines),
      payments: refunds.map((p) => ({ method: p.method, amountCents: -p.amountCents })),
    });
  }

  private append(content: Omit<TicketContent, "seq"> & { seq?: number }): JournalEntry {
    const { seq: _ignored, ...rest } = content;
    const entry = appendToChain(this.head, rest);
    this.head = { seq: entry.content.seq, hash: entry.hash };
    this.entries.push(entry);
    return entry;
  }

  report() {
    return { registerId: this.registerId, headSeq: this.head.seq, headHash: this.head.hash };
  }
}

function vatRows(lines: readonly { vatRateBp: number; totalCents: number }[]) {
  return vatBreakdown(lines.map((l) => ({ rateBp: l.vatRateBp, totalCents: l.totalCents }))).map(
    ({ rateBp, totalCents, vatCents }) => ({ rateBp, totalCents, vatCents }),
  );
}

export interface JournalRow {
  seq: number;
  kind: string;
  hash: string;
  previous_hash: string;
  total_cents: number;
  training: boolean;
  content: string;
}

export async function journalRows(pool: Pool, registerId: string): Promise<JournalRow[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT seq, kind, hash, previous_hash, total_cents, training, content FROM " +
      "journal_entries WHERE register_id = ? ORDER BY seq",
    [registerId],
  );
  return rows.map(
    (r) => ({ ...r, seq: Number(r.seq), training: Boolean(r.training) }) as JournalRow,
  );
}

export async function registerRow(pool: Pool, registerId: string) {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT head_seq, head_hash, reported_head_seq, reported_head_hash, kind FROM registers " +
      "WHERE id = ?",
    [registerId],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  return {
    headSeq: Number(r.head_seq),
    headHash: r.head_hash as string,
    reportedHeadSeq: Number(r.reported_head_seq),
    reportedHeadHash: r.reported_head_hash as string | null,
    kind: r.kind as string,
  };
}

export async function anomalies(pool: Pool, registerId: string) {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT seq, kind, message FROM journal_anomalies WHERE register_id = ? ORDER BY id",
    [registerId],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    kind: r.kind as string,
    message: r.message as string,
  }));
}

export async function alertKinds(pool: Pool, storeId: string): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT kind FROM alerts WHERE store_id = ? ORDER BY id",
    [storeId],
  );
  return rows.map((r) => r.kind as string);
}
