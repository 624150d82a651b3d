/**
 * A failed call as a sentence for the person in front of the page: known
 * codes get the page's own words (`known`), a refused rate gets its wait, an
 * unreachable server says so, anything else shows the server's message.
 */
import type { I18n } from "../i18n/i18n.js";
import type { MessageKey } from "../i18n/fr.js";
import { ApiError, NetworkError } from "./api.js";

export function errorText(
  t: I18n["t"],
  error: unknown,
  known: Partial<Record<string, MessageKey>> = {},
): string {
  if (error instanceof NetworkError) return t("web.networkError");
  if (error instanceof ApiError) {
    const key = known[error.code] ?? known[String(error.status)];
    if (key) return t(key);
    if (error.code === "rate_limited") {
      const seconds = Math.ceil((error.retryAfterMs ?? 60_000) / 1000);
      return t("web.rateLimited", { seconds });
    }
    return t("web.error", { message: error.message });
  }
  return t("web.error", { message: error instanceof Error ? error.message : String(error) });
}
