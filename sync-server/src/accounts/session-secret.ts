/**
 * Where the session secret comes from: SESSION_SECRET when set (production
 * checks its strength before this runs); otherwise, outside production, a
 * random secret created once in <DATA_DIR>/session-secret (mode 600).
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { ConfigError, sessionSecretWeakness, type Config } from "../config.js";

export interface SessionSecretSource {
  secret: string;
  /** The file holding the secret when it was generated (log this, never the secret). */
  filePath: string | null;
}

export async function resolveSessionSecret(
  config: Pick<Config, "sessionSecret" | "dataDir" | "nodeEnv">,
): Promise<SessionSecretSource> {
  if (config.sessionSecret) {
    const weakness = sessionSecretWeakness(config.sessionSecret);
    if (weakness) throw new ConfigError(`SESSION_SECRET ${weakness}: generate a random one.`);
    return { secret: config.sessionSecret, filePath: null };
  }
  if (config.nodeEnv === "production") {
    throw new ConfigError("SESSION_SECRET is required in production: see .env.example.");
  }

  const filePath = join(config.dataDir, "session-secret");
  const existing = (await readFile(filePath, "utf8").catch(() => null))?.trim();
  if (existing && !sessionSecretWeakness(existing)) return { secret: existing, filePath };

  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(filePath, `${secret}\n`, { mode: 0o600 });
  await chmod(filePath, 0o600);
  return { secret, filePath };
}
