/**
 * `npm run archive:verify -- FILE --public-key FILE`
 * Checks one closing archive on any machine, with only the public key:
 * prints what is intact or each problem found, and exits 1 on any problem.
 */
import { createPublicKey } from "node:crypto";
import { readFile } from "node:fs/promises";

import { verifyArchive } from "../closings/verify-archive.js";
import { parseArgs, UsageError } from "./args.js";

const USAGE = "usage: npm run archive:verify -- ARCHIVE.json --public-key KEY.pub.pem";

try {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || file.startsWith("--")) throw new UsageError("name the archive file first");
  const args = parseArgs(rest, { "public-key": "string" });
  if (typeof args["public-key"] !== "string") throw new UsageError("--public-key is required");

  const publicKey = createPublicKey(await readFile(args["public-key"], "utf8"));
  let archive: unknown;
  try {
    archive = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file} is not readable JSON (${(error as Error).message})`);
  }
  const problems = verifyArchive(archive, publicKey);
  if (problems.length === 0) {
    const { closing, entries } = archive as {
      closing: { storeId: string; period: string; key: string; seq: number };
      entries: unknown[];
    };
    console.log(
      `OK: ${closing.period} ${closing.key} of store ${closing.storeId} (closing ${closing.seq}, ` +
        `${entries.length} tickets): signature, hashes and chain are intact.`,
    );
  } else {
    console.log(`${file}: ${problems.length} problem(s)`);
    for (const problem of problems) console.log(`  - ${problem}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n${USAGE}`);
  process.exitCode = 2;
}
