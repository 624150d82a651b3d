/** The checks a new password gets in the page before it goes to the server (which checks again). */
import { PASSWORD_MIN_CHARS } from "@ocpizza/schema";

import type { MessageKey } from "../i18n/fr.js";

/** What is wrong with the new password and its repetition, or null. */
export function newPasswordProblem(password: string, again: string): MessageKey | null {
  if (password.normalize("NFC").trim().length < PASSWORD_MIN_CHARS) {
    return "web.password.tooShort";
  }
  if (password !== again) return "web.password.mismatch";
  return null;
}
