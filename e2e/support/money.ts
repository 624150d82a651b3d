/**
 * Reading and matching money and text as the app shows them: fr-FR amounts
 * ("23,25 €" with a no-break space before the sign) turned into cents, and
 * exact-text regexes for product, size and option names.
 */

/** Cents from a French amount such as "1 234,50 €" (any kind of space), or throws. */
export function centsFrom(text: string): number {
  const match = /(\d[\d\s\u202f\u00a0]*),(\d{2})\s*€/.exec(text);
  if (!match) throw new Error(`no euro amount in ${JSON.stringify(text)}`);
  return Number(match[1].replace(/\D/g, "")) * 100 + Number(match[2]);
}

/** Every kind of space (narrow no-break, no-break, line breaks) as one plain space. */
export function normaliseSpaces(text: string): string {
  return text.replace(/[\s\u202f\u00a0]+/g, " ").trim();
}

/** "7,50 €" for 750, as the app writes it but with a plain space. */
export function euros(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const fraction = String(cents % 100).padStart(2, "0");
  return `${whole},${fraction} €`;
}

/** Matches the amount anywhere in a text, whatever space precedes the euro sign. */
export function moneyPattern(cents: number): RegExp {
  return new RegExp(escapeRegex(euros(cents)).replace(" ", "[\\s\u202f\u00a0]"));
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A name at the start of an accessible name, followed by a space or the end. */
export function startsWith(name: string): RegExp {
  return new RegExp(`^${escapeRegex(name)}(\\s|$)`);
}
