/**
 * The orders this browser placed, remembered (id and link token) so the
 * customer finds their order page again without the email. Lost storage
 * only loses the shortcut: the emailed link still works.
 */
const KEY = "ocpizza.onlineOrders";
const KEEP = 10;

export function rememberOrder(orderId: string, token: string): void {
  try {
    const kept = rememberedOrders().filter((o) => o.orderId !== orderId);
    localStorage.setItem(KEY, JSON.stringify([{ orderId, token }, ...kept].slice(0, KEEP)));
  } catch {
    // Private mode or full storage: the email's link is enough.
  }
}

export function rememberedOrders(): { orderId: string; token: string }[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as { orderId: string; token: string }[]) : [];
  } catch {
    return [];
  }
}
