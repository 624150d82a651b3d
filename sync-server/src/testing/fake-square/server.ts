/**
 * A fake Square on 127.0.0.1 (random port) for tests and the demo: the v2
 * endpoints we call, Bearer token checked, Square-Version accepted,
 * idempotency as Square keeps it (same key and body: the same answer; same
 * key, other body: 400 IDEMPOTENCY_KEY_REUSED), error bodies
 * {errors: [{category, code, detail, field}]}, signed webhooks, and faults a
 * test can ask for: drop the answer after acting, or answer late.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { FakeSquareState, squareErrors, type Answer, type Json } from "./state.js";
import { WebhookSender, type WebhookSettings } from "./webhooks.js";

export interface FakeSquareOptions {
  /** The Bearer token the fake accepts (default "fake-square-token"). */
  accessToken?: string;
  /** Location of every Terminal (default LFAKE0000000); deviceLocations overrides per device. */
  defaultLocationId?: string;
  deviceLocations?: Record<string, string>;
  webhooks?: WebhookSettings | null;
  /** The fake's clock in epoch ms (default Date.now): payments are dated with it. */
  now?: () => number;
  /** Most payments per list page (default 100, Square's maximum). */
  pageSize?: number;
  /** Port on 127.0.0.1 (default 0: a free one). */
  port?: number;
}

/** A fault for the next request matching `route` ("POST /v2/payments"). */
export interface Fault {
  route: string;
  /** drop: act, then close the socket unanswered; delay: act, answer after delayMs. */
  kind: "drop" | "delay";
  delayMs?: number;
}

export interface FakeSquare {
  url: string;
  accessToken: string;
  state: FakeSquareState;
  webhooks: WebhookSender;
  /** Requests seen, as "METHOD /path" (query left out). */
  requests: string[];
  injectFault(fault: Fault): void;
  setPageSize(size: number): void;
  /** Plays out the open Terminal checkouts and completes pending refunds, then sends webhooks. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

export async function startFakeSquare(options: FakeSquareOptions = {}): Promise<FakeSquare> {
  const accessToken = options.accessToken ?? "fake-square-token";
  const now = options.now ?? Date.now;
  const webhooks = new WebhookSender(options.webhooks ?? null, () => new Date(now()).toISOString());
  const defaultLocation = options.defaultLocationId ?? "LFAKE0000000";
  const state = new FakeSquareState(
    webhooks,
    now,
    (deviceId) => options.deviceLocations?.[deviceId] ?? defaultLocation,
  );
  const remembered = new Map<string, { hash: string; answer: Answer }>();
  const faults: Fault[] = [];
  const requests: string[] = [];
  let pageSize = options.pageSize ?? 100;

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent)
        send(response, squareErrors(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "Fake failed."));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake.square");
    const route = `${request.method} ${url.pathname}`;
    requests.push(route);
    if (request.headers.authorization !== `Bearer ${accessToken}`) {
      const answer = squareErrors(
        401,
        "AUTHENTICATION_ERROR",
        "UNAUTHORIZED",
        "This request could not be authorized.",
      );
      return send(response, answer);
    }
    const text = await readBody(request);
    let body: Json = {};
    if (text !== "") {
      try {
        body = JSON.parse(text) as Json;
      } catch {
        return send(
          response,
          squareErrors(400, "INVALID_REQUEST_ERROR", "INVALID_CONTENT_TYPE", "Body is not JSON."),
        );
      }
    }

    const answer = route.startsWith("POST ")
      ? idempotent(route, body, () => dispatch(request.method!, url, body))
      : dispatch(request.method!, url, body);
    const index = faults.findIndex((fault) => fault.route === routeShape(route));
    const fault = index >= 0 ? faults.splice(index, 1)[0] : null;
    if (fault?.kind === "drop") {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    send(response, answer);
  }

  /** Square keeps each key's answer: the same body gets it again, another body an error. */
  function idempotent(route: string, body: Json, act: () => Answer): Answer {
    const key = body.idempotency_key;
    if (typeof key !== "string" || key === "") return act();
    const scope = `${routeShape(route)}|${key}`;
    const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    const seen = remembered.get(scope);
    if (seen) {
      if (seen.hash === hash) return seen.answer;
      return squareErrors(
        400,
        "INVALID_REQUEST_ERROR",
        "IDEMPOTENCY_KEY_REUSED",
        "The idempotency key can only be retried with the same request data.",
        "idempotency_key",
      );
    }
    const answer = act();
    remembered.set(scope, { hash, answer });
    return answer;
  }

  function dispatch(method: string, url: URL, body: Json): Answer {
    const parts = url.pathname.split("/").filter(Boolean);
    const path = `/${parts.join("/")}`;
    if (method === "POST" && path === "/v2/payments") return state.createPayment(body);
    if (method === "GET" && path === "/v2/payments")
      return state.listPayments(url.searchParams, pageSize);
    if (method === "GET" && parts[1] === "payments" && parts.length === 3) {
      return state.getPayment(parts[2]);
    }
    if (method === "POST" && path === "/v2/refunds") return state.refundPayment(body);
    if (method === "POST" && path === "/v2/terminals/checkouts") return state.createCheckout(body);
    if (parts[1] === "terminals" && parts[2] === "checkouts" && parts.length >= 4) {
      if (method === "GET" && parts.length === 4) return state.getCheckout(parts[3]);
      if (method === "POST" && parts[4] === "cancel") return state.cancelCheckout(parts[3]);
    }
    return squareErrors(
      404,
      "INVALID_REQUEST_ERROR",
      "NOT_FOUND",
      `No endpoint ${method} ${path}.`,
    );
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () =>
      resolve((server.address() as AddressInfo).port),
    );
  });

  return {
    url: `http://127.0.0.1:${port}`,
    accessToken,
    state,
    webhooks,
    requests,
    injectFault: (fault) => faults.push(fault),
    setPageSize: (size) => {
      pageSize = size;
    },
    async settle() {
      state.settleCheckouts();
      state.settleRefunds();
      await webhooks.flush();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** "POST /v2/terminals/checkouts/abc/cancel" -> "POST /v2/terminals/checkouts/{id}/cancel". */
function routeShape(route: string): string {
  return route.replace(/^(\w+ \/v2\/(?:payments|refunds|terminals\/checkouts))\/[^/]+/, "$1/{id}");
}

function send(response: ServerResponse, answer: Answer): void {
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { "content-type": "application/json" });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_BODY_BYTES) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
