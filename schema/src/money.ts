/**
 * Money and VAT arithmetic in integer cents. Every amount is tax included,
 * in euro cents. VAT rates are basis points (1000 = 10 %), so no float
 * ever touches an amount. Formatting for people lives in the PWA.
 */

/** French VAT rates a product can carry, in basis points. */
export const VAT_RATES_BP = [550, 1000, 2000] as const;
export type VatRateBp = (typeof VAT_RATES_BP)[number];

/** Divides and rounds half away from zero, on integers only. */
export function divRoundHalfAwayFromZero(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`cannot divide ${numerator} by ${denominator} in integer cents`);
  }
  const sign = numerator < 0 ? -1 : 1;
  const magnitude = Math.abs(numerator);
  const quotient = Math.floor((2 * magnitude + denominator) / (2 * denominator));
  return sign * quotient;
}

/**
 * The VAT contained in a tax-included total at one rate, rounded once,
 * half away from zero: vat = total * rate / (1 + rate).
 */
export function vatIncludedCents(totalCents: number, rateBp: number): number {
  return divRoundHalfAwayFromZero(totalCents * rateBp, 10_000 + rateBp);
}

export interface VatBreakdownRow {
  rateBp: number;
  totalCents: number;
  vatCents: number;
  netCents: number;
}

/**
 * Groups tax-included amounts by rate and derives each rate's VAT from that
 * rate's total (never from a sum of per-line VAT), as a ticket prints it.
 */
export function vatBreakdown(
  amounts: readonly { rateBp: number; totalCents: number }[],
): VatBreakdownRow[] {
  const byRate = new Map<number, number>();
  for (const { rateBp, totalCents } of amounts) {
    byRate.set(rateBp, (byRate.get(rateBp) ?? 0) + totalCents);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rateBp, totalCents]) => {
      const vatCents = vatIncludedCents(totalCents, rateBp);
      return { rateBp, totalCents, vatCents, netCents: totalCents - vatCents };
    });
}

/** "5.5" for 550 basis points, "10" for 1000: the key reports use. */
export function rateLabel(rateBp: number): string {
  return String(rateBp / 100);
}

/** Parses "12.50" or "12.5" or "12" into cents without float error. */
export function parseEuros(text: string): number {
  const match = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not an amount in euros`);
  const [, minus, whole, fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return minus ? -cents : cents;
}
