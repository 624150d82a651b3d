/**
 * The five OC Pizza stores in and around Paris that an empty database is
 * seeded with: ids, addresses, coordinates, time zone and closing hour.
 */

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
