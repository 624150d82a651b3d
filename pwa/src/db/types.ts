/**
 * The rows of the device's IndexedDB: what a counter holds about itself, its
 * menu, the store's orders, its outbox of mutations and the rejections the
 * server sent back. Shapes only; the tables live in database.ts.
 */
import type {
  StaffRole,
  JournalEntry,
  MenuSnapshot,
  Mutation,
  OrderSnapshot,
  PaymentMethod,
  RejectionSnapshot,
  StoreInfo,
  TicketKind,
} from "@ocpizza/schema";

/** Everything the device knows about itself, in one row keyed "device". */
export interface DeviceMeta {
  id: "device";
  credential: { deviceId: string; token: string } | null;
  /** Sequence owner on the server; equal to deviceId once paired. */
  clientId: string | null;
  deviceName: string | null;
  storeId: string | null;
  store: StoreInfo | null;
  /** The seq the next outbox entry takes (contiguous from 1). */
  nextSeq: number;
  /** Pull cursor: the store version the local copy is up to date with. */
  storeVersion: number;
  menuVersion: number;
  /**
   * The register's short code in its store ("A", "B"), from the pairing; null or
   * absent when the server gave none (then derived from the device id, see register-code.ts).
   */
  registerCode?: string | null;
  /** The call number handed out last, per business day (restarts at 1 each day). */
  callNumbers: { businessDay: string; last: number };
  /** Seqs this device could no longer resend: reported in the next push, shown until dismissed. */
  lost: LostRange | null;
  lastPushAtMs: number | null;
  lastPullAtMs: number | null;
  /** End of the last sync cycle that pushed and pulled without error. */
  lastSyncAtMs: number | null;
  /**
   * The last ticket of this device's register (seq 0 and the genesis hash before
   * the first). Read and written only inside the transaction that appends a ticket.
   * Optional: rows written by app versions before the journal have none.
   */
  journalHead?: JournalHead;
  /** Training mode of this device: its sales are journaled as training and kept out of figures. */
  trainingMode?: boolean;
  /** The shift (cash drawer session) open on this device, if any. */
  openShiftId?: string | null;
  /** The staff member signed in on this counter (by PIN); absent before staff sign-in existed. */
  signedIn?: SignedInStaff | null;
}

/** Who is at the counter now: every command records their id. */
export interface SignedInStaff {
  id: string;
  name: string;
  role: StaffRole;
  sinceMs: number;
}

/**
 * A staff member of the store as this counter knows them (from
 * /devices/me/staff), with what lets them sign in offline: the verifier is
 * HMAC-SHA256(device key, staffId + ":" + PIN) in base64, set after the server
 * confirmed the PIN once. The device key cannot be read out (non-extractable),
 * so a copy of this table does not let anyone test PINs.
 */
export interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  verifier: string | null;
  /** Wrong PINs in a row on this device; at 5 the user is locked. */
  failures: number;
  lockedUntilMs: number | null;
  /** When the server last listed them (the list is refreshed when online). */
  listedAtMs: number;
  /** The server's tag of their current PIN: when it changes, the verifier is forgotten. */
  pinVersion?: string;
}

/** The device's secret keys, kept as CryptoKey objects (IndexedDB clones them as they are). */
export interface DeviceKeyRow {
  id: "pin-verifier";
  key: CryptoKey;
  createdAtMs: number;
}

export interface JournalHead {
  seq: number;
  hash: string;
}

/**
 * One ticket of this device's register, exactly as chained. Never updated or
 * deleted by the app (not even with the outbox's retention).
 */
export interface JournalRow extends JournalEntry {
  seq: number;
  orderId: string;
  kind: TicketKind;
  /** The store's business day of issuedAtMs, for the X report. */
  businessDay: string;
  /** Who issued it, and the manager who approved a credit note (local record, not chained). */
  staffId?: string | null;
  approvedByStaffId?: string | null;
}

export interface DrawerAmounts {
  cashCents: number;
  mealVoucherCents: number;
  chequeCents: number;
}

/** A cash drawer session of this device, from "Ouvrir la caisse" to "Fermer la caisse". */
export interface ShiftRow {
  id: string;
  openedAtMs: number;
  floatCents: number;
  closedAtMs: number | null;
  counted: DrawerAmounts | null;
  expected: DrawerAmounts | null;
}

/**
 * What went into or out of the drawer during a shift: a payment taken, a
 * refund given, or a cash movement. Training sales write none.
 */
export interface DrawerRow {
  id: string;
  shiftId: string;
  source: "payment" | "refund" | "movement";
  method: PaymentMethod;
  /** Payments: the amount applied to the order; refunds and movements out: negative. */
  amountCents: number;
  /** What the customer handed over (cash, voucher face value), payments only. */
  tenderedCents?: number;
  changeCents: number;
  atMs: number;
  orderId: string | null;
  reason: string | null;
  /** Who took the payment, gave the refund or opened the drawer; and who approved it. */
  staffId?: string | null;
  approvedByStaffId?: string | null;
}

export interface LostRange {
  fromSeq: number;
  toSeq: number;
  detectedAtMs: number;
  /** When the server accepted the report; null while it still has to be sent. */
  reportedAtMs: number | null;
}

/** Local sync state of an order: pending until all its mutations are confirmed. */
export type OrderSyncState = "pending" | "synced" | "rejected";

/** An order as the counter shows it: the server's snapshot shape plus local sync state. */
export interface LocalOrder extends OrderSnapshot {
  syncState: OrderSyncState;
  /** The last rejection of a command on this order, shown to staff. */
  rejection: { code: string; message: string } | null;
  /**
   * The server's copy pulled while a local change was still pending (the pull
   * cursor has moved past it). Put back if that change is refused.
   */
  serverCopy?: OrderSnapshot | null;
  /** Who made the last status change here, and the manager who approved it (local record). */
  statusByStaffId?: string | null;
  statusApprovedByStaffId?: string | null;
}

export type OutboxState = "pending" | "confirmed";

export interface OutboxEntry {
  seq: number;
  kind: Mutation["kind"];
  /** The order the mutation is about; for shift.* mutations, the shift id. */
  orderId: string;
  mutation: Mutation;
  createdAtMs: number;
  state: OutboxState;
  confirmedAtMs: number | null;
}

export interface MenuRow {
  id: "current";
  menu: MenuSnapshot;
  savedAtMs: number;
}

/** A refused command, keyed "<deviceId>:<seq>" so the push result and the pulled row merge. */
export interface RejectionRow extends Omit<RejectionSnapshot, "id" | "version"> {
  key: string;
  serverId: string | null;
  version: number | null;
  acknowledgedAtMs: number | null;
}
