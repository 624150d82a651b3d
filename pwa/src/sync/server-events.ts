/**
 * Follows the server's device event stream (GET /api/v1/sync/events) and asks
 * the sync engine to pull as soon as the store's version moves past the local
 * cursor, so an online order reaches the counter in about a second instead of
 * at the next poll. Polling stays the fallback: when the stream is down the
 * engine's interval still pulls.
 *
 * It reads the stream with fetch rather than EventSource because the device
 * authenticates with a bearer token and EventSource cannot send headers.
 * Reconnects with backoff and jitter; a stream the server ends (its lifetime,
 * a restart) is reopened at once.
 */
import type { CounterDb } from "../db/database.js";
import type { FetchLike } from "./api.js";
import { backoffDelayMs, type BackoffOptions } from "./backoff.js";
import type { SyncTrigger } from "./engine.js";

export interface ServerEventsOptions {
  db: CounterDb;
  /** The engine, or anything that starts a sync cycle. */
  engine: { requestSync(trigger: SyncTrigger): Promise<void> };
  fetch?: FetchLike;
  /** Origin of the sync server; default "" (same origin). */
  baseUrl?: string;
  /** Reconnect delays: base 1000 ms, cap 30000 ms by default. */
  backoff?: BackoffOptions;
  random?: () => number;
}

interface EventFrame {
  event: string;
  data: string;
}

export class ServerEvents {
  private stopped = true;
  private attempt = 0;
  private controller: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: ServerEventsOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async connect(): Promise<void> {
    const meta = await this.options.db.meta.get("device");
    // Unpaired: nothing to follow; the next start (after pairing) tries again.
    if (!meta?.credential || this.stopped) return;

    this.controller = new AbortController();
    const fetch = this.options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    try {
      const response = await fetch(`${this.options.baseUrl ?? ""}/api/v1/sync/events`, {
        headers: { authorization: `Bearer ${meta.credential.token}`, accept: "text/event-stream" },
        signal: this.controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
      this.attempt = 0;
      await this.read(response.body);
      if (!this.stopped) void this.connect();
    } catch {
      if (!this.stopped) this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    const backoff = { baseMs: 1_000, capMs: 30_000, ...this.options.backoff };
    const delayMs = backoffDelayMs(this.attempt, this.options.random ?? Math.random, backoff);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delayMs);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const frame = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (frame) await this.onFrame(frame);
        end = buffer.indexOf("\n\n");
      }
    }
  }

  private async onFrame(frame: EventFrame): Promise<void> {
    if (frame.event !== "changed") return;
    const storeVersion = versionOf(frame.data);
    const meta = await this.options.db.meta.get("device");
    // The first event says where the store stands: no pull when this tablet is there already.
    if (storeVersion !== null && meta && storeVersion <= meta.storeVersion) return;
    void this.options.engine.requestSync("event");
  }
}

/** One server-sent event: its `event:` and joined `data:` lines; comments are none. */
export function parseFrame(text: string): EventFrame | null {
  let event = "message";
  const data: string[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    if (field === "data") data.push(value);
  }
  return data.length === 0 && event === "message" ? null : { event, data: data.join("\n") };
}

function versionOf(data: string): number | null {
  try {
    const version = (JSON.parse(data) as { storeVersion?: unknown }).storeVersion;
    return typeof version === "number" ? version : null;
  } catch {
    return null;
  }
}
