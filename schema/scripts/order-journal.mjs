// Keeps the migration journal's timestamps strictly increasing.
//
// Drizzle's MySQL migrator applies only the migrations whose `when` is later
// than the newest one a database has recorded. drizzle-kit stamps a new
// migration with the clock of the machine that generated it, so a migration
// generated on a machine whose clock is behind (or after an entry stamped by
// hand) would be skipped on every database that is upgraded rather than
// created. Run after each `drizzle-kit generate` (the db:generate script does).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const journalPath = fileURLToPath(new URL("../drizzle/meta/_journal.json", import.meta.url));
const journal = JSON.parse(readFileSync(journalPath, "utf8"));

let previous = 0;
const moved = [];
for (const entry of journal.entries) {
  if (entry.when <= previous) {
    entry.when = previous + 1000;
    moved.push(entry.tag);
  }
  previous = entry.when;
}

if (moved.length > 0) {
  writeFileSync(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
  console.log(`migration journal: restamped ${moved.join(", ")} to keep the order`);
}
