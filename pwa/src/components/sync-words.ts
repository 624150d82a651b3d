/**
 * Turning sync state into what staff read: the badge's connection word, and a
 * sentence for a sync error or a rejected command. Pure, so it is tested.
 */
import type { I18n } from "../i18n/i18n.js";
import type { MessageKey } from "../i18n/fr.js";
import type { SyncProblem, SyncStatus } from "../sync/status.js";

export type BadgeConnection = "online" | "offline" | "unavailable" | "halted";

/** Online only when the browser has a network AND the last request reached the server. */
export function badgeConnection(navigatorOnline: boolean, status: SyncStatus): BadgeConnection {
  if (status.halted) return "halted";
  if (!navigatorOnline || status.connection === "offline") return "offline";
  if (status.connection === "unavailable") return "unavailable";
  return "online";
}

export function describeProblem(t: I18n["t"], problem: SyncProblem): string {
  switch (problem.code) {
    case "network":
      return t("sync.error.network");
    case "unavailable":
    case "internal":
      return t("sync.error.unavailable");
    case "unauthorized":
      return t("sync.error.unauthorized");
    case "unsupported_protocol":
      return t("sync.error.unsupported_protocol");
    case "device":
      return t("sync.error.device", { message: problem.message });
    default:
      return problem.status >= 500
        ? t("sync.error.unavailable")
        : t("sync.error.other", { code: problem.code, message: problem.message });
  }
}

const REJECTION_KEYS: Record<string, MessageKey> = {
  invalid_transition: "reject.invalid_transition",
  order_is_ticket: "reject.order_is_ticket",
  unknown_order: "reject.unknown_order",
  foreign_order: "reject.foreign_order",
};

/** "changement d'état impossible", with the server's own sentence after it when `detailed`. */
export function describeRejection(
  t: I18n["t"],
  rejection: { code: string; message: string },
  detailed = true,
): string {
  const key = REJECTION_KEYS[rejection.code];
  const reason = key ? t(key) : rejection.code;
  return detailed && rejection.message ? `${reason} (${rejection.message})` : reason;
}
