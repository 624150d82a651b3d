/**
 * Reading accounts: a staff member or customer by email (staff first, or the
 * kind asked for) and by id, with what `GET me` shows. Disabled staff and
 * erased customers are not found, so they cannot sign in or reset.
 */
import { and, eq, isNull } from "drizzle-orm";

import type { SubjectKind, StaffRole } from "@ocpizza/schema/db";
import { customers, staff, staffStores } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";

export interface Account {
  kind: SubjectKind;
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
}

export interface Profile {
  kind: SubjectKind;
  id: string;
  email: string;
  name: string;
  /** Staff only. */
  role?: StaffRole;
  /** Staff only: store ids, or ["*"] for every store. */
  storeIds?: string[];
  /** Customers only: whether the link mailed at sign-up was opened. */
  emailVerified?: boolean;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findAccountByEmail(
  db: Database,
  email: string,
  kind?: SubjectKind,
): Promise<Account | null> {
  if (kind !== "customer") {
    const [row] = await db
      .select({ id: staff.id, email: staff.email, name: staff.name, hash: staff.passwordHash })
      .from(staff)
      .where(and(eq(staff.email, email), isNull(staff.disabledAt)))
      .limit(1);
    if (row) return { kind: "staff", ...pick(row) };
  }
  if (kind !== "staff") {
    const [row] = await db
      .select({
        id: customers.id,
        email: customers.email,
        name: customers.name,
        hash: customers.passwordHash,
      })
      .from(customers)
      .where(and(eq(customers.email, email), isNull(customers.erasedAt)))
      .limit(1);
    if (row?.email) return { kind: "customer", ...pick({ ...row, email: row.email }) };
  }
  return null;
}

export async function findAccountById(
  db: Database,
  kind: SubjectKind,
  id: string,
): Promise<Account | null> {
  if (kind === "staff") {
    const [row] = await db
      .select({ id: staff.id, email: staff.email, name: staff.name, hash: staff.passwordHash })
      .from(staff)
      .where(and(eq(staff.id, id), isNull(staff.disabledAt)));
    return row ? { kind, ...pick(row) } : null;
  }
  const [row] = await db
    .select({
      id: customers.id,
      email: customers.email,
      name: customers.name,
      hash: customers.passwordHash,
    })
    .from(customers)
    .where(and(eq(customers.id, id), isNull(customers.erasedAt)));
  return row?.email ? { kind, ...pick({ ...row, email: row.email }) } : null;
}

export async function loadProfile(db: Database, account: Account): Promise<Profile> {
  const profile: Profile = {
    kind: account.kind,
    id: account.id,
    email: account.email,
    name: account.name,
  };
  if (account.kind === "customer") {
    const [row] = await db
      .select({ verifiedAt: customers.emailVerifiedAt })
      .from(customers)
      .where(eq(customers.id, account.id));
    return { ...profile, emailVerified: row?.verifiedAt != null };
  }

  const [row] = await db.select({ role: staff.role }).from(staff).where(eq(staff.id, account.id));
  const stores = await db
    .select({ storeId: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, account.id));
  return { ...profile, role: row.role, storeIds: stores.map((s) => s.storeId).sort() };
}

export async function setPasswordHash(
  db: Database,
  kind: SubjectKind,
  id: string,
  passwordHash: string,
): Promise<void> {
  if (kind === "staff") {
    await db.update(staff).set({ passwordHash }).where(eq(staff.id, id));
  } else {
    await db.update(customers).set({ passwordHash }).where(eq(customers.id, id));
  }
}

function pick(row: { id: string; email: string; name: string; hash: string | null }) {
  return { id: row.id, email: row.email, name: row.name, passwordHash: row.hash };
}
