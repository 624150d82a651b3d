/**
 * What the server answers with: the order, rejection, menu and store
 * snapshots a pull carries, the pairing answer, and the sales report. Plain
 * types: the server builds them, clients read them. Requests are in protocol.ts.
 */

import type { OrderStatus } from "./order-state.js";
import type { Channel, Order, Payment } from "./protocol.js";

export interface OrderSnapshot extends Omit<Order, "channel"> {
  channel: Channel;
  storeId: string;
  deviceId: string | null;
  /** The code of the register that took the order (null for online orders). */
  registerCode?: string | null;
  status: OrderStatus;
  statusReason: string | null;
  businessDay: string;
  paidCents: number;
  payments: (Payment & { changeCents: number })[];
  flags: string[];
  version: number;
  updatedAtMs: number;
}

export interface RejectionSnapshot {
  id: string;
  deviceId: string | null;
  seq: number;
  kind: string;
  orderId: string | null;
  code: string;
  message: string;
  createdAtMs: number;
  version: number;
}

export interface MenuSnapshot {
  version: number;
  categories: { id: string; nameFr: string; nameEn: string; kind: string; sortOrder: number }[];
  products: {
    id: string;
    categoryId: string;
    nameFr: string;
    nameEn: string;
    vat: { eat_in: number; takeaway: number; delivery: number };
    sizes: { size: string; priceCents: number }[];
    ingredientIds: string[];
    sortOrder: number;
  }[];
  ingredients: {
    id: string;
    nameFr: string;
    nameEn: string;
    unit: string;
    extraPriceCents: number | null;
  }[];
  recipes: { productId: string; size: string; ingredientId: string; quantity: number }[];
}

export interface StoreInfo {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  phone: string;
  timeZone: string;
  closingMinutes: number;
}

export interface PullResponse {
  protocol: number;
  storeVersion: number;
  hasMore: boolean;
  orders: OrderSnapshot[];
  rejections: RejectionSnapshot[];
  /** Present when the device's menu version is not the current one. */
  menu?: MenuSnapshot;
  store: StoreInfo;
}

export interface PairResponse {
  deviceId: string;
  clientId: string;
  token: string;
  /** This register's code within its store ("A", "B"...): call numbers read "A-12". */
  registerCode?: string;
  store: StoreInfo;
}

export interface SalesBreakdown {
  orders: number;
  lines: number;
  items: number;
  revenueCents: number;
}

export interface SalesReport {
  from: string;
  to: string;
  storeId: string | null;
  orders: number;
  lines: number;
  items: number;
  revenueCents: number;
  /** Credit notes issued over these days (negative total); revenue figures are net of them. */
  creditNotes: { count: number; totalCents: number };
  /** Keyed by rate label ("5.5", "10", "20"); VAT summed over each order's per-rate VAT. */
  vatByRate: Record<
    string,
    { orders: number; revenueCents: number; vatCents: number; netCents: number }
  >;
  byMonth: Record<string, SalesBreakdown>;
  byDay: Record<string, SalesBreakdown>;
  /** Keyed by the category's name (English, as in the menu data: "Classic"). */
  byCategory: Record<string, SalesBreakdown>;
  byPaymentMethod: Record<string, { payments: number; amountCents: number }>;
  /** Devices that last reported unsynced orders: the figures may still move. */
  unsyncedDevices: {
    deviceId: string;
    name: string;
    pending: number;
    oldestPendingAtMs: number | null;
  }[];
  generatedAtMs: number;
}
