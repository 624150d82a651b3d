/**
 * The counter's Terminal calls over a fake fetch: the device's credential is
 * sent, a refusal becomes an ApiError carrying the failure key and the French
 * sentence, and a server not reached becomes a NetworkError (go offline).
 */
import { describe, expect, it } from "vitest";

import { ApiError, NetworkError } from "../sync/api.js";
import { createTerminalApi, isFinal, type TerminalCheckout } from "./terminal-api.js";

const checkout: TerminalCheckout = {
  id: "chk1",
  orderId: "01a2428c-0751-711a-9a98-09f0f54f8c81",
  status: "PENDING",
  cancelReason: null,
  amountCents: 1325,
  squarePaymentId: null,
  deadlineAtMs: 0,
};

function answering(status: number, body: unknown, seen: RequestInit[] = []) {
  return (async (_url: string, init?: RequestInit) => {
    seen.push(init ?? {});
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

describe("the Terminal calls", () => {
  it("start with the device's credential and give the checkout", async () => {
    const seen: RequestInit[] = [];
    const api = createTerminalApi("tok-1", answering(201, { checkout }, seen));
    const started = await api.start({
      orderId: checkout.orderId,
      amountCents: 1325,
      idempotencyKey: "k",
    });
    expect(started).toEqual(checkout);
    expect((seen[0].headers as Record<string, string>).authorization).toBe("Bearer tok-1");
  });

  it("turn a refusal into an ApiError with the key and the French sentence", async () => {
    const body = {
      error: {
        code: "payment_unavailable",
        message: "This counter has no Square Terminal yet.",
        key: "terminal_not_assigned",
        fr: "Ce poste n'a pas encore de terminal Square.",
      },
    };
    const api = createTerminalApi("tok", answering(422, body));
    const failure = await api.follow("chk1").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).details).toMatchObject({ key: "terminal_not_assigned" });
    expect((failure as ApiError).details.fr).toMatch(/terminal Square/);
    expect((failure as ApiError).transient).toBe(false);
  });

  it("say NetworkError when the server is not reached", async () => {
    const down = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const failure = await createTerminalApi("tok", down)
      .cancel("chk1")
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NetworkError);
  });

  it("know when a checkout has ended", () => {
    expect(isFinal(checkout)).toBe(false);
    expect(isFinal({ ...checkout, status: "CANCELED", cancelReason: "TIMED_OUT" })).toBe(true);
    expect(isFinal({ ...checkout, status: "COMPLETED" })).toBe(true);
  });
});
