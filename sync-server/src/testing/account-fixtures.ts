/**
 * Account test fixtures: staff and customers written straight to the
 * database, requests as the app sends them (JSON, the CSRF header, a cookie),
 * reading the session cookie back, and counting the account tables.
 */
import { Writable } from "node:stream";
import type { Hono } from "hono";
import type { Pool, RowDataPacket } from "mysql2/promise";
import { pino, type Logger } from "pino";

import { newId } from "@ocpizza/schema";
import { customers, staff, staffStores, type StaffRole } from "@ocpizza/schema/db";

import { hashPassword } from "../accounts/passwords.js";
import type { Database } from "../db/connection.js";
import type { AppEnv } from "../http/auth.js";

export const ACCOUNT_TABLES = [
  "staff",
  "staff_stores",
  "customers",
  "sessions",
  "login_attempts",
  "password_resets",
  "email_verifications",
] as const;

export const GOOD_PASSWORD = "correct horse battery staple";

export interface TestAccount {
  id: string;
  email: string;
  password: string | null;
}

export async function createStaff(
  db: Database,
  options: { email?: string; role?: StaffRole; password?: string | null; storeIds?: string[] } = {},
): Promise<TestAccount> {
  const id = newId();
  const email = options.email ?? `staff-${id.slice(-8)}@ocpizza.test`;
  const password = options.password === undefined ? GOOD_PASSWORD : options.password;
  await db.insert(staff).values({
    id,
    email,
    name: "Camille Martin",
    role: options.role ?? "manager",
    passwordHash: password === null ? null : await hashPassword(password),
    createdAt: new Date(),
  });
  for (const storeId of options.storeIds ?? ["bastille"]) {
    await db.insert(staffStores).values({ staffId: id, storeId });
  }
  return { id, email, password };
}

export async function createCustomer(
  db: Database,
  options: { email?: string; password?: string } = {},
): Promise<TestAccount> {
  const id = newId();
  const email = options.email ?? `client-${id.slice(-8)}@example.test`;
  const password = options.password ?? GOOD_PASSWORD;
  await db.insert(customers).values({
    id,
    email,
    name: "Lou Bernard",
    phone: "+33 6 12 34 56 78",
    passwordHash: await hashPassword(password),
    createdAt: new Date(),
  });
  return { id, email, password };
}

export interface AuthRequest {
  json?: unknown;
  /** Sent as is, instead of `json`. */
  raw?: string;
  cookie?: string | null;
  /** Extra or replacing headers; a null value removes the header. */
  headers?: Record<string, string | null>;
}

/** A request as the app sends it: JSON, X-Requested-With, the session cookie when given. */
export async function authRequest(
  app: Hono<AppEnv>,
  method: string,
  path: string,
  spec: AuthRequest = {},
): Promise<Response> {
  const headers: Record<string, string | null> = {
    "content-type": "application/json",
    "x-requested-with": "ocpizza",
    ...(spec.cookie ? { cookie: spec.cookie } : {}),
    ...spec.headers,
  };
  const body = spec.raw ?? (spec.json === undefined ? undefined : JSON.stringify(spec.json));
  const sent = Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  return app.request(path, { method, headers: sent, body });
}

/** Signs in and returns the `name=value` of the session cookie. */
export async function signIn(app: Hono<AppEnv>, account: TestAccount): Promise<string> {
  const response = await authRequest(app, "POST", "/api/v1/auth/login", {
    json: { email: account.email, password: account.password },
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return sessionCookie(response);
}

export function sessionCookie(response: Response): string {
  const header = response.headers.getSetCookie().find((c) => c.includes("ocp_session="));
  if (!header) throw new Error("no session cookie in the answer");
  return header.split(";")[0];
}

export async function countAccountRows(pool: Pool): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ACCOUNT_TABLES) {
    const [rows] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${table}\``);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

/** A logger writing into `text`, so a test can search everything that was logged. */
export function capturingLogger(): { logger: Logger; text: () => string } {
  let captured = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      captured += String(chunk);
      done();
    },
  });
  return { logger: pino({ level: "trace" }, sink), text: () => captured };
}
