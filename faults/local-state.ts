/**
 * What a counter's IndexedDB holds, read from inside its page with the raw
 * IndexedDB API (the app's own Dexie is not reachable from a test): the device
 * row, the outbox, the orders and the rejections, reduced to what the
 * invariants compare with MySQL.
 */
import type { Page } from "playwright-core";

export interface LocalState {
  deviceId: string | null;
  nextSeq: number;
  pendingSeqs: number[];
  /** The highest seq with every seq up to it confirmed. */
  confirmedUpTo: number;
  outboxSeqs: number[];
  orders: {
    id: string;
    status: string;
    totalCents: number;
    paidCents: number;
    rejected: boolean;
  }[];
  rejections: { deviceId: string | null; seq: number; code: string }[];
  lost: { fromSeq: number; toSeq: number } | null;
}

export function readLocalState(page: Page): Promise<LocalState> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("ocpizza-counter");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    type Meta = {
      credential: { deviceId: string } | null;
      nextSeq: number;
      lost: { fromSeq: number; toSeq: number } | null;
    };
    type Entry = { seq: number; state: string };
    type Order = {
      id: string;
      status: string;
      totalCents: number;
      paidCents: number;
      rejection: unknown;
    };
    type Rejection = { deviceId: string | null; seq: number; code: string };
    const [meta] = await all<Meta>("meta");
    const outbox = (await all<Entry>("outbox")).sort((a, b) => a.seq - b.seq);
    const orders = await all<Order>("orders");
    const rejections = await all<Rejection>("rejections");
    db.close();

    let confirmedUpTo = 0;
    for (const entry of outbox) {
      if (entry.state !== "confirmed" || entry.seq !== confirmedUpTo + 1) break;
      confirmedUpTo = entry.seq;
    }
    return {
      deviceId: meta?.credential?.deviceId ?? null,
      nextSeq: meta?.nextSeq ?? 1,
      pendingSeqs: outbox.filter((e) => e.state === "pending").map((e) => e.seq),
      confirmedUpTo,
      outboxSeqs: outbox.map((e) => e.seq),
      orders: orders.map((o) => ({
        id: o.id,
        status: o.status,
        totalCents: o.totalCents,
        paidCents: o.paidCents,
        rejected: Boolean(o.rejection),
      })),
      rejections: rejections.map((r) => ({ deviceId: r.deviceId, seq: r.seq, code: r.code })),
      lost: meta?.lost ? { fromSeq: meta.lost.fromSeq, toSeq: meta.lost.toSeq } : null,
    };
  });
}
