/**
 * The signed archive of a closed period: one JSON file holding the period's
 * journal entries, the closing, a manifest with the SHA-256 of each part and
 * an Ed25519 signature over the manifest. ARCHIVE_DIR is meant to be a
 * folder on another machine, kept six years; verify-archive.ts checks one.
 */
import { createHash, createPublicKey, sign, type KeyObject } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { canonicalJson, sha256Hex, type Closing, type TicketContent } from "@ocpizza/schema";
import type { Database } from "../db/connection.js";
import { countableEntries } from "./figures.js";

export const ARCHIVE_FORMAT = "ocpizza-archive/1";

export interface ArchiveSettings {
  /** The folder archives go to: <dir>/<storeId>/<period>/<key>.json. */
  dir: string;
  /** Ed25519 private key that signs each manifest. */
  privateKey: KeyObject;
}

export interface ArchivedEntry {
  registerId: string;
  seq: number;
  businessDay: string;
  previousHash: string;
  hash: string;
  content: TicketContent;
  /**
   * Whether the ticket counts in the figures (see figures.ts countsInFigures:
   * not a second sale ticket of an order, not a second or orphan credit note,
   * training as the corrected ticket says). Absent in older archives: then
   * every ticket that is not training counts.
   */
  counted?: boolean;
}

export interface ArchiveManifest {
  format: string;
  storeId: string;
  period: string;
  key: string;
  entryCount: number;
  /** SHA-256 (hex) of canonicalJson of each part. */
  parts: { closing: string; entries: string };
  /** SHA-256 (hex) of the signer's public key (SPKI DER), to pick the right key. */
  publicKeySha256: string;
}

export interface ArchiveFile {
  manifest: ArchiveManifest;
  /** Ed25519 signature (base64) of canonicalJson(manifest). */
  signature: string;
  closing: Omit<Closing, "archivePath">;
  entries: ArchivedEntry[];
}

export async function writeArchive(
  settings: ArchiveSettings,
  db: Database,
  closing: Closing,
  range: { from: string; to: string },
): Promise<string> {
  const rows = await countableEntries(
    db,
    { storeId: closing.storeId, registerId: closing.registerId },
    range.from,
    range.to,
  );
  const entries: ArchivedEntry[] = rows.map((row) => ({
    registerId: row.registerId,
    seq: row.seq,
    businessDay: row.businessDay,
    previousHash: row.previousHash,
    hash: row.hash,
    content: row.content,
    counted: row.counted,
  }));
  const { archivePath: _unused, ...sealed } = closing;
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    storeId: closing.storeId,
    period: closing.period,
    key: closing.key,
    entryCount: entries.length,
    parts: {
      closing: sha256Hex(canonicalJson(sealed)),
      entries: sha256Hex(canonicalJson(entries)),
    },
    publicKeySha256: publicKeyFingerprint(settings.privateKey),
  };
  const signature = sign(null, Buffer.from(canonicalJson(manifest)), settings.privateKey);
  const file: ArchiveFile = {
    manifest,
    signature: signature.toString("base64"),
    closing: sealed,
    entries,
  };

  const folder = join(settings.dir, closing.storeId, closing.period);
  // A register's closing sits beside the store's: <key>.register-<id>.json.
  const suffix =
    closing.registerId === null ? "" : `.register-${closing.registerId.replace(/[^\w-]/g, "_")}`;
  await mkdir(folder, { recursive: true });
  // An archive is never overwritten (exclusive create): after a database restore, the
  // same period closed again goes beside the first archive, named by its closing id.
  const text = JSON.stringify(file, null, 1);
  for (const path of [
    join(folder, `${closing.key}${suffix}.json`),
    join(folder, `${closing.key}${suffix}.${closing.id}.json`),
  ]) {
    try {
      await writeFile(path, text, { flag: "wx" });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`archives of ${closing.period} ${closing.key} already exist under both names`);
}

export function publicKeyFingerprint(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex");
}
