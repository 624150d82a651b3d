/**
 * The books after a fault run. Each check returns the violations it found,
 * as sentences naming the order, device or seq at fault; an empty list is a
 * pass. They read MySQL directly and each counter's IndexedDB after the final
 * sync, and compare both with what the screens showed during the run.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

import { vatBreakdown } from "@ocpizza/schema";
import type mysql from "mysql2/promise";

import { appliedMutations, seqsUpTo } from "../e2e/support/store-rows.js";
import type { Counter, PushEvent, TakenSale } from "./counter-driver.js";
import type { LocalState } from "./local-state.js";
import { STORE } from "./world.js";

export interface InvariantResult {
  name: string;
  violations: string[];
  /** Set when the check could not run (what is missing). */
  skipped?: string;
  /** What the check saw, for the report (e.g. how many rejections). */
  note?: string;
}

export interface Row {
  id: string;
  deviceId: string | null;
  status: string;
  totalCents: number;
  paidCents: number;
  itemCount: number;
  lineCount: number;
  lineRows: number;
  lineSumCents: number;
  paymentRows: number;
  paymentSumCents: number;
}

export async function storeOrders(sql: mysql.Pool): Promise<Row[]> {
  const [rows] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT LOWER(HEX(o.id)) AS id, LOWER(HEX(o.device_id)) AS deviceId, o.status,
            o.total_cents AS totalCents, o.paid_cents AS paidCents,
            o.item_count AS itemCount, o.line_count AS lineCount,
            (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) AS lineRows,
            (SELECT COALESCE(SUM(l.total_cents), 0) FROM order_lines l WHERE l.order_id = o.id)
              AS lineSumCents,
            (SELECT COUNT(*) FROM payments p WHERE p.order_id = o.id) AS paymentRows,
            (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.order_id = o.id)
              AS paymentSumCents
       FROM orders o WHERE o.store_id = ?`,
    [STORE],
  );
  return rows.map((r) => ({
    id: String(r.id),
    deviceId: r.deviceId === null ? null : String(r.deviceId),
    status: String(r.status),
    totalCents: Number(r.totalCents),
    paidCents: Number(r.paidCents),
    itemCount: Number(r.itemCount),
    lineCount: Number(r.lineCount),
    lineRows: Number(r.lineRows),
    lineSumCents: Number(r.lineSumCents),
    paymentRows: Number(r.paymentRows),
    paymentSumCents: Number(r.paymentSumCents),
  }));
}

/** Every sale the screens showed is in MySQL once, as shown; MySQL holds nothing else. */
export function eachSaleOnce(sales: TakenSale[], rows: Row[]): InvariantResult {
  const violations: string[] = [];
  for (const sale of sales) {
    const label = `${sale.counter} order ${sale.shortId} (n° ${sale.callLabel})`;
    const matches = rows.filter((row) => row.id.endsWith(sale.shortId.toLowerCase()));
    if (matches.length !== 1) {
      violations.push(`${label}: ${matches.length} rows in MySQL, expected 1`);
      continue;
    }
    const [row] = matches;
    const paid = sale.payments.reduce((sum, p) => sum + p.amountCents, 0);
    const expected = {
      totalCents: sale.totalCents,
      itemCount: sale.itemCount,
      paidCents: paid,
      paymentRows: sale.payments.length,
      paymentSumCents: paid,
      cancelled: sale.kind === "cancelled",
    };
    const actual = {
      totalCents: row.totalCents,
      itemCount: row.itemCount,
      paidCents: row.paidCents,
      paymentRows: row.paymentRows,
      paymentSumCents: row.paymentSumCents,
      cancelled: row.status === "cancelled",
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      violations.push(
        `${label}: MySQL has ${JSON.stringify(actual)}, the screen ${JSON.stringify(expected)}`,
      );
    }
  }
  if (rows.length !== sales.length) {
    violations.push(
      `MySQL holds ${rows.length} orders of ${STORE}, the counters took ${sales.length}`,
    );
  }
  return { name: "every order taken is in MySQL exactly once", violations };
}

/** Per order: lines make the total, VAT per rate as a ticket has it, payments make paid. */
export async function moneyAddsUp(sql: mysql.Pool, rows: Row[]): Promise<InvariantResult> {
  const violations: string[] = [];
  const [lines] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT LOWER(HEX(order_id)) AS orderId, quantity, unit_price_cents AS unit,
            total_cents AS total, vat_rate_bp AS rate
       FROM order_lines WHERE store_id = ?`,
    [STORE],
  );
  const [vat] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT LOWER(HEX(order_id)) AS orderId, rate_bp AS rate, total_cents AS total,
            vat_cents AS vat FROM order_vat WHERE store_id = ?`,
    [STORE],
  );
  for (const row of rows) {
    const own = lines.filter((l) => l.orderId === row.id);
    for (const line of own) {
      if (Number(line.unit) * Number(line.quantity) !== Number(line.total)) {
        violations.push(
          `order ${row.id}: a line of ${line.quantity} x ${line.unit} totals ${line.total}`,
        );
      }
    }
    if (row.lineRows !== row.lineCount || row.lineSumCents !== row.totalCents) {
      violations.push(
        `order ${row.id}: ${row.lineRows} line rows for line_count ${row.lineCount}, ` +
          `lines sum ${row.lineSumCents} for total ${row.totalCents}`,
      );
    }
    if (row.paymentSumCents !== row.paidCents) {
      violations.push(
        `order ${row.id}: payments sum ${row.paymentSumCents}, paid ${row.paidCents}`,
      );
    }
    if (row.status !== "cancelled" && row.paidCents !== row.totalCents) {
      violations.push(`order ${row.id}: ${row.status}, paid ${row.paidCents} of ${row.totalCents}`);
    }
    const expectedVat = vatBreakdown(
      own.map((l) => ({ rateBp: Number(l.rate), totalCents: Number(l.total) })),
    ).map((r) => `${r.rateBp}:${r.totalCents}:${r.vatCents}`);
    const storedVat = vat
      .filter((v) => v.orderId === row.id)
      .sort((a, b) => Number(a.rate) - Number(b.rate))
      .map((v) => `${v.rate}:${v.total}:${v.vat}`);
    if (expectedVat.join() !== storedVat.join()) {
      violations.push(
        `order ${row.id}: VAT ${storedVat.join()} where the lines give ${expectedVat.join()}`,
      );
    }
  }
  return { name: "money per order adds up (lines, VAT, payments)", violations };
}

/** Applied seqs run 1..lastAppliedSeq, and reach the last seq the device assigned. */
export async function seqsContiguous(
  sql: mysql.Pool,
  devices: { name: string; local: LocalState }[],
): Promise<InvariantResult> {
  const violations: string[] = [];
  for (const { name, local } of devices) {
    if (!local.deviceId) {
      violations.push(`${name}: not paired any more`);
      continue;
    }
    const hex = local.deviceId.replace(/-/g, "");
    const audit = await appliedMutations(sql, hex);
    const seqs = audit.map((a) => a.seq);
    const expected = seqsUpTo(local.nextSeq - 1);
    if (JSON.stringify(seqs) !== JSON.stringify(expected)) {
      violations.push(
        `${name}: applied seqs ${compress(seqs)}, the device assigned 1-${local.nextSeq - 1}`,
      );
    }
    const [[device]] = await sql.query<mysql.RowDataPacket[]>(
      "SELECT last_applied_seq AS last FROM devices WHERE id = UNHEX(?)",
      [hex],
    );
    if (Number(device?.last) !== local.nextSeq - 1) {
      violations.push(`${name}: last_applied_seq ${device?.last}, device at ${local.nextSeq - 1}`);
    }
    if (local.pendingSeqs.length > 0) {
      violations.push(
        `${name}: outbox still pending after the final sync: ${compress(local.pendingSeqs)}`,
      );
    }
  }
  return { name: "per device, applied seqs are contiguous and complete", violations };
}

/** Every rejection the server stored is on the device, on its order, for staff to see. */
export async function rejectionsVisible(
  sql: mysql.Pool,
  devices: { name: string; local: LocalState; badge: string }[],
): Promise<InvariantResult> {
  const violations: string[] = [];
  const [rows] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT LOWER(HEX(device_id)) AS deviceId, LOWER(HEX(order_id)) AS orderId, seq, code
       FROM rejections WHERE store_id = ?`,
    [STORE],
  );
  for (const { name, local, badge } of devices) {
    const hex = local.deviceId?.replace(/-/g, "") ?? "";
    const own = rows.filter((r) => r.deviceId === hex);
    for (const rejection of own) {
      const onDevice = local.rejections.some((r) => r.seq === Number(rejection.seq));
      const order = local.orders.find((o) => o.id.replace(/-/g, "") === rejection.orderId);
      if (!onDevice || !order?.rejected) {
        violations.push(`${name}: rejection of seq ${rejection.seq} (${rejection.code}) not shown`);
      }
    }
    if (own.length > 0 && !/rejet/.test(badge)) {
      violations.push(`${name}: ${own.length} rejection(s) but the sync badge says "${badge}"`);
    }
  }
  return {
    name: "every rejection is visible to staff",
    violations,
    note: `${rows.length} rejection(s) in MySQL: ${rows.map((r) => r.code).join(", ") || "none"}`,
  };
}

