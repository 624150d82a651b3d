/**
 * The business checks of an online order, each answering a refusal the
 * customer's page can act on: a total that is not the server's (422 with the
 * server's figures), a delivery below the minimum or out of the store's zone,
 * a time when the store is closed, a quarter hour the kitchen has filled.
 */
import {
  SLOT_DAYS_AHEAD,
  SLOT_MINUTES,
  type OpeningHours,
  type StoreDetails,
} from "@ocpizza/schema";

import type { ChooserDeps } from "../geo/store-chooser.js";
import { quoteDelivery } from "../geo/store-chooser.js";
import { HttpError } from "../http/errors.js";
import { ASAP_HORIZON_MS, firstFreeQuarter, quartersFrom, type Quarter } from "./slots.js";

export function checkTotal(
  clientTotalCents: number,
  figures: { itemsCents: number; deliveryFeeCents: number },
): number {
  const totalCents = figures.itemsCents + figures.deliveryFeeCents;
  if (clientTotalCents !== totalCents) {
    throw new HttpError(
      422,
      "total_mismatch",
      `The total is ${totalCents} cents, not ${clientTotalCents}: the menu or the delivery fee ` +
        "changed. Check the order and confirm the new total.",
      { serverTotalCents: totalCents, ...figures },
    );
  }
  return totalCents;
}

export function checkMinimum(itemsCents: number, store: StoreDetails): void {
  const minimum = store.delivery.minimumOrderCents;
  if (itemsCents < minimum) {
    throw new HttpError(
      422,
      "below_minimum",
      `A delivery from ${store.name} needs at least ${minimum} cents of items (this order has ` +
        `${itemsCents}): add items or choose pickup.`,
      { minimumOrderCents: minimum, itemsCents },
    );
  }
}

/**
 * Is the address in this store's zone? The quote logic decides, asked about
 * this store alone and as if open: hours are checked at the promised time.
 */
export async function checkDeliveryZone(
  chooser: Omit<ChooserDeps, "stores">,
  store: StoreDetails,
  address: string,
): Promise<void> {
  const asIfOpen = { ...store, openNow: { open: true } };
  const result = await quoteDelivery({ ...chooser, stores: [asIfOpen] }, address);
  if (result.kind === "quote") return;
  if (result.code === "geocoding_unavailable") {
    throw new HttpError(
      422,
      "delivery_unavailable",
      `Delivery addresses cannot be checked right now (${result.message}): choose pickup.`,
    );
  }
  throw new HttpError(
    422,
    "out_of_zone",
    result.code === "address_not_found"
      ? "This address was not found: check the street, number and postcode, or choose pickup."
      : `${store.name} does not deliver to this address: choose pickup, or another store.`,
  );
}

export interface SlotRequest {
  asap: boolean;
  /** The quarter asked for, in epoch ms (ignored for asap). */
  slotMs: number | null;
  pizzas: number;
  earliestMs: number;
  openNow: boolean;
  capacity: number;
  taken: ReadonlyMap<number, number>;
  hours: OpeningHours;
  timeZone: string;
}

/** The quarter the order is promised for, or the refusal saying why there is none. */
export function chooseQuarter(request: SlotRequest): Quarter {
  if (request.pizzas > request.capacity) {
    throw slotFull(
      `The kitchen makes at most ${request.capacity} pizzas a quarter hour: split the order.`,
    );
  }
  if (request.asap) {
    if (!request.openNow) {
      throw storeClosed("The store is closed now: choose a time slot when it is open.");
    }
    const quarter = firstFreeQuarter(
      request.earliestMs,
      request.pizzas,
      request.capacity,
      request.taken,
      request.hours,
      request.timeZone,
    );
    if (quarter) return quarter;
    // No quarter at all before the horizon: the store closes before the lead time is over.
    const open = quartersFrom(request.earliestMs, 1, request.hours, request.timeZone);
    if (!open.some((q) => q.startMs <= request.earliestMs + ASAP_HORIZON_MS)) {
      throw storeClosed(
        "The store closes before an order placed now can be ready: choose a time slot.",
      );
    }
    throw slotFull("The kitchen is full for the next two hours: choose a later slot.");
  }

  const quarters = quartersFrom(
    request.earliestMs,
    SLOT_DAYS_AHEAD + 1,
    request.hours,
    request.timeZone,
  );
  const quarter = quarters.find((q) => q.startMs === request.slotMs);
  if (!quarter) {
    throw storeClosed(
      `The store does not take orders for ${new Date(request.slotMs ?? 0).toISOString()}: ` +
        `choose a ${SLOT_MINUTES}-minute slot from GET /api/v1/stores/:storeId/slots.`,
    );
  }
  const remaining = request.capacity - (request.taken.get(quarter.startMs) ?? 0);
  if (remaining < request.pizzas) {
    throw slotFull(
      `The ${quarter.time} slot has room for ${Math.max(0, remaining)} more pizzas: ` +
        "choose another slot.",
      { remaining: Math.max(0, remaining) },
    );
  }
  return quarter;
}

/** The quarters whose promised pizzas an order needs to know: only those it may land in. */
export function quarterWindow(slotMs: number | null, earliestMs: number): [number, number] {
  return slotMs === null ? [earliestMs, earliestMs + ASAP_HORIZON_MS + 1] : [slotMs, slotMs + 1];
}

function slotFull(message: string, details: Record<string, unknown> = {}): HttpError {
  return new HttpError(422, "slot_full", message, details);
}

function storeClosed(message: string): HttpError {
  return new HttpError(422, "store_closed", message);
}
