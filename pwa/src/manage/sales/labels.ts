/**
 * Names of the codes the server sends (channel, service mode, payment method,
 * alert kind) in the reader's language; a code this app does not know yet is
 * shown as it is rather than hidden.
 */
import type { MessageKey } from "../../i18n/fr.js";
import { salesFr } from "./words.js";

type Translate = (key: MessageKey) => string;

export function codeLabel(
  t: Translate,
  family: "channel" | "mode" | "method",
  code: string,
): string {
  const key = `sales.${family}.${code}`;
  return key in salesFr ? t(key as MessageKey) : code;
}

export function alertKindLabel(t: Translate, kind: string): string {
  const key = `alerts.kind.${kind}`;
  if (key in salesFr) return t(key as MessageKey);
  return kind.startsWith("journal_") ? `${t("alerts.kind.journal")} (${kind.slice(8)})` : kind;
}
