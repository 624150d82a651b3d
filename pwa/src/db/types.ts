/**
 * The rows of the device's IndexedDB: what a counter holds about itself, its
 * menu, the store's orders, its outbox of mutations and the rejections the
 * server sent back. Shapes only; the tables live in database.ts.
 */
import type {
  MenuSnapshot,
  Mutation,
  OrderSnapshot,
  RejectionSnapshot,
  StoreInfo,
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
  /** The call number handed out last, per business day (restarts at 1 each day). */
  callNumbers: { businessDay: string; last: number };
  /** Seqs this device could no longer resend: reported in the next push, shown until dismissed. */
  lost: LostRange | null;
  lastPushAtMs: number | null;
  lastPullAtMs: number | null;
  /** End of the last sync cycle that pushed and pulled without error. */
  lastSyncAtMs: number | null;
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
}

export type OutboxState = "pending" | "confirmed";

export interface OutboxEntry {
  seq: number;
  kind: Mutation["kind"];
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
