/**
 * What reached MySQL, read straight from the test database: a store's orders
 * with their line and payment counts, a device's audit of applied seqs and
 * its last applied seq. Ids come back as lowercase hex without dashes.
 */
import type mysql from "mysql2/promise";

export interface StoredOrder {
  id: string;
  deviceId: string | null;
  callNumber: number;
  totalCents: number;
  paidCents: number;
  lineCount: number;
  status: string;
  /** Rows in order_lines for this order id. */
  lineRows: number;
  /** Rows in payments for this order id, and what they add up to. */
  paymentRows: number;
  paymentSumCents: number;
  tenderedSumCents: number;
}

export async function storedOrders(sql: mysql.Pool, storeId = "bastille"): Promise<StoredOrder[]> {
  const [rows] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT LOWER(HEX(o.id)) AS id, LOWER(HEX(o.device_id)) AS deviceId,
            o.call_number AS callNumber, o.total_cents AS totalCents, o.paid_cents AS paidCents,
            o.line_count AS lineCount, o.status,
            (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) AS lineRows,
            (SELECT COUNT(*) FROM payments p WHERE p.order_id = o.id) AS paymentRows,
            (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.order_id = o.id)
              AS paymentSumCents,
            (SELECT COALESCE(SUM(p.tendered_cents), 0) FROM payments p WHERE p.order_id = o.id)
              AS tenderedSumCents
       FROM orders o WHERE o.store_id = ? ORDER BY o.created_at`,
    [storeId],
  );
  return rows.map((row) => ({
    id: String(row.id),
    deviceId: row.deviceId === null ? null : String(row.deviceId),
    callNumber: Number(row.callNumber),
    totalCents: Number(row.totalCents),
    paidCents: Number(row.paidCents),
    lineCount: Number(row.lineCount),
    status: String(row.status),
    lineRows: Number(row.lineRows),
    paymentRows: Number(row.paymentRows),
    paymentSumCents: Number(row.paymentSumCents),
    tenderedSumCents: Number(row.tenderedSumCents),
  }));
}

export interface StoredDevice {
  id: string;
  name: string;
  lastAppliedSeq: number;
}

export async function storedDevices(
  sql: mysql.Pool,
  storeId = "bastille",
): Promise<StoredDevice[]> {
  const [rows] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT LOWER(HEX(id)) AS id, name, last_applied_seq AS lastAppliedSeq
       FROM devices WHERE store_id = ? ORDER BY created_at`,
    [storeId],
  );
  return rows.map((row) => ({
    id: String(row.id),
    name: String(row.name),
    lastAppliedSeq: Number(row.lastAppliedSeq),
  }));
}

export async function storedDevice(sql: mysql.Pool, name: string): Promise<StoredDevice> {
  const device = (await storedDevices(sql)).find((d) => d.name === name);
  if (!device) throw new Error(`no device named ${name} in MySQL`);
  return device;
}

/** The audit rows of one device, in seq order: every seq the server applied, once each. */
export async function appliedMutations(
  sql: mysql.Pool,
  deviceId: string,
): Promise<{ seq: number; kind: string; outcome: string }[]> {
  const [rows] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT seq, kind, outcome FROM sync_mutations WHERE device_id = UNHEX(?) ORDER BY seq`,
    [deviceId],
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    kind: String(row.kind),
    outcome: String(row.outcome),
  }));
}

/** 1, 2, ..., n. */
export function seqsUpTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
