/** The shared contract of OC Pizza: imported by the PWA and the sync server alike. */
export * from "./money.js";
export * from "./business-day.js";
export * from "./order-state.js";
export * from "./errors.js";
export * from "./protocol.js";
export * from "./snapshots.js";
export * from "./ids.js";
export * from "./pricing.js";
export * from "./journal.js";
export * from "./closings.js";
export * from "./accounts.js";
export * from "./staff-pins.js";
export * from "./opening-hours.js";
export * from "./store-settings.js";
export * from "./online-order.js";
export * from "./allergens.js";
export * from "./promotions.js";
