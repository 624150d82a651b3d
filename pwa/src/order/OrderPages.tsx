/** The online order pages by address: /order, and /order/<id> for one order's status. */
import { OrderPage } from "./OrderPage.js";
import { OrderStatusPage } from "./OrderStatusPage.js";

export function OrderPages({ path }: { path: string }) {
  const orderId = path.startsWith("/order/") ? path.slice("/order/".length) : "";
  return orderId ? <OrderStatusPage orderId={orderId} /> : <OrderPage />;
}
