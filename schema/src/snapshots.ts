/**
 * What the server answers with: the order, rejection, menu and store
 * snapshots a pull carries, the pairing answer, and the sales report. Plain
 * types: the server builds them, clients read them. Requests are in protocol.ts.
 */

import type { OrderStatus } from "./order-state.js";
import type { LinePrepStatus } from "./kitchen-state.js";
import type { Channel, Order, Payment } from "./protocol.js";
import type { DiscountLimits, Promotion } from "./promotions.js";

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
  /** The staff member who took the order on the counter (null: before sign-in, or online). */
  takenByStaffId?: string | null;
  /** Their name as the server knows it (null when the id is unknown to it). */
  takenByStaffName?: string | null;
  version: number;
  updatedAtMs: number;
  /** Kitchen: preparation status by line id; a line not named is still waiting. */
  preparation?: Record<string, LinePrepStatus>;
  /** When the customer was promised the order (online orders); null: as soon as possible. */
  promisedAtMs?: number | null;
  /** Its delivery, once a driver is assigned (docs/kitchen-delivery-stock.md). */
  delivery?: DeliverySnapshot | null;
  /**
   * Card money the counter recorded (an offline card sale) that Square later
   * declined: the customer owes it again (docs/payments.md). Absent when 0.
   */
  cardOwedCents?: number;
}

export interface DeliverySnapshot {
  driverStaffId: string;
  driverName: string | null;
  status: "assigned" | "out" | "delivered" | "incident";
  toCollectCents: number;
  cashCollectedCents: number;
  incidentNote: string | null;
  assignedAtMs: number;
  settled: boolean;
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
    /** EU allergen codes (allergens.ts) the product contains, in the Annex's order. */
    allergens?: string[];
    /** Stores where the product is off; a store's own menu leaves it out. */
    unavailableStoreIds?: string[];
  }[];
  ingredients: {
    id: string;
    nameFr: string;
    nameEn: string;
    unit: string;
    extraPriceCents: number | null;
  }[];
  recipes: { productId: string; size: string; ingredientId: string; quantity: number }[];
  /** Promotions not yet over; pricing.ts applies those in force on the sale's business day. */
  promotions?: Promotion[];
  /** Discount a role may give by hand without a manager's PIN (promotions.ts). */
  discountLimits?: DiscountLimits;
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
  /**
   * The legal identity tickets must print (company name, registered address,
   * SIRET, VAT number); empty strings until a manager fills it in. Absent on a
   * tablet's copy saved before the server sent it, until its next pull.
   */
  legal?: StoreLegalIdentity;
}

export interface StoreLegalIdentity {
  companyName: string;
  address: string;
  siret: string;
  vatNumber: string;
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

/**
 * One row of a sales dashboard breakdown. `salesCents` is what the orders of
 * the period were sold for; `creditNotesCents` (zero or negative) the credit
 * notes issued over the period that this row can be told from (day, store,
 * product, size, category), and `revenueCents` the two together.
 */
export interface SalesRow {
  key: string;
  /** French name (product, category) or the key itself (codes are translated by the client). */
  label: string;
  labelEn: string;
  orders: number;
  items: number;
  salesCents: number;
  creditNotesCents: number;
  revenueCents: number;
}

export interface SalesTotals {
  orders: number;
  lines: number;
  items: number;
  /** Tax included, as sold. */
  salesCents: number;
  creditNotes: number;
  /** Zero or negative. */
  creditNotesCents: number;
  /** salesCents + creditNotesCents, tax included (TTC). */
  revenueCents: number;
  vatCents: number;
  /** revenueCents - vatCents (HT). */
  revenueExVatCents: number;
  /** salesCents / orders, rounded half up; 0 without orders. */
  averageTicketCents: number;
}

export interface UnsyncedDevice {
  deviceId: string;
  storeId: string;
  name: string;
  pending: number;
  oldestPendingAtMs: number | null;
  lastSeenAtMs: number | null;
}

/** How fresh the synced figures are: the page says it in one line. */
export interface SalesFreshness {
  /** Creation time of the newest order the server holds for these stores. */
  newestOrderAtMs: number | null;
  /** The last push of any device of these stores. */
  lastContactAtMs: number | null;
  unsyncedDevices: UnsyncedDevice[];
}

export interface SalesDashboard {
  from: string;
  to: string;
  storeIds: string[];
  totals: SalesTotals;
  /** The same number of days just before `from`. */
  previous: { from: string; to: string; totals: SalesTotals };
  byStore: SalesRow[];
  byDay: SalesRow[];
  /** Hour of day in the store's local time, "00".."23". */
  byHour: SalesRow[];
  byProduct: SalesRow[];
  bySize: SalesRow[];
  byCategory: SalesRow[];
  byChannel: SalesRow[];
  byServiceMode: SalesRow[];
  byPaymentMethod: { key: string; payments: number; amountCents: number }[];
  /** Per rate, net of credit notes; keyed by rate label ("5.5", "10", "20"). */
  vatByRate: {
    key: string;
    rateBp: number;
    revenueCents: number;
    vatCents: number;
    revenueExVatCents: number;
  }[];
  refunds: {
    creditNotes: number;
    creditNotesCents: number;
    /** Money paid back (negative payments) over the period, by method. */
    refundedByMethod: { key: string; refunds: number; amountCents: number }[];
  };
  freshness: SalesFreshness;
  generatedAtMs: number;
}