/** After the final sync each device holds the store's orders as MySQL does. */
export function devicesConverge(
  rows: Row[],
  devices: { name: string; local: LocalState }[],
): InvariantResult {
  const violations: string[] = [];
  const server = new Map(rows.map((r) => [r.id, `${r.status}:${r.totalCents}:${r.paidCents}`]));
  for (const { name, local } of devices) {
    const mine = new Map(
      local.orders.map((o) => [
        o.id.replace(/-/g, ""),
        `${o.status}:${o.totalCents}:${o.paidCents}`,
      ]),
    );
    const missing = [...server.keys()].filter((id) => !mine.has(id));
    const extra = [...mine.keys()].filter((id) => !server.has(id));
    const differ = [...server].filter(([id, v]) => mine.has(id) && mine.get(id) !== v);
    if (missing.length + extra.length + differ.length > 0) {
      violations.push(
        `${name}: ${missing.length} server orders missing, ${extra.length} unknown to the ` +
          `server, ${differ.length} differ (${differ
            .slice(0, 3)
            .map(([id]) => id)
            .join(", ")})`,
      );
    }
  }
  return { name: "each device's local data converges to the server's", violations };
}

/**
 * From the pushes the browser sent and the answers it got: no push resends a
 * seq already confirmed to this device (unless the server asked for it back
 * with sequence_gap, or the tab was closed before it could record the answer).
 */
