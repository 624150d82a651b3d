/**
 * Proving a customer's mailbox: a single-use token (stored as its keyed hash)
 * mailed as a link to PUBLIC_URL/verify-email at sign-up or on request;
 * confirming it sets customers.email_verified_at. An unverified customer may
 * still sign in and order (docs/security.md says why); only the proof is missing.
 */
import type { Pool } from "mysql2/promise";
import { and, eq, gt, isNull } from "drizzle-orm";

import { customers, emailVerifications } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { inTransaction } from "../db/transaction.js";
import { HttpError } from "../http/errors.js";
import { keyedHash, randomToken } from "./auth-settings.js";
import type { Mail } from "./mailer.js";

/** The page of the app that reads `?token=` and posts it to /api/v1/auth/verify-email. */
export const VERIFY_PAGE_PATH = "/verify-email";

export interface VerificationOptions {
  nowMs: number;
  ttlMs: number;
  publicUrl: string;
}

/** Stores a new token for the customer and returns the link to mail. */
export async function createVerificationLink(
  db: Database,
  secret: string,
  customerId: string,
  options: VerificationOptions,
): Promise<string> {
  const token = randomToken();
  await db.insert(emailVerifications).values({
    tokenHash: keyedHash(secret, "verify-email", token),
    customerId,
    createdAt: new Date(options.nowMs),
    expiresAt: new Date(options.nowMs + options.ttlMs),
  });
  return `${options.publicUrl}${VERIFY_PAGE_PATH}?token=${token}`;
}

export function verificationMail(
  to: string,
  name: string,
  link: string,
  options: { ttlMs: number; welcome: boolean },
): Mail {
  const hours = Math.round(options.ttlMs / 3_600_000);
  const opening = options.welcome
    ? "Your OC Pizza account is ready and you can order already."
    : "Here is a new link to confirm the address of your OC Pizza account.";
  return {
    to,
    subject: options.welcome ? "OC Pizza: welcome" : "OC Pizza: confirm your email",
    text:
      `Hello ${name},\n\n${opening} To confirm that this address is yours, open this ` +
      `link within ${hours} hours:\n\n${link}\n\nIt works once. If you did not create ` +
      "an account, ignore this mail.\n",
  };
}

/** The customer, when it exists, is not erased and has not confirmed its email yet. */
export async function findUnverifiedCustomer(
  db: Database,
  email: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(
      and(
        eq(customers.email, email),
        isNull(customers.erasedAt),
        isNull(customers.emailVerifiedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Consumes the token and marks the email verified; 400 when unknown, expired or used. */
export async function confirmVerification(
  pool: Pool,
  secret: string,
  token: string,
  nowMs: number,
): Promise<{ customerId: string }> {
  const tokenHash = keyedHash(secret, "verify-email", token);
  const now = new Date(nowMs);

  return inTransaction(pool, { isolation: "READ COMMITTED" }, async ({ db }) => {
    // Flipping used_at is the check: only one request can consume the token.
    const [claim] = await db
      .update(emailVerifications)
      .set({ usedAt: now })
      .where(
        and(
          eq(emailVerifications.tokenHash, tokenHash),
          isNull(emailVerifications.usedAt),
          gt(emailVerifications.expiresAt, now),
        ),
      );
    if (claim.affectedRows !== 1) throw invalidToken();

    const [row] = await db
      .select({ customerId: emailVerifications.customerId })
      .from(emailVerifications)
      .where(eq(emailVerifications.tokenHash, tokenHash));
    // An erased customer's tokens are deleted; this guards a race with the erasure.
    const [marked] = await db
      .update(customers)
      .set({ emailVerifiedAt: now })
      .where(and(eq(customers.id, row.customerId), isNull(customers.erasedAt)));
    if (marked.affectedRows !== 1) throw invalidToken();
    return row;
  });
}

function invalidToken(): HttpError {
  return new HttpError(
    400,
    "verification_token_invalid",
    "This confirmation link is unknown, expired or already used: ask for a new one " +
      "from your account page.",
  );
}
