/**
 * Every setting of the sync server, read once from environment variables and
 * checked with zod. Each one is documented with its unit and default here and
 * in /.env.example; nothing else in the server reads process.env.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

import { describeIssues } from "@ocpizza/schema";

import { GOOGLE_MAPS_API_BASE, GOOGLE_ROUTES_API_BASE } from "./geo/maps-settings.js";

import {
  readSquareConfig,
  squareProductionProblems,
  type SquareConfig,
  type SquareEnv,
} from "./payments/square/settings.js";

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
  /** Bearer token of the admin endpoints; at least 24 characters. Required in production. */
  ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** Folder for server state such as the generated admin token (default <repo>/.data). */
  DATA_DIR: z.string().min(1).default(".data"),
  /**
   * Folder the signed closing archives go to (default DATA_DIR/archives); a mount of another
   * machine.
   */
  ARCHIVE_DIR: z.string().min(1).optional(),
  /**
   * Ed25519 private key signing the archives: a PKCS#8 PEM, base64-encoded. Required in production.
   */
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
  /**
   * Keys session ids, reset tokens and rate-limit keys (HMAC); >= 32 characters. Required in
   * production.
   */
  SESSION_SECRET: z.string().optional(),
  /** Hours a sign-in session lasts, from sign-in (default 12). */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /**
   * Secure attribute on the session cookie (default true); false only for http://127.0.0.1
   * development.
   */
  COOKIE_SECURE: flag.optional(),
  /**
   * The address people reach the app at, for links in mails and the Origin check (default
   * http://127.0.0.1:8080).
   */
  PUBLIC_URL: z
    .url({ message: "must be a URL like https://caisse.ocpizza.fr" })
    .refine((url) => /^https?:\/\//.test(url), "must start with http:// or https://")
    .default("http://127.0.0.1:8080"),
  /**
   * SMTP server for account mails, as smtp(s)://user:password@host:port; unset, no mail is sent.
   */
  SMTP_URL: z
    .url({ message: "must be a URL like smtps://user:password@mail.example.com:465" })
    .refine((url) => /^smtps?:\/\//.test(url), "must start with smtp:// or smtps://")
    .optional(),
  /** Sender of account mails (default "OC Pizza <no-reply@ocpizza.invalid>"). */
  MAIL_FROM: z.string().min(3).max(200).default("OC Pizza <no-reply@ocpizza.invalid>"),
  /** Minutes a password reset link stays valid (default 30). */
  PASSWORD_RESET_TTL_MIN: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  /** Failed sign-ins allowed per account in one window (default 5). */
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  /** Failed sign-ins allowed per client address in one window (default 20). */
  LOGIN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Minutes of one rate-limit window (default 15). */
  LOGIN_WINDOW_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Read the client address from X-Forwarded-For (nginx in front; default false). */
  TRUST_PROXY: flag.optional(),
  /** Google key for Geocoding and the Routes API, server side only; unset, no geocoding. */
  GOOGLE_SERVER_KEY: z.string().min(20, "must be a Google API key").max(200).optional(),
  /** Google key for the Maps JavaScript API, given to browsers; unset, the finder has no map. */
  GOOGLE_BROWSER_KEY: z.string().min(20, "must be a Google API key").max(200).optional(),
  /** Geocoding base URL (default https://maps.googleapis.com; tests use a local fake). */
  GOOGLE_MAPS_API_BASE: z.url({ message: "must be a URL" }).optional(),
  /** Routes API base URL (default https://routes.googleapis.com; tests use a local fake). */
  GOOGLE_ROUTES_API_BASE: z.url({ message: "must be a URL" }).optional(),
  /** Square API access token (secret). All SQUARE_* or none: none turns card payments off. */
  SQUARE_ACCESS_TOKEN: z.string().min(10, "must be a Square access token").optional(),
  /** sandbox | production: which Square the token belongs to. */
  SQUARE_ENVIRONMENT: z.enum(["sandbox", "production"]).optional(),
  /** Square application id, given to the Web Payments SDK in the browser. */
  SQUARE_APPLICATION_ID: z.string().min(3).max(128).optional(),
  /** Square location of each store: "bastille=L1A2B3C4D5E6F,montmartre=L...". */
  SQUARE_LOCATION_IDS: z.string().min(3).max(4000).optional(),
  /** Signature key of the webhook subscription (secret), checks x-square-hmacsha256-signature. */
  SQUARE_WEBHOOK_SIGNATURE_KEY: z.string().min(8).optional(),
  /** The webhook notification URL exactly as registered with Square (it is signed too). */
  SQUARE_WEBHOOK_URL: z.url({ message: "must be the URL registered with Square" }).optional(),
  /** Only for the local fake Square (npm run fake:square): everything is then "simulated". */
  SQUARE_BASE_URL: z.url({ message: "must be a URL like http://127.0.0.1:4010" }).optional(),
  /** Minutes without any counter of a store online before it stops taking online orders (10). */
  ONLINE_ORDERS_COUNTER_SILENCE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
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
  sessionSecret: string | null;
  sessionTtlHours: number;
  cookieSecure: boolean;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  passwordResetTtlMin: number;
  loginMaxPerAccount: number;
  loginMaxPerAddress: number;
  loginWindowMin: number;
  trustProxy: boolean;
  googleServerKey: string | null;
  /** ONLINE_ORDERS_COUNTER_SILENCE_MINUTES: see docs/online-ordering.md. */
  onlineCounterSilenceMinutes: number;
  googleBrowserKey: string | null;
  googleMapsApiBase: string;
  googleRoutesApiBase: string;
  /** Card payments through Square, or why they are off. */
  square: SquareConfig;
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
    sessionSecret: e.SESSION_SECRET ?? null,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE ?? true,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ""),
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    passwordResetTtlMin: e.PASSWORD_RESET_TTL_MIN,
    loginMaxPerAccount: e.LOGIN_MAX_PER_ACCOUNT,
    loginMaxPerAddress: e.LOGIN_MAX_PER_ADDRESS,
    loginWindowMin: e.LOGIN_WINDOW_MIN,
    trustProxy: e.TRUST_PROXY ?? false,
    googleServerKey: e.GOOGLE_SERVER_KEY ?? null,
    onlineCounterSilenceMinutes: e.ONLINE_ORDERS_COUNTER_SILENCE_MINUTES,
    googleBrowserKey: e.GOOGLE_BROWSER_KEY ?? null,
    googleMapsApiBase: withoutTrailingSlash(e.GOOGLE_MAPS_API_BASE ?? GOOGLE_MAPS_API_BASE),
    googleRoutesApiBase: withoutTrailingSlash(e.GOOGLE_ROUTES_API_BASE ?? GOOGLE_ROUTES_API_BASE),
    square: squareConfigOf(e),
  };
}

