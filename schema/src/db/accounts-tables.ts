/**
 * Accounts and access: staff (with a role and the stores they work for),
 * customers of online ordering, cookie sessions, login attempt counters
 * shared by every server instance, and single-use password reset and email
 * verification tokens. Tokens are only ever stored as keyed hashes; no table
 * holds a raw secret.
 */
import {
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";

import { utcTime, uuidBinary } from "./columns.js";

import { STAFF_ROLES, type StaffRole } from "../accounts.js";

export { STAFF_ROLES, type StaffRole };

export const SUBJECT_KINDS = ["staff", "customer"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The store id of a staff_stores row that grants every store, present and future. */
export const ALL_STORES = "*";

export const staff = mysqlTable(
  "staff",
  {
    id: uuidBinary("id").primaryKey(),
    /** Stored trimmed and lowercased; the unique index is the one source of truth. */
    email: varchar("email", { length: 254 }).notNull(),
    name: varchar("name", { length: 120 }).notNull(),
    role: mysqlEnum("role", STAFF_ROLES).notNull(),
    /** argon2id PHC string; null for roles that only use a counter device (no sign-in). */
    passwordHash: varchar("password_hash", { length: 255 }),
    /** argon2id PHC string of the counter PIN; null until a manager sets one. */
    pinHash: varchar("pin_hash", { length: 255 }),
    createdAt: utcTime("created_at").notNull(),
    disabledAt: utcTime("disabled_at"),
  },
  (t) => [uniqueIndex("staff_email").on(t.email)],
);

/** The stores a staff member works for; store_id "*" (ALL_STORES) means every store. */
export const staffStores = mysqlTable(
  "staff_stores",
  {
    staffId: uuidBinary("staff_id").notNull(),
    storeId: varchar("store_id", { length: 32 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.staffId, t.storeId] }),
    index("staff_stores_store").on(t.storeId),
  ],
);

export const customers = mysqlTable(
  "customers",
  {
    id: uuidBinary("id").primaryKey(),
    /** Lowercased; set to null when the customer is erased (several nulls are allowed). */
    email: varchar("email", { length: 254 }),
    name: varchar("name", { length: 120 }).notNull(),
    phone: varchar("phone", { length: 32 }),
    passwordHash: varchar("password_hash", { length: 255 }),
    createdAt: utcTime("created_at").notNull(),
    erasedAt: utcTime("erased_at"),
    /** When the customer opened the link mailed at sign-up; null until then. */
    emailVerifiedAt: utcTime("email_verified_at"),
  },
  (t) => [uniqueIndex("customers_email").on(t.email)],
);

export const sessions = mysqlTable(
  "sessions",
  {
    /** HMAC-SHA256 (hex) of the cookie's random token, keyed with SESSION_SECRET. */
    id: varchar("id", { length: 64 }).primaryKey(),
    subjectKind: mysqlEnum("subject_kind", SUBJECT_KINDS).notNull(),
    subjectId: uuidBinary("subject_id").notNull(),
    createdAt: utcTime("created_at").notNull(),
    lastSeenAt: utcTime("last_seen_at").notNull(),
    expiresAt: utcTime("expires_at").notNull(),
    revokedAt: utcTime("revoked_at"),
    /** sha256 of the User-Agent header, to tell sessions apart without storing it. */
    userAgentHash: varchar("user_agent_hash", { length: 64 }),
  },
  (t) => [index("sessions_subject").on(t.subjectKind, t.subjectId)],
);

/**
 * Failed sign-ins per account (keyed email) and per client address, in fixed
 * windows. Kept in MySQL so the limits hold across every server instance.
 */
export const loginAttempts = mysqlTable(
  "login_attempts",
  {
    keyKind: mysqlEnum("key_kind", ["account", "address"]).notNull(),
    /** HMAC-SHA256 (hex) of the email or address: no personal data in clear. */
    keyHash: varchar("key_hash", { length: 64 }).notNull(),
    windowStart: utcTime("window_start").notNull(),
    count: int("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyKind, t.keyHash] })],
);

export const passwordResets = mysqlTable(
  "password_resets",
  {
    /** HMAC-SHA256 (hex) of the token sent by mail. */
    tokenHash: varchar("token_hash", { length: 64 }).primaryKey(),
    subjectKind: mysqlEnum("subject_kind", SUBJECT_KINDS).notNull(),
    subjectId: uuidBinary("subject_id").notNull(),
    createdAt: utcTime("created_at").notNull(),
    expiresAt: utcTime("expires_at").notNull(),
    usedAt: utcTime("used_at"),
  },
  (t) => [index("password_resets_subject").on(t.subjectKind, t.subjectId)],
);

/** Single-use email verification links of customers (same shape as password resets). */
export const emailVerifications = mysqlTable(
  "email_verifications",
  {
    /** HMAC-SHA256 (hex) of the token sent by mail. */
    tokenHash: varchar("token_hash", { length: 64 }).primaryKey(),
    customerId: uuidBinary("customer_id").notNull(),
    createdAt: utcTime("created_at").notNull(),
    expiresAt: utcTime("expires_at").notNull(),
    usedAt: utcTime("used_at"),
  },
  (t) => [index("email_verifications_customer").on(t.customerId)],
);
