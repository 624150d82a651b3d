/**
 * Delivery steps on the device: assign (or take) an order, leave with it,
 * delivered with the cash collected, or an incident. Each is a
 * delivery.update in the outbox, written with the local order in one
 * Dexie transaction, so it works offline like the counter's commands.
 * Completing the order (its ticket) stays a counter command.
 */
import type { DeliverySnapshot, Mutation } from "@ocpizza/schema";

import { CommandError } from "../db/command-error.js";
import { readMeta, type CounterDb } from "../db/database.js";
import { loadOrder, writeTables } from "../db/order-commands.js";
import { appendMutation } from "../db/outbox.js";
import { madeBy } from "../db/staff-stamp.js";
import type { LocalOrder } from "../db/types.js";

type DeliveryStep = Extract<Mutation, { kind: "delivery.update" }>["step"];

export interface StepFields {
  driverStaffId?: string;
  driverName?: string | null;
  cashCollectedCents?: number;
  note?: string;
}

const STEP_STATUS: Record<DeliveryStep, DeliverySnapshot["status"]> = {
  assign: "assigned",
  out: "out",
  delivered: "delivered",
  incident: "incident",
};

/** What the driver must collect at the door. */
export function toCollectCents(order: Pick<LocalOrder, "totalCents" | "paidCents">): number {
  return Math.max(0, order.totalCents - order.paidCents);
}

export async function deliveryStep(
  db: CounterDb,
  orderId: string,
  step: DeliveryStep,
  fields: StepFields = {},
  nowMs: number = Date.now(),
): Promise<LocalOrder> {
  return db.transaction("rw", writeTables(db), async () => {
    const order = await loadOrder(db, orderId);
    if (order.serviceMode !== "delivery") {
      throw new CommandError("invalid_transition", `order ${orderId} is not a delivery`);
    }
    if (step === "out" && order.status !== "ready") {
      throw new CommandError("invalid_transition", `order ${orderId} is not ready yet`);
    }
    await appendMutation(
      db,
      {
        kind: "delivery.update",
        atMs: nowMs,
        ...madeBy(await readMeta(db)),
        orderId,
        step,
        ...(fields.driverStaffId && { driverStaffId: fields.driverStaffId }),
        ...(fields.cashCollectedCents !== undefined && {
          cashCollectedCents: fields.cashCollectedCents,
        }),
        ...(fields.note && { note: fields.note }),
      },
      orderId,
    );
    const before = order.delivery;
    const delivery: DeliverySnapshot = {
      driverStaffId: fields.driverStaffId ?? before?.driverStaffId ?? "",
      driverName: fields.driverName ?? before?.driverName ?? null,
      status: STEP_STATUS[step],
      toCollectCents: step === "assign" ? toCollectCents(order) : (before?.toCollectCents ?? 0),
      cashCollectedCents: fields.cashCollectedCents ?? before?.cashCollectedCents ?? 0,
      incidentNote: step === "incident" ? (fields.note ?? null) : (before?.incidentNote ?? null),
      assignedAtMs: step === "assign" ? nowMs : (before?.assignedAtMs ?? nowMs),
      settled: false,
    };
    const status =
      step === "out"
        ? "out_for_delivery"
        : step === "incident" && order.status === "out_for_delivery"
          ? "ready"
          : order.status;
    const updated: LocalOrder = {
      ...order,
      delivery,
      status,
      updatedAtMs: nowMs,
      syncState: "pending",
      rejection: null,
    };
    await db.orders.put(updated);
    return updated;
  });
}

/** Orders on the delivery board: delivery orders not ended yet. */
export function deliveryBoard(orders: readonly LocalOrder[]): LocalOrder[] {
  const live = ["accepted", "preparing", "ready", "out_for_delivery"];
  return orders
    .filter((order) => order.serviceMode === "delivery" && live.includes(order.status))
    .sort((a, b) => (a.promisedAtMs ?? a.createdAtMs) - (b.promisedAtMs ?? b.createdAtMs));
}

/**
 * A Google Maps directions link (a link only: nothing is called) from the
 * store through the given addresses in order, ending at the last one.
 */
export function directionsUrl(storeAddress: string, addresses: readonly string[]): string {
  const params = new URLSearchParams({ api: "1", origin: storeAddress, travelmode: "driving" });
  if (addresses.length > 0) params.set("destination", addresses[addresses.length - 1]);
  if (addresses.length > 1) params.set("waypoints", addresses.slice(0, -1).join("|"));
  return `https://www.google.com/maps/dir/?${params}`;
}
