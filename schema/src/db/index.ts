/** Server-only part of the schema: Drizzle tables and column helpers (uses Node's Buffer). */
export * from "./tables.js";
export * from "./columns.js";
export * from "./fiscal-tables.js";
export * from "./accounts-tables.js";
export * from "./payment-tables.js";
export * from "./report-tables.js";
export * from "./stock-tables.js";
export * from "./menu-tables.js";
