/** Reading an amount typed in euros ("150", "12,50") as cents; null when it is not one. */
import { parseEuros } from "@ocpizza/schema";

export function centsOrNull(text: string, options: { allowZero?: boolean } = {}): number | null {
  if (!text.trim()) return null;
  try {
    const cents = parseEuros(text);
    if (cents < 0 || (cents === 0 && !options.allowZero) || cents > 10_000_000) return null;
    return cents;
  } catch {
    return null;
  }
}
