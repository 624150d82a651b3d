/**
 * One mutation of a push: handed to the handler of its kind, and its
 * handler's result turned into the outcome the device receives.
 */
import type { Mutation, MutationResult, PushRequest } from "@ocpizza/schema";

import type { ApplyContext, ApplyResult } from "./apply-context.js";
import { applyPay, applyStatus, applyUpdate } from "./apply-changes.js";
import { applyCreate } from "./apply-create.js";
import { applyDeliveryUpdate } from "../delivery/apply-delivery.js";
import { applyLineStatus } from "./apply-kitchen.js";
import {
  applyCreditNote,
  applyShiftCash,
  applyShiftClose,
  applyShiftOpen,
} from "./apply-fiscal.js";

export function applyMutation(ctx: ApplyContext, mutation: PushRequest["mutations"][number]) {
  switch (mutation.kind) {
    case "order.create":
      return applyCreate(ctx, mutation);
    case "order.update":
      return applyUpdate(ctx, mutation);
    case "order.pay":
      return applyPay(ctx, mutation);
    case "order.status":
      return applyStatus(ctx, mutation);
    case "order.line_status":
      return applyLineStatus(ctx, mutation);
    case "delivery.update":
      return applyDeliveryUpdate(ctx, mutation);
    case "order.credit_note":
      return applyCreditNote(ctx, mutation);
    case "shift.open":
      return applyShiftOpen(ctx, mutation);
    case "shift.cash":
      return applyShiftCash(ctx, mutation);
    case "shift.close":
      return applyShiftClose(ctx, mutation);
  }
}

export function orderIdOf(
  mutation: Extract<Mutation, { kind: "order.create" | "order.pay" | "order.status" }>,
) {
  return mutation.kind === "order.create" ? mutation.order.id : mutation.orderId;
}

export function toMutationResult(seq: number, result: ApplyResult): MutationResult {
  switch (result.outcome) {
    case "applied":
      return { seq, outcome: "applied" };
    case "duplicate":
      return { seq, outcome: "duplicate", message: result.message };
    case "flagged":
      return { seq, outcome: "flagged", code: result.flags.join(","), message: result.message };
    case "rejected":
      return { seq, outcome: "rejected", code: result.code, message: result.message };
  }
}
