/**
 * What the online page reads about a store before ordering: the free
 * quarter hours of a date with the pizzas each still takes, and whether the
 * store takes online orders at all now (a counter has been seen lately).
 */
import {
  SLOT_DAYS_AHEAD,
  addDays,
  type OnlineOrderingState,
  type SlotsAnswer,
  type StoreDetails,
} from "@ocpizza/schema";
import { stores } from "@ocpizza/schema/db";
import { eq } from "drizzle-orm";

import { HttpError } from "../http/errors.js";
import { counterSeenSince, takenPizzas } from "./online-order-db.js";
import type { OnlineContext } from "./online-context.js";
import { localDate, quartersOfDay } from "./slots.js";

export async function listSlots(
  ctx: OnlineContext,
  store: StoreDetails,
  date: string | undefined,
  fulfilment: "pickup" | "delivery",
): Promise<SlotsAnswer> {
  const nowMs = ctx.deps.now();
  const today = localDate(nowMs, store.timeZone);
  const day = date ?? today;
  if (day < today || day > addDays(today, SLOT_DAYS_AHEAD)) {
    throw new HttpError(
      400,
      "invalid_message",
      `Invalid message: date: must be between ${today} and ${addDays(today, SLOT_DAYS_AHEAD)}.`,
      { field: "date" },
    );
  }

  const lead =
    fulfilment === "delivery" ? ctx.settings.deliveryLeadMinutes : ctx.settings.pickupLeadMinutes;
  const earliestMs = nowMs + lead * 60_000;
  const hours = { weekly: store.openingHours, closedDays: store.closedDays };
  const quarters = quartersOfDay(day, hours, store.timeZone).filter((q) => q.startMs >= earliestMs);
  const capacity = await pizzasPerQuarter(ctx, store.id);
  const taken =
    quarters.length === 0
      ? new Map<number, number>()
      : await takenPizzas(ctx.deps.db, store.id, quarters[0].startMs, quarters.at(-1)!.startMs + 1);
  return {
    storeId: store.id,
    date: day,
    pizzasPerQuarter: capacity,
    slots: quarters.map((q) => ({
      startsAt: new Date(q.startMs).toISOString(),
      time: q.time,
      remaining: Math.max(0, capacity - (taken.get(q.startMs) ?? 0)),
    })),
  };
}

export async function orderingState(
  ctx: OnlineContext,
  storeId: string,
): Promise<OnlineOrderingState> {
  const silenceMs = ctx.settings.counterSilenceMinutes * 60_000;
  const attended = await counterSeenSince(ctx.deps.db, storeId, ctx.deps.now() - silenceMs);
  return {
    accepting: attended,
    reason: attended ? null : "store_unattended",
    pizzasPerQuarter: await pizzasPerQuarter(ctx, storeId),
    cardOnline: ctx.cardOnline,
  };
}

async function pizzasPerQuarter(ctx: OnlineContext, storeId: string): Promise<number> {
  const [row] = await ctx.deps.db
    .select({ capacity: stores.pizzasPerQuarter })
    .from(stores)
    .where(eq(stores.id, storeId));
  return row?.capacity ?? 0;
}
