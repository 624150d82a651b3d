/**
 * Shared test fixtures: a small menu in the shape the server sends, a store,
 * and a fresh, paired device database per test (its own IndexedDB name, so
 * tests can run side by side). Used by tests only.
 */
import type { MenuSnapshot, StoreInfo } from "@ocpizza/schema";

import { CounterDb, initialMeta } from "../db/database.js";

export const TEST_STORE: StoreInfo = {
  id: "bastille",
  name: "OC Pizza Bastille",
  address: "12 rue de la Roquette",
  postcode: "75011",
  city: "Paris",
  phone: "01 43 55 12 34",
  timeZone: "Europe/Paris",
  closingMinutes: 240,
};

const PIZZA_VAT = { eat_in: 1000, takeaway: 1000, delivery: 1000 };
const SOFT_VAT = { eat_in: 1000, takeaway: 550, delivery: 550 };
const BEER_VAT = { eat_in: 2000, takeaway: 2000, delivery: 2000 };

export const TEST_MENU: MenuSnapshot = {
  version: 1,
  categories: [
    { id: "classic", nameFr: "Classique", nameEn: "Classic", kind: "pizza", sortOrder: 1 },
    { id: "veggie", nameFr: "Végétarienne", nameEn: "Veggie", kind: "pizza", sortOrder: 2 },
    { id: "drinks", nameFr: "Boissons", nameEn: "Drinks", kind: "drink", sortOrder: 3 },
    { id: "desserts", nameFr: "Desserts", nameEn: "Desserts", kind: "dessert", sortOrder: 4 },
  ],
  products: [
    {
      id: "pepperoni",
      categoryId: "classic",
      nameFr: "Pepperoni",
      nameEn: "Pepperoni",
      vat: PIZZA_VAT,
      sizes: [
        { size: "S", priceCents: 950 },
        { size: "M", priceCents: 1250 },
        { size: "L", priceCents: 1550 },
      ],
      ingredientIds: ["mozzarella-cheese", "pepperoni"],
      sortOrder: 1,
    },
    {
      id: "the_greek",
      categoryId: "classic",
      nameFr: "La Grecque",
      nameEn: "The Greek",
      vat: PIZZA_VAT,
      sizes: [
        { size: "S", priceCents: 1200 },
        { size: "M", priceCents: 1600 },
        { size: "L", priceCents: 2050 },
        { size: "XL", priceCents: 2550 },
        { size: "XXL", priceCents: 3595 },
      ],
      ingredientIds: ["kalamata-olives", "feta-cheese", "tomatoes", "garlic"],
      sortOrder: 2,
    },
    {
      id: "veggie_veg",
      categoryId: "veggie",
      nameFr: "Légumes du jardin",
      nameEn: "Vegetables",
      vat: PIZZA_VAT,
      sizes: [
        { size: "S", priceCents: 1200 },
        { size: "M", priceCents: 1600 },
        { size: "L", priceCents: 2025 },
      ],
      ingredientIds: ["mushrooms", "tomatoes", "tomato-sauce"],
      sortOrder: 1,
    },
    {
      id: "cola",
      categoryId: "drinks",
      nameFr: "Cola 33 cl",
      nameEn: "Cola 33 cl",
      vat: SOFT_VAT,
      sizes: [{ size: "U", priceCents: 300 }],
      ingredientIds: [],
      sortOrder: 1,
    },
    {
      id: "beer",
      categoryId: "drinks",
      nameFr: "Bière 25 cl",
      nameEn: "Beer 25 cl",
      vat: BEER_VAT,
      sizes: [{ size: "U", priceCents: 450 }],
      ingredientIds: [],
      sortOrder: 2,
    },
    {
      id: "tiramisu",
      categoryId: "desserts",
      nameFr: "Tiramisu",
      nameEn: "Tiramisu",
      vat: SOFT_VAT,
      sizes: [{ size: "U", priceCents: 550 }],
      ingredientIds: [],
      sortOrder: 1,
    },
  ],
  ingredients: [
    { id: "feta-cheese", nameFr: "Feta", nameEn: "Feta Cheese", unit: "g", extraPriceCents: 250 },
    { id: "garlic", nameFr: "Ail", nameEn: "Garlic", unit: "g", extraPriceCents: 150 },
    { id: "kalamata-olives", nameFr: "Olives", nameEn: "Olives", unit: "g", extraPriceCents: 150 },
    {
      id: "mozzarella-cheese",
      nameFr: "Mozzarella",
      nameEn: "Mozzarella",
      unit: "g",
      extraPriceCents: 250,
    },
    {
      id: "mushrooms",
      nameFr: "Champignons",
      nameEn: "Mushrooms",
      unit: "g",
      extraPriceCents: 150,
    },
    { id: "pepperoni", nameFr: "Pepperoni", nameEn: "Pepperoni", unit: "g", extraPriceCents: 250 },
    { id: "tomatoes", nameFr: "Tomates", nameEn: "Tomatoes", unit: "g", extraPriceCents: 150 },
    {
      id: "tomato-sauce",
      nameFr: "Sauce tomate",
      nameEn: "Tomato Sauce",
      unit: "ml",
      extraPriceCents: null,
    },
  ],
  recipes: [],
};

