/**
 * Where the archive signing key comes from: ARCHIVE_SIGNING_KEY (a PKCS#8
 * PEM, base64-encoded) when set; otherwise, outside production, a key pair
 * generated once into DATA_DIR (archive-signing-key.pem, mode 600, and the
 * public key beside it). Production refuses to start without the key.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { ConfigError, type Config } from "../config.js";

export interface SigningKeySource {
  privateKey: KeyObject;
  /** The generated key's file, when it was generated (log this, never the key). */
  filePath: string | null;
  /** The public key (PEM) an auditor verifies archives with. */
  publicKeyPem: string;
}

export async function resolveSigningKey(
  config: Pick<Config, "archiveSigningKey" | "dataDir" | "nodeEnv">,
): Promise<SigningKeySource> {
  if (config.archiveSigningKey) {
    const pem = Buffer.from(config.archiveSigningKey, "base64").toString("utf8");
    const privateKey = readKey(pem, "ARCHIVE_SIGNING_KEY");
    return { privateKey, filePath: null, publicKeyPem: publicPem(privateKey) };
  }
  if (config.nodeEnv === "production") {
    throw new ConfigError(
      "ARCHIVE_SIGNING_KEY is required in production: generate an Ed25519 key with " +
        "`openssl genpkey -algorithm ed25519 | base64 -w0` and keep its public key for the " +
        "auditors.",
    );
  }

  const filePath = join(config.dataDir, "archive-signing-key.pem");
  const existing = await readFile(filePath, "utf8").catch(() => null);
  if (existing !== null) {
    const privateKey = readKey(existing, filePath);
    return { privateKey, filePath, publicKeyPem: publicPem(privateKey) };
  }
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync("ed25519");
  await writeFile(filePath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  await chmod(filePath, 0o600);
  await writeFile(join(config.dataDir, "archive-signing-key.pub.pem"), publicPem(privateKey));
  return { privateKey, filePath, publicKeyPem: publicPem(privateKey) };
}

function readKey(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError(`${where} is not a PKCS#8 PEM private key.`);
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new ConfigError(`${where} must be an Ed25519 key (got ${key.asymmetricKeyType}).`);
  }
  return key;
}

function publicPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
}
