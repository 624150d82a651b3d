/**
 * Why the counter refused to write a command locally. Nothing is written when
 * one is thrown; the screen shows the translated sentence for its code.
 */
export type CommandErrorCode =
  "not_paired" | "invalid_order" | "order_not_found" | "invalid_transition" | "order_is_ticket";

export class CommandError extends Error {
  override readonly name = "CommandError";

  constructor(
    readonly code: CommandErrorCode,
    message: string,
  ) {
    super(message);
  }
}
