/**
 * Applies the committed migrations with the migration account, before the
 * sync server instances start (install.sh, update.sh), so the application
 * account needs no schema rights. MIGRATION_DATABASE_URL names that account
 * (default: DATABASE_URL). `--seed` also seeds the stores and menu into an
 * empty database (the first install). Prints one line; never a password.
 *   node --import tsx ops/scripts/migrate.ts [--seed]
 */
import { describeTarget } from "../../sync-server/src/db/connection.js";
import { openDatabase } from "../../sync-server/src/db/open-database.js";
import { seedDatabase } from "../../sync-server/src/seed/seed.js";

const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  console.error("migrate: set MIGRATION_DATABASE_URL (or DATABASE_URL) to the migration account");
  process.exit(1);
}

try {
  const { target, pool } = await openDatabase(url, { size: 1 });
  try {
    const seeded = process.argv.includes("--seed") ? await seedDatabase(pool) : null;
    const what = seeded ? `, seeded ${JSON.stringify(seeded)}` : "";
    console.log(`migrate: ${describeTarget(target)} is up to date${what}`);
  } finally {
    await pool.end();
  }
} catch (error) {
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  console.error(`migrate: the migrations could not be applied: ${message}`);
  process.exit(1);
}
