/**
 * Where the admin token comes from: ADMIN_TOKEN when set; otherwise, outside
 * production, a random token created once in <DATA_DIR>/admin-token (mode
 * 600). Production refuses to start without ADMIN_TOKEN (checkProductionSettings);
 * a caller that skips that check gets null, and the admin endpoints stay closed.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { Config } from "../config.js";

export interface AdminTokenSource {
  token: string | null;
  /** The file holding the token when it was generated (log this, never the token). */
  filePath: string | null;
}

export async function resolveAdminToken(
  config: Pick<Config, "adminToken" | "dataDir" | "nodeEnv">,
): Promise<AdminTokenSource> {
  if (config.adminToken) return { token: config.adminToken, filePath: null };
  if (config.nodeEnv === "production") return { token: null, filePath: null };

  const filePath = join(config.dataDir, "admin-token");
  const existing = await readFile(filePath, "utf8").catch(() => null);
  if (existing !== null && existing.trim().length >= 24) {
    return { token: existing.trim(), filePath };
  }

  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString("base64url");
  await writeFile(filePath, `${token}\n`, { mode: 0o600 });
  await chmod(filePath, 0o600);
  return { token, filePath };
}