export async function outboxHonest(
  counters: Pick<Counter, "name" | "pushes">[],
): Promise<InvariantResult> {
  const violations: string[] = [];
  for (const counter of counters) {
    let confirmedUpTo = 0;
    for (const event of counter.pushes) {
      confirmedUpTo = await step(confirmedUpTo, event, (seq) =>
        violations.push(`${counter.name}: seq ${seq} resent as pending after it was confirmed`),
      );
    }
  }
  return { name: "the outbox never resends a confirmed entry", violations };
}

async function step(
  confirmedUpTo: number,
  event: PushEvent,
  resent: (seq: number) => void,
): Promise<number> {
  if (event.kind === "reopened") return event.confirmedUpTo;
  if (event.kind === "request") {
    const again = event.seqs.filter((seq) => seq <= confirmedUpTo);
    if (again.length > 0) resent(again[0]);
    return confirmedUpTo;
  }
  const body = (await event.body) as {
    lastAppliedSeq?: number;
    error?: { code: string; lastAppliedSeq?: number };
  } | null;
  if (event.status === 200 && typeof body?.lastAppliedSeq === "number") {
    return Math.max(confirmedUpTo, body.lastAppliedSeq);
  }
  // The server went back in time (a restored backup) and asks for everything after its seq.
  if (body?.error?.code === "sequence_gap" && typeof body.error.lastAppliedSeq === "number") {
    return body.error.lastAppliedSeq;
  }
  return confirmedUpTo;
}

/**
 * Stock: the server's figures are each ingredient's initial quantity plus its
 * movements; a cancelled order gave back all it took; no order took twice.
 */
export async function stockBalances(
  sql: mysql.Pool,
  repoRoot: string,
  figures: () => Promise<{ ingredientId: string; quantity: number }[]>,
): Promise<InvariantResult> {
  const name = "stock equals its initial amount plus its movements";
  if (!existsSync(join(repoRoot, "sync-server", "src", "stock"))) {
    return { name, violations: [], skipped: "no sync-server/src/stock in this tree" };
  }
  const violations: string[] = [];
  const [ledger] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT l.ingredient_id AS ingredientId,
            l.initial_quantity + COALESCE(SUM(m.quantity), 0) AS expected
       FROM stock_levels l
       LEFT JOIN stock_movements m
         ON m.store_id = l.store_id AND m.ingredient_id = l.ingredient_id
      WHERE l.store_id = ? GROUP BY l.ingredient_id, l.initial_quantity`,
    [STORE],
  );
  const shown = new Map((await figures()).map((f) => [f.ingredientId, f.quantity]));
  for (const row of ledger) {
    if (shown.get(String(row.ingredientId)) !== Number(row.expected)) {
      violations.push(
        `${row.ingredientId}: the server shows ${shown.get(String(row.ingredientId))}, ` +
          `initial + movements = ${row.expected}`,
      );
    }
  }
  const [perOrder] = await sql.query<mysql.RowDataPacket[]>(
    `SELECT LOWER(HEX(m.order_id)) AS orderId, m.ingredient_id AS ingredientId, o.status,
            SUM(m.quantity) AS net, SUM(m.kind = 'sale') AS sales,
            SUM(m.kind = 'cancel_return') AS returns
       FROM stock_movements m JOIN orders o ON o.id = m.order_id
      WHERE m.store_id = ? GROUP BY m.order_id, m.ingredient_id, o.status`,
    [STORE],
  );
  for (const row of perOrder) {
    const cancelled = row.status === "cancelled";
    if (Number(row.sales) > 1 || (cancelled && Number(row.net) !== 0)) {
      violations.push(
        `order ${row.orderId} (${row.status}), ${row.ingredientId}: ${row.sales} sale ` +
          `movement(s), net ${row.net}`,
      );
    }
    if (!cancelled && Number(row.returns) > 0) {
      violations.push(`order ${row.orderId} (${row.status}) gave ${row.ingredientId} back`);
    }
  }
  if (perOrder.length === 0) violations.push("no order moved any stock: the ledger is not fed");
  return { name, violations };
}

function compress(seqs: number[]): string {
  if (seqs.length === 0) return "none";
  const runs: string[] = [];
  let start = seqs[0];
  for (let i = 1; i <= seqs.length; i += 1) {
    if (seqs[i] !== seqs[i - 1] + 1) {
      runs.push(start === seqs[i - 1] ? `${start}` : `${start}-${seqs[i - 1]}`);
      start = seqs[i];
    }
  }
  return runs.join(",");
}
