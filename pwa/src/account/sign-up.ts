/**
 * The checks the sign-up form runs before anything leaves the page: each
 * field against the rule the server applies (schema/src/accounts.ts), plus
 * the repeated password. The server checks again; this only says sooner and
 * in the customer's language what to correct.
 */
import {
  emailSchema,
  newPasswordSchema,
  personNameSchema,
  phoneSchema,
  type CustomerSignUp,
} from "@ocpizza/schema";

import type { MessageKey } from "../i18n/fr.js";
import { newPasswordProblem } from "../manage/new-password.js";

export interface SignUpForm {
  name: string;
  email: string;
  password: string;
  again: string;
  /** Empty when the customer gives none: it is optional. */
  phone: string;
}

export type SignUpField = "name" | "email" | "password" | "phone";

export type SignUpCheck =
  | { ok: true; request: CustomerSignUp }
  | { ok: false; problems: Partial<Record<SignUpField, MessageKey>> };

export function checkSignUp(form: SignUpForm): SignUpCheck {
  const problems: Partial<Record<SignUpField, MessageKey>> = {};
  if (!personNameSchema.safeParse(form.name).success) problems.name = "signup.badName";
  if (!emailSchema.safeParse(form.email).success) problems.email = "signup.badEmail";

  // The length first (what most people hit), then the rarer refusals, then the repetition.
  const passwordProblem = newPasswordProblem(form.password, form.again);
  if (passwordProblem === "web.password.tooShort") problems.password = "signup.tooShort";
  else if (!newPasswordSchema.safeParse(form.password).success) {
    problems.password = "signup.badPassword";
  } else if (passwordProblem) problems.password = "signup.mismatch";

  const phone = form.phone.trim();
  if (phone && !phoneSchema.safeParse(phone).success) problems.phone = "signup.badPhone";

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      name: form.name.trim(),
      email: form.email.trim(),
      password: form.password,
      ...(phone ? { phone } : {}),
    },
  };
}
