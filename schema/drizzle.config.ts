import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "mysql",
  schema: ["./src/db/tables.ts", "./src/db/fiscal-tables.ts"],
  out: "./drizzle",
});
