/**
 * Why the schema refused a command, as one of a few reasons the clerk can act
 * on. The screens translate the reason; zod's English text stays in the
 * error's message for developers and is never shown.
 */
import type { z } from "zod";

export const INVALID_ORDER_REASONS = [
  "amount_too_big",
  "too_many_lines",
  "too_many_payments",
  "quantity",
  "customer",
  "text_too_long",
  "other",
] as const;
export type InvalidOrderReason = (typeof INVALID_ORDER_REASONS)[number];

type Issue = Pick<z.core.$ZodIssue, "code" | "path">;

/** The reason of the first issue a clerk can do something about. */
export function invalidOrderReason(issues: readonly Issue[]): InvalidOrderReason {
  for (const issue of issues) {
    const reason = reasonOf(issue);
    if (reason !== "other") return reason;
  }
  return "other";
}

function reasonOf({ code, path }: Issue): InvalidOrderReason {
  const last = String(path.at(-1) ?? "");
  if (path.includes("customer")) return "customer";
  if (last === "quantity") return "quantity";
  if (code !== "too_big") return "other";
  if (last.endsWith("Cents")) return "amount_too_big";
  if (last === "lines") return "too_many_lines";
  if (last === "payments" || last === "refunds") return "too_many_payments";
  return "text_too_long";
}
