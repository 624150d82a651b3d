/**
 * The account messages server and clients share: sign-in, password change
 * and reset, customer sign-up, and the rules of emails, names and passwords.
 * Who may do what with a role is the server's business (docs/security.md);
 * this file only names the roles and shapes the staff a manager creates.
 */
import { z } from "zod";

export const STAFF_ROLES = ["manager", "counter", "pizzaiolo", "driver"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The store id that grants every store, present and future. */
export const ALL_STORE_IDS = "*";

export const PASSWORD_MIN_CHARS = 12;
export const PASSWORD_MAX_CHARS = 256;

// Control characters, the bidirectional overrides that make a name read differently, and
// lone surrogates (stored and hashed as U+FFFD, so two different texts would become one).
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cs}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Trimmed and lowercased; at most 254 characters (RFC 5321). */
export const emailSchema = z
  .string()
  .max(254, "must be at most 254 characters")
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.email({ message: "must be an email address like name@example.com" }));

/** A new password: 12 to 256 characters after NFC normalisation, no control characters. */
export const newPasswordSchema = z
  .string()
  .max(PASSWORD_MAX_CHARS * 4, `must be at most ${PASSWORD_MAX_CHARS} characters`)
  .transform((value) => value.normalize("NFC"))
  .pipe(
    z
      .string()
      .min(PASSWORD_MIN_CHARS, `must be at least ${PASSWORD_MIN_CHARS} characters`)
      .max(PASSWORD_MAX_CHARS, `must be at most ${PASSWORD_MAX_CHARS} characters`)
      .refine((value) => !/\p{Cc}/u.test(value), "must not contain control characters")
      .refine((value) => !/\p{Cs}/u.test(value), "must not contain a lone surrogate (\\ud800)")
      .refine((value) => value.trim().length >= PASSWORD_MIN_CHARS, "must not be mostly spaces"),
  );

/** A password given to sign in: only bounded, never judged (older rules may differ). */
export const givenPasswordSchema = z
  .string()
  .min(1, "is empty")
  .max(PASSWORD_MAX_CHARS, `must be at most ${PASSWORD_MAX_CHARS} characters`)
  .transform((value) => value.normalize("NFC"));

export const personNameSchema = z
  .string()
  .max(120, "must be at most 120 characters")
  .transform((value) => value.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, "is empty")
      .refine((value) => !HIDDEN_CHARACTERS.test(value), "must not contain control characters"),
  );

export const phoneSchema = z
  .string()
  .regex(/^\+?[0-9 .()-]{6,32}$/, "must be a phone number like +33 1 23 45 67 89");

/** The random token of a reset link (base64url). */
export const resetTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "must be the token of a reset link");

/** The random token of an email verification link (base64url). */
export const verificationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "must be the token of a verification link");

export const loginRequestSchema = z.object({
  email: emailSchema,
  password: givenPasswordSchema,
  /** Which kind of account; absent, staff is tried first, then customers. */
  account: z.enum(["staff", "customer"]).optional(),
});

export const passwordChangeRequestSchema = z.object({
  currentPassword: givenPasswordSchema,
  newPassword: newPasswordSchema,
});

export const passwordResetRequestSchema = z.object({
  email: emailSchema,
  /** Which kind of account, as in login: one email may have a staff and a customer account. */
  account: z.enum(["staff", "customer"]).optional(),
});

export const passwordResetConfirmSchema = z.object({
  token: resetTokenSchema,
  newPassword: newPasswordSchema,
});

export const customerSignUpSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: personNameSchema,
  phone: phoneSchema.optional(),
});
export type CustomerSignUp = z.infer<typeof customerSignUpSchema>;

/**
 * A staff account created by the operator or a manager of every store:
 * stores are ids, or ["*"] alone for every store; a manager needs a
 * password (it signs in), the other roles may have none (they use a counter).
 */
/** The stores of a staff member: ids, or ["*"] alone for every store. */
export const staffStoreIdsSchema = z
  .array(z.string().trim().min(1).max(32))
  .min(1, 'must name at least one store (or ["*"] for every store)')
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, "must not repeat a store")
  .refine(
    (ids) => !ids.includes(ALL_STORE_IDS) || ids.length === 1,
    'must be ["*"] alone when it grants every store',
  );

export const staffCreateRequestSchema = z
  .object({
    email: emailSchema,
    name: personNameSchema,
    role: z.enum(STAFF_ROLES),
    storeIds: staffStoreIdsSchema,
    password: newPasswordSchema.optional(),
  })
  .strict()
  .refine((r) => r.role !== "manager" || r.password !== undefined, {
    message: "is required for a manager (who signs in)",
    path: ["password"],
  });
export type StaffCreateRequest = z.infer<typeof staffCreateRequestSchema>;

/**
 * A change to a staff account: any of name, role, stores and whether it is
 * disabled; at least one. Email and password stay the account's own
 * (password reset by mail).
 */
export const staffUpdateRequestSchema = z
  .object({
    name: personNameSchema.optional(),
    role: z.enum(STAFF_ROLES).optional(),
    storeIds: staffStoreIdsSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((r) => Object.values(r).some((value) => value !== undefined), {
    message: "must change at least one of name, role, storeIds, disabled",
  });
export type StaffUpdateRequest = z.infer<typeof staffUpdateRequestSchema>;

/** What a staff list shows of an account: never a password hash. */
export interface StaffListing {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  storeIds: string[];
  hasPassword: boolean;
  disabled: boolean;
  createdAtMs: number;
}

export const verifyEmailRequestSchema = z.object({ token: verificationTokenSchema });

export const verificationResendRequestSchema = z.object({ email: emailSchema });

/** Erasing one's own customer account: the password again, so a left-open session cannot. */
export const accountEraseRequestSchema = z.object({ password: givenPasswordSchema });

/** `GET /api/v1/auth/me`: who is signed in. */
export interface MeResponse {
  account: {
    kind: "staff" | "customer";
    id: string;
    email: string;
    name: string;
    role?: StaffRole;
    storeIds?: string[];
    /** Customers only: whether the sign-up mail's link was opened. */
    emailVerified?: boolean;
  };
  expiresAtMs: number;
}
