/**
 * The manager's card payment calls: the counters' Square Terminals of a
 * store, assigning one, an order's money, and refunds (each named with a key
 * the page keeps, so a retry never gives the money twice).
 */
import { request } from "../api.js";

export interface TerminalRow {
  deviceId: string;
  name: string;
  registerCode: string | null;
  squareDeviceId: string | null;
}

export interface OrderMoneyView {
  orderId: string;
  money: {
    totalCents: number;
    paidCents: number;
    refundedCents: number;
    outstandingCents: number;
    refundableCents: number;
    unconfirmedCents: number;
  };
  refunds: { id: string; method: string; amountCents: number; status: string; reason: string }[];
  cardPayments: { id: string; source: string; status: string; amountCents: number }[];
}

export interface RefundRequest {
  amountCents: number;
  reason: string;
  idempotencyKey: string;
  method: "card" | "cash";
}

export const paymentsApi = {
  terminals: (storeId: string) =>
    request<{ storeId: string; cardEnabled: boolean; terminals: TerminalRow[] }>(
      "GET",
      `/api/v1/admin/terminals?storeId=${encodeURIComponent(storeId)}`,
    ),
  assignTerminal: (deviceId: string, squareDeviceId: string) =>
    request<unknown>("PUT", `/api/v1/admin/terminals/${encodeURIComponent(deviceId)}`, {
      squareDeviceId,
    }),
  orderMoney: (orderId: string) =>
    request<OrderMoneyView>("GET", `/api/v1/admin/orders/${encodeURIComponent(orderId)}/money`),
  refund: (orderId: string, body: RefundRequest) =>
    request<OrderMoneyView & { refund: { id: string; status: string; amountCents: number } }>(
      "POST",
      `/api/v1/admin/orders/${encodeURIComponent(orderId)}/refunds`,
      body,
    ),
};
