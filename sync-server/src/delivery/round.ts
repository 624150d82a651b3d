/**
 * The order a driver should drive their stops in: the delivery addresses of
 * the given orders of the device's store, sent to the Routes API with the
 * store as start and end. Without a Google server key, or when Google
 * fails, the stops stay in the order given and the answer says why.
 */
import { and, eq, inArray } from "drizzle-orm";

import { orders, stores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import type { MapsSettings } from "../geo/maps-settings.js";
import { HttpError } from "../http/errors.js";
import { computeRound } from "./multi-stop.js";

export interface Round {
  /** The order ids, in the order to deliver them. */
  orderIds: string[];
  optimized: boolean;
  /** Why the order was not optimized: no_server_key, or Google's failure. */
  reason?: string;
  distanceMeters?: number;
  durationSeconds?: number;
}

export async function planRound(
  db: Database,
  maps: MapsSettings,
  storeId: string,
  orderIds: readonly string[],
): Promise<Round> {
  const [store] = await db
    .select({ latitude: stores.latitude, longitude: stores.longitude })
    .from(stores)
    .where(eq(stores.id, storeId));
  const rows = await db
    .select({ id: orders.id, address: orders.deliveryAddress })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), inArray(orders.id, [...orderIds])));
  const addresses = new Map(rows.map((row) => [row.id, row.address]));
  const index = orderIds.findIndex((id) => !addresses.get(id));
  if (index !== -1) {
    throw new HttpError(
      400,
      "invalid_message",
      `Invalid message: orderIds.${index}: ${orderIds[index]} is not a delivery order of ` +
        `store ${storeId}: pull again.`,
    );
  }

  const given = [...orderIds];
  if (!maps.serverKey) return { orderIds: given, optimized: false, reason: "no_server_key" };
  if (given.length < 2) return { orderIds: given, optimized: false, reason: "single_stop" };
  const outcome = await computeRound(
    { key: maps.serverKey, baseUrl: maps.routesApiBase, timeoutMs: maps.timeoutMs },
    store!,
    given.map((id) => addresses.get(id)!),
  );
  if (outcome.kind === "failed") {
    return { orderIds: given, optimized: false, reason: `google_${outcome.reason}` };
  }
  return {
    orderIds: outcome.order.map((i) => given[i]),
    optimized: true,
    distanceMeters: outcome.distanceMeters,
    durationSeconds: outcome.durationSeconds,
  };
}
