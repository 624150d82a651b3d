/**
 * The HTTP calls the counter makes to the sync server, over an injectable
 * fetch (the unit tests pass an in-memory fake). Failures have shape: an
 * ApiError carries the server's status, code and message; a NetworkError
 * means the server was not reached at all.
 */
import {
  isErrorBody,
  PROTOCOL_VERSION,
  type CounterStaffList,
  type PinCheckAnswer,
  type PinCheckRequest,
  type PairRequest,
  type PairResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from "@ocpizza/schema";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** From a Retry-After header, in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  /** Worth retrying later: the server or something in between failed, not the request. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

export class NetworkError extends Error {
  override readonly name = "NetworkError";

  constructor(cause: unknown) {
    super("the sync server could not be reached", { cause });
  }
}

export interface ApiOptions {
  fetch: FetchLike;
  /** Origin of the sync server; "" means the app's own origin. */
  baseUrl?: string;
}

export interface PullParams {
  since: number;
  menuVersion: number;
  limit: number;
}

export function createApi({ fetch, baseUrl = "" }: ApiOptions) {
  async function call<T>(path: string, init: RequestInit, token?: string): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (init.body) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { ...init, headers, cache: "no-store" });
    } catch (error) {
      throw new NetworkError(error);
    }

    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return body as T;
    throw toApiError(response, body);
  }

  return {
    pair: (request: PairRequest) =>
      call<PairResponse>("/api/v1/devices/pair", { method: "POST", body: JSON.stringify(request) }),

    push: (request: PushRequest, token: string) =>
      call<PushResponse>(
        "/api/v1/sync/push",
        { method: "POST", body: JSON.stringify(request) },
        token,
      ),

    pull: ({ since, menuVersion, limit }: PullParams, token: string) => {
      const query = new URLSearchParams({
        protocol: String(PROTOCOL_VERSION),
        since: String(since),
        menuVersion: String(menuVersion),
        limit: String(limit),
      });
      return call<PullResponse>(`/api/v1/sync/pull?${query}`, { method: "GET" }, token);
    },

    /** The store's active staff who have a PIN (for the sign-in dialog). */
    staff: (token: string) =>
      call<CounterStaffList>("/api/v1/devices/me/staff", { method: "GET" }, token),

    /** Checks a PIN with the server: 401 when wrong, 429 past the per-device limit. */
    pinCheck: (request: PinCheckRequest, token: string) =>
      call<PinCheckAnswer>(
        "/api/v1/devices/me/pin-check",
        { method: "POST", body: JSON.stringify(request) },
        token,
      ),
  };
}

export type SyncApi = ReturnType<typeof createApi>;

function toApiError(response: Response, body: unknown): ApiError {
  const retryAfter = Number(response.headers.get("retry-after"));
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null;
  if (isErrorBody(body)) {
    const { code, message, ...details } = body.error;
    return new ApiError(response.status, code, message, details, retryAfterMs);
  }
  const code = response.status >= 500 ? "unavailable" : "invalid_message";
  return new ApiError(response.status, code, `HTTP ${response.status}`, {}, retryAfterMs);
}