export const TEST_DEVICE_ID = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";

let dbCounter = 0;

export const TEST_SHIFT_ID = "0190a5b2-7c3d-7e4f-8a1b-00000000f10a";

/** The server's tag of the test staff's current PINs (see saveStaffList). */
export const TEST_PIN_VERSION = "pin-v1";

/** The counter staff member signed in on a test database, and a manager who approves. */
export const TEST_CLERK = {
  id: "0190a5b2-7c3d-7e4f-8a1b-0000000c1e4c",
  name: "Camille Martin",
  role: "counter" as const,
};
export const TEST_MANAGER = {
  id: "0190a5b2-7c3d-7e4f-8a1b-00000000aa01",
  name: "Sacha Gérant",
  role: "manager" as const,
};

/**
 * A fresh database with a unique name, already paired to TEST_STORE. Unless
 * `drawerOpen` is false, a shift is already open with a 150 € float (written
 * directly, without its shift.open outbox entry, so tests keep seq 1 for their first sale).
 * Unless `signedIn` is false, TEST_CLERK is signed in; TEST_MANAGER is listed to approve.
 */
export async function openPairedDb(
  options: { drawerOpen?: boolean; signedIn?: boolean } = {},
): Promise<CounterDb> {
  const db = new CounterDb(`ocpizza-test-${process.pid}-${++dbCounter}-${Date.now()}`);
  const drawerOpen = options.drawerOpen ?? true;
  const signedIn = options.signedIn ?? true;
  await db.meta.put({
    ...initialMeta(),
    credential: { deviceId: TEST_DEVICE_ID, token: "test-token" },
    clientId: TEST_DEVICE_ID,
    deviceName: "Caisse test",
    storeId: TEST_STORE.id,
    store: TEST_STORE,
    openShiftId: drawerOpen ? TEST_SHIFT_ID : null,
    signedIn: signedIn ? { ...TEST_CLERK, sinceMs: Date.UTC(2025, 0, 15, 9, 0) } : null,
  });
  // Listed as the server would list them; no verifier: they never typed a PIN here.
  const staffRow = {
    verifier: null,
    failures: 0,
    lockedUntilMs: null,
    listedAtMs: 0,
    pinVersion: TEST_PIN_VERSION,
  };
  await db.staff.bulkPut([
    { ...TEST_CLERK, ...staffRow },
    { ...TEST_MANAGER, ...staffRow },
  ]);
  if (drawerOpen) {
    await db.shifts.put({
      id: TEST_SHIFT_ID,
      openedAtMs: Date.UTC(2025, 0, 15, 9, 0),
      floatCents: 15_000,
      closedAtMs: null,
      counted: null,
      expected: null,
    });
  }
  return db;
}

/** A priced pizza line as the cart would produce it. */
export function pizzaLine(quantity = 1) {
  return {
    productId: "pepperoni",
    size: "M",
    name: "Pepperoni",
    categoryId: "classic",
    quantity,
    unitPriceCents: 1250,
    vatRateBp: 1000 as const,
    options: [],
  };
}
