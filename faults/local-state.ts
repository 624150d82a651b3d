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

/**
 * Runs in the page. Plain JavaScript in a string: tsx would otherwise add its
 * own helpers (`__name`) to the function, which the page does not have.
 */
const READ_IN_PAGE = `(async () => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("ocpizza-counter");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const all = (store) =>
    new Promise((resolve, reject) => {
      if (!db.objectStoreNames.contains(store)) return resolve([]);
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const [meta] = await all("meta");
  const outbox = (await all("outbox")).sort((a, b) => a.seq - b.seq);
  const orders = await all("orders");
  const rejections = await all("rejections");
  db.close();
  return { meta: meta ?? null, outbox, orders, rejections };
})()`;

interface RawState {
  meta: {
    credential: { deviceId: string } | null;
    nextSeq: number;
    lost: { fromSeq: number; toSeq: number } | null;
  } | null;
  outbox: { seq: number; state: string }[];
  orders: {
    id: string;
    status: string;
    totalCents: number;
    paidCents: number;
    rejection: unknown;
  }[];
  rejections: { deviceId: string | null; seq: number; code: string }[];
}

export async function readLocalState(page: Page): Promise<LocalState> {
  const raw = (await page.evaluate(READ_IN_PAGE)) as RawState;
  let confirmedUpTo = 0;
  for (const entry of raw.outbox) {
    if (entry.state !== "confirmed" || entry.seq !== confirmedUpTo + 1) break;
    confirmedUpTo = entry.seq;
  }
  return {
    deviceId: raw.meta?.credential?.deviceId ?? null,
    nextSeq: raw.meta?.nextSeq ?? 1,
    pendingSeqs: raw.outbox.filter((e) => e.state === "pending").map((e) => e.seq),
    confirmedUpTo,
    outboxSeqs: raw.outbox.map((e) => e.seq),
    orders: raw.orders.map((o) => ({
      id: o.id,
      status: o.status,
      totalCents: o.totalCents,
      paidCents: o.paidCents,
      rejected: Boolean(o.rejection),
    })),
    rejections: raw.rejections.map((r) => ({ deviceId: r.deviceId, seq: r.seq, code: r.code })),
    lost: raw.meta?.lost ? { fromSeq: raw.meta.lost.fromSeq, toSeq: raw.meta.lost.toSeq } : null,
  };
}
