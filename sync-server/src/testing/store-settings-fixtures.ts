/**
 * Fixtures of the store settings tests: a valid settings document, a
 * snapshot of every settings row (to prove a refused request wrote nothing),
 * and instants when the seeded stores are open or closed.
 */
import type { Pool, RowDataPacket } from "mysql2/promise";

import type { StoreSettingsInput } from "@ocpizza/schema";

/** Tuesday 8 December 2026, 20:00 in Paris: every seeded store is open. */
export const OPEN_EVENING_MS = Date.parse("2026-12-08T19:00:00Z");
/** Tuesday 8 December 2026, 09:00 in Paris: every seeded store is closed. */
export const CLOSED_MORNING_MS = Date.parse("2026-12-08T08:00:00Z");

/** Settings a manager of bastille could send; each bad-input case breaks one thing. */
export function validSettings(): StoreSettingsInput {
  // A new array per day: a test that changes Tuesday must not change Wednesday.
  const lunchAndEvening = () => [
    { opens: "11:00", closes: "14:00" },
    { opens: "18:30", closes: "22:30" },
  ];
  return {
    openingHours: {
      mon: [],
      tue: lunchAndEvening(),
      wed: lunchAndEvening(),
      thu: lunchAndEvening(),
      fri: [
        { opens: "11:00", closes: "14:00" },
        { opens: "18:00", closes: "01:00" },
      ],
      sat: [{ opens: "18:00", closes: "02:00" }],
      sun: [{ opens: "18:00", closes: "23:00" }],
    },
    closedDays: ["2026-12-31", "2026-12-24"],
    delivery: { maxMinutes: 12, radiusMeters: 2000, feeCents: 300, minimumOrderCents: 1800 },
    legal: {
      companyName: "OC Pizza Bastille SARL",
      address: "14 rue de la Roquette, 75011 Paris",
      siret: "443 061 841 00013",
      vatNumber: "FR64443061841",
    },
    coordinates: { latitude: 48.8546, longitude: 2.372 },
  };
}

/** Every row that holds a store setting, as text, to compare before and after. */
export async function settingsSnapshot(pool: Pool): Promise<string> {
  const [stores] = await pool.query<RowDataPacket[]>("SELECT * FROM stores ORDER BY id");
  const [hours] = await pool.query<RowDataPacket[]>(
    "SELECT * FROM store_opening_hours ORDER BY store_id, weekday, opens_minute",
  );
  const [days] = await pool.query<RowDataPacket[]>(
    "SELECT store_id, DATE_FORMAT(day, '%Y-%m-%d') AS day FROM store_closed_days " +
      "ORDER BY store_id, day",
  );
  return JSON.stringify({ stores, hours, days });
}
