/** Which addresses are the online order pages (kept apart so the app shell loads no order code). */
export function isOrderPage(path: string): boolean {
  return path === "/order" || path.startsWith("/order/");
}
