import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "mysql",
  schema: [
    "./src/db/tables.ts",
    "./src/db/fiscal-tables.ts",
    "./src/db/accounts-tables.ts",
    "./src/db/payment-tables.ts",
    "./src/db/report-tables.ts",
    "./src/db/menu-tables.ts",
    "./src/db/stock-tables.ts",
  ],
  out: "./drizzle",
});
