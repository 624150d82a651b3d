/**
 * Card at the counter through a Square Terminal: which Terminal a counter
 * uses (set by a manager), sending a checkout to it, following it to
 * completed, canceled or timed out (webhooks, or asking Square), and
 * cancelling it when staff ask. The counter names each checkout request with
 * an id it keeps, so a retry after a lost answer reaches the same checkout.
 */
import { eq } from "drizzle-orm";

import type { CardFailureKey } from "@ocpizza/schema";
import { squareTerminals, terminalCheckouts } from "@ocpizza/schema/db";

import type { Database } from "../db/connection.js";
import { classifyDbError } from "../db/errors.js";
import { applyTerminalCheckout } from "./records.js";
import type { SquareDeps } from "./square-deps.js";
import {
  cancelTerminalCheckout,
  createTerminalCheckout,
  getTerminalCheckout,
  type SquareResult,
  type TerminalCheckoutView,
} from "./square/square-api.js";

/** Minutes the customer has to pay on the Terminal (Square's deadline_duration; default 5). */
export const CHECKOUT_DEADLINE_MIN = 5;

export type CheckoutResult =
  | { outcome: "checkout"; checkout: CheckoutState }
  | { outcome: "refused"; key: CardFailureKey; code: string }
  | { outcome: "unknown"; key: "card_payment_unknown" };

export interface CheckoutState {
  id: string;
  orderId: string;
  status: string;
  cancelReason: string | null;
  amountCents: number;
  squarePaymentId: string | null;
  deadlineAtMs: number;
}

/** A manager assigns a Square Terminal to a counter device (replacing any earlier one). */
export async function assignTerminal(
  db: Database,
  input: { deviceId: string; storeId: string; squareDeviceId: string },
  now: Date,
): Promise<void> {
  await db
    .insert(squareTerminals)
    .values({ ...input, updatedAt: now })
    .onDuplicateKeyUpdate({
      set: { storeId: input.storeId, squareDeviceId: input.squareDeviceId, updatedAt: now },
    });
}

export interface StartCheckoutInput {
  /** The counter's own id for this request; the same id on a retry reaches the same checkout. */
  requestId: string;
  orderId: string;
  storeId: string;
  /** Our counter device; its assigned Square Terminal takes the checkout. */
  deviceId: string;
  amountCents: number;
}

export async function startCheckout(
  deps: SquareDeps,
  input: StartCheckoutInput,
): Promise<CheckoutResult> {
  const [terminal] = await deps.db
    .select()
    .from(squareTerminals)
    .where(eq(squareTerminals.deviceId, input.deviceId));
  if (!terminal || terminal.storeId !== input.storeId) {
    return { outcome: "refused", key: "terminal_not_assigned", code: "NO_TERMINAL" };
  }
  const idempotencyKey = `checkout:${input.requestId}`;
  const request = {
    deviceId: terminal.squareDeviceId,
    amountCents: input.amountCents,
    orderId: input.orderId,
    idempotencyKey,
    deadlineDuration: `PT${CHECKOUT_DEADLINE_MIN}M`,
  };
  let result = await createTerminalCheckout(deps.client, request);
  if (!result.ok && result.failure.kind === "unknown") {
    result = await createTerminalCheckout(deps.client, request);
  }
  if (!result.ok) {
    if (result.failure.kind === "unknown")
      return { outcome: "unknown", key: "card_payment_unknown" };
    return { outcome: "refused", key: result.failure.key, code: result.failure.code };
  }

  const view = result.value;
  const now = new Date(deps.now());
  const createdMs = view.createdAtMs || deps.now();
  try {
    await deps.db.insert(terminalCheckouts).values({
      id: view.id,
      storeId: input.storeId,
      orderId: input.orderId,
      deviceId: input.deviceId,
      squareDeviceId: terminal.squareDeviceId,
      amountCents: view.amountCents,
      status: view.status,
      cancelReason: view.cancelReason,
      idempotencyKey,
      deadlineAt: new Date(createdMs + CHECKOUT_DEADLINE_MIN * 60_000),
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    // The same request again: Square answered the same checkout, already recorded.
    if (classifyDbError(error) !== "duplicate_key") throw error;
    await applyTerminalCheckout(deps.db, view, now);
  }
  return checkoutState(deps.db, view.id);
}

/** Asks Square where a checkout is (when no webhook came), and records it. */
export async function refreshCheckout(
  deps: SquareDeps,
  checkoutId: string,
): Promise<CheckoutResult> {
  return follow(deps, checkoutId, await getTerminalCheckout(deps.client, checkoutId));
}

/** Staff cancel a checkout still waiting on the Terminal. */
export async function cancelCheckout(
  deps: SquareDeps,
  checkoutId: string,
): Promise<CheckoutResult> {
  return follow(deps, checkoutId, await cancelTerminalCheckout(deps.client, checkoutId));
}

/** Our record of a checkout, as the counter shows it. */
export async function checkoutState(db: Database, checkoutId: string): Promise<CheckoutResult> {
  const [row] = await db
    .select()
    .from(terminalCheckouts)
    .where(eq(terminalCheckouts.id, checkoutId));
  if (!row) return { outcome: "refused", key: "card_not_found", code: "NOT_FOUND" };
  return {
    outcome: "checkout",
    checkout: {
      id: row.id,
      orderId: row.orderId,
      status: row.status,
      cancelReason: row.cancelReason,
      amountCents: row.amountCents,
      squarePaymentId: row.squarePaymentId,
      deadlineAtMs: row.deadlineAt.getTime(),
    },
  };
}

async function follow(
  deps: SquareDeps,
  checkoutId: string,
  result: SquareResult<TerminalCheckoutView>,
): Promise<CheckoutResult> {
  if (!result.ok) {
    if (result.failure.kind === "unknown")
      return { outcome: "unknown", key: "card_payment_unknown" };
    return { outcome: "refused", key: result.failure.key, code: result.failure.code };
  }
  await applyTerminalCheckout(deps.db, result.value, new Date(deps.now()));
  return checkoutState(deps.db, checkoutId);
}
