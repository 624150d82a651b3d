import type { InvalidOrderReason } from "./invalid-order.js";

/**
 * Why the counter refused to write a command locally. Nothing is written when
 * one is thrown; the screen shows the translated sentence for its code.
 */
export type CommandErrorCode =
  | "not_paired"
  | "invalid_order"
  | "order_not_found"
  | "invalid_transition"
  | "order_is_ticket"
  | "no_open_shift"
  | "shift_already_open"
  | "ticket_not_here"
  | "already_credited"
  | "not_signed_in"
  | "manager_required";

export class CommandError extends Error {
  override readonly name = "CommandError";

  constructor(
    readonly code: CommandErrorCode,
    message: string,
    /** For invalid_order: what the clerk can fix (the message is the schema's, in English). */
    readonly reason?: InvalidOrderReason,
  ) {
    super(message);
  }
}
