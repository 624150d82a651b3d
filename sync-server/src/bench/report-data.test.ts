/**
 * The generator and the command line of `npm run bench:reports` (the
 * benchmark itself never runs in the test suite).
 */
import { describe, expect, it } from "vitest";

import { vatIncludedCents } from "@ocpizza/schema";

import {
  benchDays,
  DEFAULT_BENCH_ARGS,
  generateDay,
  parseBenchArgs,
  seededRandom,
  type MenuItem,
} from "./report-data.js";

const item = (productId: string, size: string, priceCents: number, vatRateBp: number) => ({
  productId,
  size,
  name: productId,
  categoryId: vatRateBp === 1000 ? "classic" : "drinks",
  priceCents,
  vatRateBp,
});
const menu: MenuItem[] = [item("margherita", "M", 1250, 1000), item("cola", "33cl", 300, 550)];
const store = { id: "bastille", timeZone: "Europe/Paris" };

describe("the bench:reports command line", () => {
  it("has defaults for ten stores over several years", () => {
    expect(parseBenchArgs([])).toEqual(DEFAULT_BENCH_ARGS);
    expect(DEFAULT_BENCH_ARGS.stores).toBe(10);
  });

  it("reads every option", () => {
    const argv = "--stores 3 --years 2 --orders-per-day 40 --last-year 2024 --keep --reuse";
    const args = parseBenchArgs(argv.split(" "));
    expect(args).toEqual({
      stores: 3,
      years: 2,
      ordersPerDay: 40,
      lastYear: 2024,
      keep: true,
      reuse: true,
    });
  });

  it.each([
    [["--stores"], /--stores needs a whole number/],
    [["--stores", "0"], /from 1 to 50/],
    [["--years", "2.5"], /--years/],
    [["--orders-per-day", "many"], /--orders-per-day/],
    [["--drop-everything"], /unknown argument "--drop-everything"/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe("the bench:reports generator", () => {
  it("covers every day of whole calendar years", () => {
    const days = benchDays({ years: 2, lastYear: 2024 });
    expect(days[0]).toBe("2023-01-01");
    expect(days.at(-1)).toBe("2024-12-31");
    expect(days).toHaveLength(365 + 366);
  });

  it("writes orders whose lines, VAT and payment add up, in opening hours", () => {
    const rows = generateDay(store, "2025-03-14", menu, 50, seededRandom(7), 12);
    expect(rows.orders.length).toBeGreaterThan(30);
    for (const order of rows.orders) {
      const lines = rows.lines.filter((l) => l.orderId === order.id);
      expect(lines).toHaveLength(order.lineCount);
      expect(lines.reduce((s, l) => s + l.totalCents, 0)).toBe(order.totalCents);
      expect(lines.reduce((s, l) => s + l.quantity, 0)).toBe(order.itemCount);
      const vat = rows.vat.filter((v) => v.orderId === order.id);
      expect(vat.reduce((s, v) => s + v.totalCents, 0)).toBe(order.totalCents);
      for (const v of vat) expect(v.vatCents).toBe(vatIncludedCents(v.totalCents, v.rateBp));
      const paid = rows.payments.filter((p) => p.orderId === order.id);
      expect(paid.map((p) => p.amountCents)).toEqual([order.totalCents]);
      // 11:00 to 23:00 in Paris in March is 10:00 to 22:00 UTC.
      const hour = order.createdAt.getUTCHours();
      expect(hour).toBeGreaterThanOrEqual(10);
      expect(hour).toBeLessThan(22);
      expect(order).toMatchObject({ businessDay: "2025-03-14", version: 12, status: "completed" });
    }
  });

  it("writes the same sales from the same seed, and others from another", () => {
    const total = (seed: number) =>
      generateDay(store, "2025-03-14", menu, 50, seededRandom(seed), 1).orders.reduce(
        (s, o) => s + o.totalCents,
        0,
      );
    expect(total(7)).toBe(total(7));
    expect(total(7)).not.toBe(total(8));
  });
});
