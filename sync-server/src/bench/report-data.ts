/**
 * The data of `npm run bench:reports`: its command line, and plausible sales
 * generated day by day for a store (orders with their lines, VAT rows and
 * payments, as the sync API stores them), from a seeded random generator so
 * that two runs with the same arguments write the same figures.
 */
import { addDays, vatBreakdown, zonedTimeToEpochMs } from "@ocpizza/schema";
import type { orderLines, orders, orderVat, payments } from "@ocpizza/schema/db";
import { v7 } from "uuid";

export interface BenchArgs {
  stores: number;
  years: number;
  /** Average orders per store and business day. */
  ordersPerDay: number;
  /** The last year generated (whole calendar years ending with it). */
  lastYear: number;
  /** Keep the database afterwards (the next run with --reuse skips generating). */
  keep: boolean;
  reuse: boolean;
}

export const DEFAULT_BENCH_ARGS: BenchArgs = {
  stores: 10,
  years: 4,
  ordersPerDay: 100,
  lastYear: 2025,
  keep: false,
  reuse: false,
};

const NUMBER_FLAGS: Record<string, keyof typeof LIMITS | undefined> = {
  "--stores": "stores",
  "--years": "years",
  "--orders-per-day": "ordersPerDay",
  "--last-year": "lastYear",
};

const LIMITS: Record<"stores" | "years" | "ordersPerDay" | "lastYear", [number, number]> = {
  stores: [1, 50],
  years: [1, 10],
  ordersPerDay: [1, 1000],
  lastYear: [2001, 2099],
};

/** Reads `--stores 10 --years 4 --orders-per-day 70 --last-year 2025 --keep --reuse`. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args = { ...DEFAULT_BENCH_ARGS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--keep" || flag === "--reuse") {
      args[flag === "--keep" ? "keep" : "reuse"] = true;
      continue;
    }
    const name = NUMBER_FLAGS[flag];
    if (!name) {
      throw new Error(
        `unknown argument "${flag.slice(0, 40)}": use --stores, --years, --orders-per-day, ` +
          `--last-year, --keep or --reuse`,
      );
    }
    const text = argv[++i] ?? "";
    const value = Number(text);
    const [low, high] = LIMITS[name];
    if (!/^\d+$/.test(text) || value < low || value > high) {
      throw new Error(`${flag} needs a whole number from ${low} to ${high}, not "${text}"`);
    }
    args[name] = value;
  }
  return args;
}

export interface MenuItem {
  productId: string;
  size: string;
  name: string;
  categoryId: string;
  priceCents: number;
  vatRateBp: number;
}

export interface DayRows {
  orders: (typeof orders.$inferInsert)[];
  lines: (typeof orderLines.$inferInsert)[];
  vat: (typeof orderVat.$inferInsert)[];
  payments: (typeof payments.$inferInsert)[];
}

const CHANNELS = [
  ["counter", 0.7],
  ["phone", 0.15],
  ["online", 0.15],
] as const;
const MODES = [
  ["takeaway", 0.5],
  ["delivery", 0.3],
  ["eat_in", 0.2],
] as const;
const METHODS = [
  ["card", 0.6],
  ["cash", 0.3],
  ["meal_voucher", 0.1],
] as const;

/** One store's sales of one business day, opening 11:00 to 23:00 local time. */
export function generateDay(
  store: { id: string; timeZone: string },
  day: string,
  menu: readonly MenuItem[],
  ordersPerDay: number,
  random: () => number,
  version: number,
): DayRows {
  const rows: DayRows = { orders: [], lines: [], vat: [], payments: [] };
  // Busier at the weekend: Friday and Saturday carry a third more.
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const mean = ordersPerDay * (weekday === 5 || weekday === 6 ? 1.33 : 0.87);
  const count = Math.max(0, Math.round(mean * (0.8 + 0.4 * random())));
  const opensMs = zonedTimeToEpochMs(day, "11:00", store.timeZone);
  const times = Array.from({ length: count }, () => opensMs + Math.floor(random() * 12 * 3.6e6));
  times.sort((a, b) => a - b);

  times.forEach((createdAtMs, index) => {
    const orderId = v7({ msecs: createdAtMs });
    const createdAt = new Date(createdAtMs);
    // About 2.1 lines per order, as in the Pizza Place data (2.25).
    const lineCount = 1 + Math.floor(random() * 2.5) + (random() < 0.3 ? 1 : 0);
    const lines = Array.from({ length: lineCount }, (_, lineNo) => {
      const item = menu[Math.floor(random() * menu.length)];
      const quantity = random() < 0.9 ? 1 : 2;
      return {
        id: v7({ msecs: createdAtMs }),
        orderId,
        storeId: store.id,
        businessDay: day,
        lineNo: lineNo + 1,
        productId: item.productId,
        size: item.size,
        name: item.name,
        categoryId: item.categoryId,
        quantity,
        unitPriceCents: item.priceCents,
        totalCents: item.priceCents * quantity,
        vatRateBp: item.vatRateBp,
        options: "[]",
      };
    });
    const totalCents = lines.reduce((sum, l) => sum + l.totalCents, 0);
    rows.lines.push(...lines);
    rows.orders.push({
      id: orderId,
      storeId: store.id,
      channel: pick(CHANNELS, random),
      serviceMode: pick(MODES, random),
      status: "completed",
      businessDay: day,
      createdAt,
      updatedAt: createdAt,
      callNumber: index + 1,
      menuVersion: 1,
      totalCents,
      paidCents: totalCents,
      itemCount: lines.reduce((sum, l) => sum + l.quantity, 0),
      lineCount,
      version,
    });
    for (const vat of vatBreakdown(lines.map((l) => ({ rateBp: l.vatRateBp, ...l })))) {
      rows.vat.push({
        orderId,
        rateBp: vat.rateBp,
        storeId: store.id,
        businessDay: day,
        totalCents: vat.totalCents,
        vatCents: vat.vatCents,
      });
    }
    rows.payments.push({
      id: v7({ msecs: createdAtMs }),
      orderId,
      storeId: store.id,
      businessDay: day,
      method: pick(METHODS, random),
      amountCents: totalCents,
      createdAt,
    });
  });
  return rows;
}

/** Every day of the calendar years ending with lastYear. */
export function benchDays(args: Pick<BenchArgs, "years" | "lastYear">): string[] {
  const days: string[] = [];
  const end = `${args.lastYear}-12-31`;
  for (let day = `${args.lastYear - args.years + 1}-01-01`; day <= end; day = addDays(day, 1)) {
    days.push(day);
  }
  return days;
}

/** A small seeded generator (mulberry32): the same seed, the same sales. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T extends string>(choices: readonly (readonly [T, number])[], random: () => number) {
  let roll = random();
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1][0];
}
