/**
 * The five OC Pizza stores in and around Paris that an empty database is
 * seeded with: ids, addresses, coordinates, time zone and closing hour, and
 * the settings a manager would then change (hours, zone, legal identity).
 */
import type { StoreSettingsInput } from "@ocpizza/schema";

export interface SeedStore {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  phone: string;
  latitude: number;
  longitude: number;
}

/** Every store's business day ends at 04:00 Paris time. */
export const SEED_TIME_ZONE = "Europe/Paris";
export const SEED_CLOSING_MINUTES = 240;

export const SEED_STORES: readonly SeedStore[] = [
  {
    id: "bastille",
    name: "OC Pizza Bastille",
    address: "14 rue de la Roquette",
    postcode: "75011",
    city: "Paris",
    phone: "01 43 55 21 10",
    latitude: 48.8545,
    longitude: 2.3719,
  },
  {
    id: "montmartre",
    name: "OC Pizza Montmartre",
    address: "38 rue des Abbesses",
    postcode: "75018",
    city: "Paris",
    phone: "01 42 64 18 32",
    latitude: 48.8847,
    longitude: 2.3372,
  },
  {
    id: "batignolles",
    name: "OC Pizza Batignolles",
    address: "21 rue des Batignolles",
    postcode: "75017",
    city: "Paris",
    phone: "01 45 22 70 46",
    latitude: 48.8838,
    longitude: 2.3208,
  },
  {
    id: "boulogne",
    name: "OC Pizza Boulogne",
    address: "95 route de la Reine",
    postcode: "92100",
    city: "Boulogne-Billancourt",
    phone: "01 46 05 33 58",
    latitude: 48.8405,
    longitude: 2.2408,
  },
  {
    id: "vincennes",
    name: "OC Pizza Vincennes",
    address: "54 rue de Fontenay",
    postcode: "94300",
    city: "Vincennes",
    phone: "01 43 28 61 94",
    latitude: 48.8491,
    longitude: 2.4376,
  },
];

/**
 * The settings each seeded store starts with: lunch and evening, late
 * evenings at the weekend, one company (SIREN 812345676, fictitious but
 * checksum-valid) with one SIRET per store, and a zone that suits the
 * neighbourhood (Paris streets are slow, the suburbs less dense).
 */
const lunch = { opens: "11:30", closes: "14:30" };
const evening = { opens: "18:00", closes: "23:00" };
const lateEvening = { opens: "18:00", closes: "00:30" };

const CITY_WEEK: StoreSettingsInput["openingHours"] = {
  mon: [evening],
  tue: [lunch, evening],
  wed: [lunch, evening],
  thu: [lunch, evening],
  fri: [lunch, lateEvening],
  sat: [lunch, lateEvening],
  sun: [evening],
};

const SUBURB_WEEK: StoreSettingsInput["openingHours"] = {
  mon: [],
  tue: [lunch, evening],
  wed: [lunch, evening],
  thu: [lunch, evening],
  fri: [lunch, evening],
  sat: [lunch, lateEvening],
  sun: [lunch, evening],
};

const HOLIDAYS = ["2026-12-25", "2027-01-01", "2027-05-01"];
const COMPANY = "OC Pizza SAS";
const HEAD_OFFICE = "14 rue de la Roquette, 75011 Paris";
const VAT_NUMBER = "FR19812345676";

function settings(
  store: SeedStore,
  siret: string,
  week: StoreSettingsInput["openingHours"],
  delivery: StoreSettingsInput["delivery"],
): StoreSettingsInput {
  return {
    openingHours: week,
    closedDays: HOLIDAYS,
    delivery,
    legal: {
      companyName: COMPANY,
      address: `${HEAD_OFFICE} (établissement : ${store.address}, ${store.postcode} ${store.city})`,
      siret,
      vatNumber: VAT_NUMBER,
    },
    coordinates: { latitude: store.latitude, longitude: store.longitude },
  };
}

const byId = (id: string) => SEED_STORES.find((store) => store.id === id)!;
const paris = { maxMinutes: 15, radiusMeters: 2500, feeCents: 250, minimumOrderCents: 1500 };
const suburb = { maxMinutes: 20, radiusMeters: 3500, feeCents: 350, minimumOrderCents: 2000 };

export const SEED_STORE_SETTINGS: Readonly<Record<string, StoreSettingsInput>> = {
  bastille: settings(byId("bastille"), "81234567600017", CITY_WEEK, paris),
  montmartre: settings(byId("montmartre"), "81234567600025", CITY_WEEK, paris),
  batignolles: settings(byId("batignolles"), "81234567600033", CITY_WEEK, paris),
  boulogne: settings(byId("boulogne"), "81234567600041", SUBURB_WEEK, suburb),
  vincennes: settings(byId("vincennes"), "81234567600058", SUBURB_WEEK, suburb),
};
