/**
 * Reads sales files in the Pizza Place format (orders: order_id, date,
 * time; details: order_details_id, order_id, pizza_id, quantity) into
 * orders with their lines. Rows that cannot be read are reported with
 * their file and line number, never silently dropped.
 */
import { CsvError, parseCsv } from "../csv.js";

export interface SourceOrder {
  sourceId: string;
  date: string;
  time: string;
  lines: { sourceId: string; pizzaId: string; quantity: number }[];
}

export interface SalesFile {
  orders: SourceOrder[];
  problems: string[];
}

const DATE = /^(\d{4})[/-](\d{2})[/-](\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export function readSales(
  ordersCsv: string,
  detailsCsv: string,
  names = ["orders", "details"],
): SalesFile {
  const problems: string[] = [];
  const orders = new Map<string, SourceOrder>();
  const orderRows = readCsv(ordersCsv, names[0]);
  const detailRows = readCsv(detailsCsv, names[1]);
  const seenDetails = new Set<string>();

  for (const { line, values } of orderRows) {
    const { order_id: id, date, time } = values;
    if (!id || !isCalendarDate(date) || !isClockTime(time)) {
      problems.push(
        `${names[0]} line ${line}: needs order_id, date (YYYY/MM/DD) and time (HH:MM:SS)`,
      );
      continue;
    }
    if (orders.has(id)) {
      problems.push(`${names[0]} line ${line}: order ${id} appears twice; the first is kept`);
      continue;
    }
    orders.set(id, { sourceId: id, date: date.replaceAll("/", "-"), time, lines: [] });
  }

  for (const { line, values } of detailRows) {
    const { order_details_id: id, order_id: orderId, pizza_id: pizzaId } = values;
    const quantity = /^\d{1,2}$/.test(values.quantity ?? "") ? Number(values.quantity) : NaN;
    if (
      !id ||
      !orderId ||
      !pizzaId ||
      !Number.isInteger(quantity) ||
      quantity < 1 ||
      quantity > 99
    ) {
      problems.push(
        `${names[1]} line ${line}: needs order_details_id, order_id, pizza_id, quantity 1-99`,
      );
      continue;
    }
    if (seenDetails.has(id)) {
      problems.push(
        `${names[1]} line ${line}: order_details_id ${id} appears twice; the first is kept`,
      );
      continue;
    }
    seenDetails.add(id);
    const order = orders.get(orderId);
    if (!order) {
      problems.push(`${names[1]} line ${line}: order ${orderId} is not in the orders file`);
      continue;
    }
    order.lines.push({ sourceId: id, pizzaId, quantity });
  }

  const withLines = [...orders.values()].filter((order) => {
    if (order.lines.length > 0) return true;
    problems.push(`order ${order.sourceId} has no lines in the details file and is skipped`);
    return false;
  });
  return { orders: withLines, problems };
}

/** A real calendar date (no February 30th) in YYYY/MM/DD or YYYY-MM-DD. */
function isCalendarDate(text: string | undefined): boolean {
  const match = DATE.exec(text ?? "");
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** A time of day from 00:00:00 to 23:59:59. */
function isClockTime(text: string | undefined): boolean {
  const match = TIME.exec(text ?? "");
  if (!match) return false;
  const [hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return hour <= 23 && minute <= 59 && second <= 59;
}

function readCsv(text: string, name: string) {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new CsvError(`${name} ${error.message}: fix the file`);
    throw error;
  }
}
