/**
 * Every setting of the sync server, read once from environment variables and
 * checked with zod. Each one is documented with its unit and default here and
 * in /.env.example; nothing else in the server reads process.env.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

import { describeIssues } from "@ocpizza/schema";

/** The repository root (sync-server/src/config.ts is two levels below it). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The committed drizzle-kit migrations, applied at start. */
export const MIGRATIONS_FOLDER = join(REPO_ROOT, "schema", "drizzle");

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], {
    message: "must be true or false",
  })
  .transform((value) => ["true", "1", "yes", "on"].includes(value));

const envSchema = z.object({
  /** MySQL 8 / MariaDB URL; the database named in the path is created when missing. */
  DATABASE_URL: z
    .url({ message: "must be a URL like mysql://user:password@host:3306/database" })
    .refine((url) => url.startsWith("mysql://"), "must start with mysql://")
    .default("mysql://root@127.0.0.1:3306/pizzeria_management"),
  /** TCP port the HTTP server listens on (default 8080). */
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Address the HTTP server binds (default 127.0.0.1: nginx sits in front). */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** development | test | production (default development). */
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Bearer token of the admin endpoints; at least 24 characters. */
  ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** Folder for server state such as the generated admin token (default <repo>/.data). */
  DATA_DIR: z.string().min(1).default(".data"),
  /** Folder the signed closing archives go to (default DATA_DIR/archives); a mount of another machine. */
  ARCHIVE_DIR: z.string().min(1).optional(),
  /** Ed25519 private key signing the archives: a PKCS#8 PEM, base64-encoded. Required in production. */
  ARCHIVE_SIGNING_KEY: z.string().min(40, "must be a base64-encoded PKCS#8 PEM").optional(),
  /** Folder of the built PWA served at / (default <repo>/pwa/dist). */
  PWA_DIST: z.string().min(1).default("pwa/dist"),
  /** Days of order history a device gets when it pulls from scratch (default 3). */
  PULL_HISTORY_DAYS: z.coerce.number().int().min(1).max(366).default(3),
  /** pino level: fatal, error, warn, info, debug, trace or silent (default info). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seed the stores and menu into an empty database (default true outside production). */
  SEED: flag.optional(),
  /** Seconds a push waits for a row lock before answering 503 (default 5). */
  LOCK_WAIT_TIMEOUT_S: z.coerce.number().int().min(1).max(120).default(5),
  /** Connections in the MySQL pool (default 10). */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  nodeEnv: "development" | "test" | "production";
  adminToken: string | null;
  dataDir: string;
  archiveDir: string;
  archiveSigningKey: string | null;
  pwaDist: string;
  pullHistoryDays: number;
  logLevel: string;
  seed: boolean;
  lockWaitTimeoutS: number;
  dbPoolSize: number;
}

/** A setting that cannot be used; the message names it and says what to do. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (KEY= in a .env file) means "use the default".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid environment: ${describeIssues(parsed.error)}. See .env.example.`,
    );
  }

  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    nodeEnv: e.NODE_ENV,
    adminToken: e.ADMIN_TOKEN ?? null,
    dataDir: fromRepoRoot(e.DATA_DIR),
    archiveDir: e.ARCHIVE_DIR
      ? fromRepoRoot(e.ARCHIVE_DIR)
      : join(fromRepoRoot(e.DATA_DIR), "archives"),
    archiveSigningKey: e.ARCHIVE_SIGNING_KEY ?? null,
    pwaDist: fromRepoRoot(e.PWA_DIST),
    pullHistoryDays: e.PULL_HISTORY_DAYS,
    logLevel: e.LOG_LEVEL,
    seed: e.SEED ?? e.NODE_ENV !== "production",
    lockWaitTimeoutS: e.LOCK_WAIT_TIMEOUT_S,
    dbPoolSize: e.DB_POOL_SIZE,
  };
}

/** Relative folders are read from the repository root, whatever the working directory. */
function fromRepoRoot(path: string): string {
  return isAbsolute(path) ? path : join(REPO_ROOT, path);
}