/** Why a session secret is too weak to use, or null when it is fine. */
export function sessionSecretWeakness(secret: string): string | null {
  if (secret.length < 32) return `is ${secret.length} characters long, at least 32 are needed`;
  return guessableWeakness(secret);
}

/** Why a long enough secret or token is still guessable, or null when it is fine. */
function guessableWeakness(secret: string): string | null {
  if (new Set(secret).size < 12) return "repeats too few different characters";
  if (/change.?me|secret|password|example|django/i.test(secret)) {
    return "looks like a placeholder (it contains a word such as secret or changeme)";
  }
  return null;
}

/**
 * What production refuses to start without, all named at once: the admin
 * token, a strong session secret, the archive signing key, and a Secure
 * cookie. Outside production the missing secrets are generated into DATA_DIR.
 */
export function checkProductionSettings(config: Config): void {
  if (config.nodeEnv !== "production") {
    if (!config.cookieSecure && !isLoopbackUrl(config.publicUrl)) {
      throw new ConfigError(
        `COOKIE_SECURE=false is only allowed when PUBLIC_URL is http://127.0.0.1 or ` +
          `http://localhost (got ${config.publicUrl}): remove COOKIE_SECURE.`,
      );
    }
    return;
  }

  const problems: string[] = [];
  if (!config.adminToken) {
    problems.push("ADMIN_TOKEN is not set");
  } else {
    // It opens every store's admin endpoints: as hard to guess as the session secret.
    const weakness = guessableWeakness(config.adminToken);
    if (weakness) problems.push(`ADMIN_TOKEN ${weakness}`);
  }
  if (!config.sessionSecret) {
    problems.push("SESSION_SECRET is not set");
  } else {
    const weakness = sessionSecretWeakness(config.sessionSecret);
    if (weakness) problems.push(`SESSION_SECRET ${weakness}`);
  }
  if (!config.archiveSigningKey) problems.push("ARCHIVE_SIGNING_KEY is not set");
  if (!config.cookieSecure) problems.push("COOKIE_SECURE=false is not allowed");
  if (!config.publicUrl.startsWith("https://")) problems.push("PUBLIC_URL must be https://");
  problems.push(...squareProductionProblems(config.square));
  if (problems.length > 0) {
    throw new ConfigError(
      `Refusing to start in production: ${problems.join("; ")}. ` +
        "Generate secrets with: node -e " +
        "\"console.log(crypto.randomBytes(32).toString('base64url'))\". " +
        "See .env.example.",
    );
  }
}

export function isLoopbackUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
}

function squareConfigOf(env: SquareEnv): SquareConfig {
  try {
    return readSquareConfig(env);
  } catch (error) {
    throw new ConfigError(`Invalid environment: ${(error as Error).message}. See .env.example.`);
  }
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Relative folders are read from the repository root, whatever the working directory. */
function fromRepoRoot(path: string): string {
  return isAbsolute(path) ? path : join(REPO_ROOT, path);
}
