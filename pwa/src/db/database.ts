/**
 * The device's IndexedDB, through Dexie. Each schema change is a new
 * `version(n)` below the previous ones, never an edit of them, so an app
 * update upgrades a tablet in place: the outbox table is never recreated.
 */
import { GENESIS_HASH } from "@ocpizza/schema";
import Dexie, { type Table } from "dexie";

import type { StockRow } from "../stock/stock-types.js";

import type {
  DeviceKeyRow,
  DeviceMeta,
  DrawerRow,
  JournalRow,
  LocalOrder,
  MenuRow,
  OutboxEntry,
  RejectionRow,
  ShiftRow,
  StaffRow,
} from "./types.js";

export const DEFAULT_DB_NAME = "ocpizza-counter";

export class CounterDb extends Dexie {
  meta!: Table<DeviceMeta, "device">;
  menu!: Table<MenuRow, "current">;
  orders!: Table<LocalOrder, string>;
  outbox!: Table<OutboxEntry, number>;
  rejections!: Table<RejectionRow, string>;
  journal!: Table<JournalRow, number>;
  shifts!: Table<ShiftRow, string>;
  drawer!: Table<DrawerRow, string>;
  staff!: Table<StaffRow, string>;
  deviceKeys!: Table<DeviceKeyRow, "pin-verifier">;
  stock!: Table<StockRow, string>;

  constructor(name: string = DEFAULT_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);

    this.version(1).stores({
      meta: "id",
      menu: "id",
      orders: "id, businessDay, createdAtMs, syncState",
      outbox: "seq, state, orderId, [state+seq]",
      rejections: "key, orderId, createdAtMs, acknowledgedAtMs",
    });
    // Issue 3: the register's journal, cash drawer shifts and their movements.
    this.version(2).stores({
      journal: "seq, orderId, businessDay",
      shifts: "id, openedAtMs",
      drawer: "id, shiftId",
    });
    // Issue 4: the store's staff (PIN verifiers, lockouts) and the device's non-extractable key.
    this.version(3).stores({
      staff: "id, name",
      deviceKeys: "id",
    });
    // Issue 8: the store's ingredient stock as last synced (pwa/src/stock).
    this.version(4).stores({
      stock: "ingredientId",
    });
  }
}

export function initialMeta(): DeviceMeta {
  return {
    id: "device",
    credential: null,
    clientId: null,
    deviceName: null,
    storeId: null,
    store: null,
    nextSeq: 1,
    storeVersion: 0,
    menuVersion: 0,
    callNumbers: { businessDay: "", last: 0 },
    lost: null,
    lastPushAtMs: null,
    lastPullAtMs: null,
    lastSyncAtMs: null,
    journalHead: { seq: 0, hash: GENESIS_HASH },
    trainingMode: false,
    openShiftId: null,
    signedIn: null,
  };
}

/** The meta row, created on first use. Call inside a transaction that includes `meta`. */
export async function readMeta(db: CounterDb): Promise<DeviceMeta> {
  const meta = await db.meta.get("device");
  if (meta) return meta;
  const fresh = initialMeta();
  await db.meta.put(fresh);
  return fresh;
}

export async function updateMeta(db: CounterDb, changes: Partial<Omit<DeviceMeta, "id">>) {
  await db.transaction("rw", db.meta, async () => {
    const meta = await readMeta(db);
    await db.meta.put({ ...meta, ...changes });
  });
}
