/**
 * Checks an archive file on its own, with only the signer's public key: the
 * signature over the manifest, each part's SHA-256, the closing's hash, each
 * register's run of tickets (hashes, numbering, links), the registers' heads
 * sealed in the closing, and a day's totals against its tickets.
 */
import { verify, type KeyObject } from "node:crypto";

import { canonicalJson, chainHash, sha256Hex, type ClosingTotals } from "@ocpizza/schema";

import { ARCHIVE_FORMAT, type ArchiveFile, type ArchivedEntry } from "./archive.js";
import { addTicket, emptyTotals } from "./figures.js";

/** Every problem found, one sentence each; an empty list means the archive is intact. */
export function verifyArchive(file: unknown, publicKey: KeyObject): string[] {
  if (!isArchive(file))
    return ["this is not an OC Pizza archive (manifest, signature, closing, entries)"];
  const problems: string[] = [];
  const { manifest, closing, entries } = file;

  if (manifest.format !== ARCHIVE_FORMAT) problems.push(`unknown format "${manifest.format}"`);
  const signed = verify(
    null,
    Buffer.from(canonicalJson(manifest)),
    publicKey,
    Buffer.from(file.signature, "base64"),
  );
  if (!signed) {
    problems.push(
      "the signature does not match the manifest: it was changed, or signed with another key",
    );
  }
  if (sha256Hex(canonicalJson(closing)) !== manifest.parts.closing) {
    problems.push("the closing is not the one the manifest names: it was changed after signing");
  }
  if (sha256Hex(canonicalJson(entries)) !== manifest.parts.entries) {
    problems.push(
      "the tickets are not the ones the manifest names: some were changed, removed or added",
    );
  }
  if (manifest.entryCount !== entries.length) {
    problems.push(
      `the manifest counts ${manifest.entryCount} tickets, the file holds ${entries.length}`,
    );
  }

  const { id: _id, previousHash, hash, ...content } = closing;
  if (chainHash(previousHash, content) !== hash) {
    problems.push(`closing ${closing.seq}: its content does not match its hash`);
  }
  problems.push(...checkRuns(entries));

  const byKey = new Map(entries.map((e) => [`${e.registerId}#${e.seq}`, e]));
  for (const seal of closing.registers) {
    const sealed = byKey.get(`${seal.registerId}#${seal.headSeq}`);
    if (sealed && sealed.hash !== seal.headHash) {
      problems.push(
        `ticket ${seal.headSeq} of register ${seal.registerId} is not the one the closing sealed`,
      );
    }
  }
  if (closing.period === "day") {
    const totals = emptyTotals();
    for (const entry of entries) {
      if (entry.counted ?? !entry.content.training) addTicket(totals, entry.content);
    }
    if (canonicalJson(totals) !== canonicalJson(closing.totals as ClosingTotals)) {
      problems.push("the closing's totals do not add up from the archived tickets");
    }
  }
  return problems;
}

/** Each register's tickets: every hash, numbers without holes or repeats, every link. */
function checkRuns(entries: readonly ArchivedEntry[]): string[] {
  const problems: string[] = [];
  const byRegister = new Map<string, ArchivedEntry[]>();
  for (const entry of entries) {
    const run = byRegister.get(entry.registerId) ?? [];
    run.push(entry);
    byRegister.set(entry.registerId, run);
  }
  for (const [registerId, run] of byRegister) {
    run.sort((a, b) => a.seq - b.seq);
    let previous: ArchivedEntry | null = null;
    for (const entry of run) {
      const name = `ticket ${entry.seq} of register ${registerId}`;
      if (entry.content.seq !== entry.seq || entry.content.registerId !== registerId) {
        problems.push(`${name}: its content names another ticket`);
      }
      if (chainHash(entry.previousHash, entry.content) !== entry.hash) {
        problems.push(`${name}: its content does not match its hash`);
      }
      if (previous && entry.seq === previous.seq) problems.push(`${name} appears twice`);
      else if (previous && entry.seq > previous.seq + 1) {
        problems.push(
          `tickets ${previous.seq + 1} to ${entry.seq - 1} of register ${registerId} are missing`,
        );
      } else if (previous && entry.previousHash !== previous.hash) {
        problems.push(`${name}: it does not follow ticket ${previous.seq}`);
      }
      previous = entry;
    }
  }
  return problems;
}

function isArchive(value: unknown): value is ArchiveFile {
  if (typeof value !== "object" || value === null) return false;
  const file = value as Partial<ArchiveFile>;
  return (
    typeof file.manifest === "object" &&
    file.manifest !== null &&
    typeof file.manifest.parts === "object" &&
    typeof file.signature === "string" &&
    typeof file.closing === "object" &&
    file.closing !== null &&
    Array.isArray(file.closing.registers) &&
    Array.isArray(file.entries)
  );
}
