/**
 * The device calls of the kitchen, delivery and stock screens, outside the
 * sync cycle: the store's stock figures and the drivers' cash settlements.
 * They use the device credential like push and pull; a failure is thrown
 * with the server's sentence so the screen can show it.
 */
import type { CounterDb } from "../db/database.js";
import type { StockRow } from "./stock-types.js";

export interface OpenDeliveries {
  driverStaffId: string;
  deliveries: { orderId: string; toCollectCents: number; cashCollectedCents: number }[];
  expectedCents: number;
  declaredCents: number;
}

export interface Settlement {
  id: number;
  deliveries: number;
  expectedCents: number;
  countedCents: number;
  differenceCents: number;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export async function deviceCall<T>(
  db: CounterDb,
  path: string,
  init: RequestInit = {},
  fetcher: Fetch = (input, options) => globalThis.fetch(input, options),
): Promise<T> {
  const meta = await db.meta.get("device");
  if (!meta?.credential) throw new Error("this device is not paired");
  const response = await fetcher(path, {
    ...init,
    cache: "no-store",
    headers: {
      accept: "application/json",
      authorization: `Bearer ${meta.credential.token}`,
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `HTTP ${response.status}`);
  }
  return body as T;
}

/** Fetches the store's stock and keeps it in the local database (for offline use). */
export async function refreshStock(db: CounterDb, fetcher?: Fetch): Promise<void> {
  const answer = await deviceCall<{ asOfMs: number; stock: Omit<StockRow, "syncedAtMs">[] }>(
    db,
    "/api/v1/devices/me/stock",
    {},
    fetcher,
  );
  await db.transaction("rw", db.stock, async () => {
    await db.stock.clear();
    await db.stock.bulkPut(answer.stock.map((row) => ({ ...row, syncedAtMs: answer.asOfMs })));
  });
}

export function openDeliveries(db: CounterDb, driverStaffId: string): Promise<OpenDeliveries> {
  const query = new URLSearchParams({ driverStaffId });
  return deviceCall(db, `/api/v1/devices/me/driver-settlements/open?${query}`);
}

export async function settleDriver(
  db: CounterDb,
  body: { driverStaffId: string; countedCents: number; staffId: string },
): Promise<Settlement> {
  const answer = await deviceCall<{ settlement: Settlement }>(
    db,
    "/api/v1/devices/me/driver-settlements",
    { method: "POST", body: JSON.stringify(body) },
  );
  return answer.settlement;
}
