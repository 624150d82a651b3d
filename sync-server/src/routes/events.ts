/**
 * The device event stream: `GET /api/v1/sync/events` keeps a server-sent
 * event stream open and sends `event: changed` with the store's version
 * whenever it moves, so a counter pulls at once instead of waiting for its
 * next poll. One watcher per process reads the store rows from MySQL, so a
 * push through any server instance reaches streams open on every other.
 * The stream carries only version numbers, never order content.
 */
import { Hono, type Context } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import type { Pool, RowDataPacket } from "mysql2/promise";
import type { Logger } from "pino";

import type { AppEnv, AuthenticatedDevice } from "../http/auth.js";
import { HttpError } from "../http/errors.js";
import type { Shutdown } from "../monitoring/shutdown.js";
import type { RouteDeps } from "./route-deps.js";

export interface EventSettings {
  /** How often the watcher reads the store versions, in ms (default 500). */
  pollMs: number;
  /** How often an idle stream sends a comment line, in ms (default 15 000). */
  heartbeatMs: number;
  /**
   * How long one stream stays open, in ms (default 10 minutes). The client
   * reconnects by itself and is authenticated again: a revoked tablet's
   * stream ends within this time.
   */
  maxStreamMs: number;
  /** How long a client waits before reconnecting, in ms, sent as `retry:` (default 3 000). */
  retryMs: number;
  /** The watcher to use (tests pass their own to observe it); default: one per app. */
  watcher?: StoreVersionWatcher;
}

export const DEFAULT_EVENT_SETTINGS: EventSettings = {
  pollMs: 500,
  heartbeatMs: 15_000,
  maxStreamMs: 10 * 60_000,
  retryMs: 3_000,
};

const STORE_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function eventRoutes(
  deps: RouteDeps,
  options: { settings?: Partial<EventSettings>; shutdown?: Shutdown } = {},
): Hono<AppEnv> {
  const settings = { ...DEFAULT_EVENT_SETTINGS, ...options.settings };
  const watcher =
    settings.watcher ?? new StoreVersionWatcher(deps.pool, settings.pollMs, deps.logger);
  const app = new Hono<AppEnv>();
  const device = deps.access.allow(["device"]);

  app.get("/api/v1/sync/events", device, async (c) => {
    const device = c.get("device")!;
    const storeId = requestedStore(c, device);
    const current = await readStoreVersion(deps.pool, storeId);
    if (options.shutdown?.stopping) {
      throw new HttpError(503, "unavailable", "This server is stopping: reconnect in a moment.");
    }
    // A HEAD (a monitor's check) gets the stream's head only: no stream left open behind it.
    if (c.req.method === "HEAD") {
      return c.body(null, 200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
      });
    }
    return streamSSE(c, (stream) =>
      runStream(stream, { storeId, current, settings, watcher, shutdown: options.shutdown }),
    );
  });

  return app;
}

/** The device's own store; another store is 403, a malformed id 400. */
function requestedStore(c: Context<AppEnv>, device: AuthenticatedDevice): string {
  const asked = c.req.query("storeId");
  if (asked === undefined) return device.storeId;
  if (!STORE_ID.test(asked)) {
    throw new HttpError(
      400,
      "invalid_message",
      `Invalid message: storeId: ${JSON.stringify(asked.slice(0, 40))} is not a store id ` +
        "(lowercase letters, digits, - and _): leave it out to follow this device's store.",
    );
  }
  if (asked !== device.storeId) {
    throw new HttpError(
      403,
      "forbidden",
      `Forbidden: this device belongs to store "${device.storeId}", not "${asked}".`,
    );
  }
  return asked;
}

async function runStream(
  stream: SSEStreamingApi,
  run: {
    storeId: string;
    current: number;
    settings: EventSettings;
    watcher: StoreVersionWatcher;
    shutdown?: Shutdown;
  },
): Promise<void> {
  let sent = run.current;
  const changed = (version: number) =>
    stream.writeSSE({
      event: "changed",
      id: String(version),
      data: JSON.stringify({ storeId: run.storeId, storeVersion: version }),
    });

  // Where the store stands now, so a client that reconnects knows whether to pull.
  await stream.writeSSE({
    event: "changed",
    id: String(sent),
    retry: run.settings.retryMs,
    data: JSON.stringify({ storeId: run.storeId, storeVersion: sent }),
  });

  await new Promise<void>((resolve) => {
    const unsubscribe = run.watcher.subscribe(run.storeId, (version) => {
      if (version === sent) return;
      sent = version;
      changed(version).catch(end);
    });
    const heartbeat = setInterval(() => {
      stream.write(": heartbeat\n\n").catch(end);
    }, run.settings.heartbeatMs);
    const lifetime = setTimeout(end, run.settings.maxStreamMs);
    const stopListening = run.shutdown?.onBegin(end);
    stream.onAbort(end);

    function end() {
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      stopListening?.();
      resolve();
    }
  });
}

async function readStoreVersion(pool: Pool, storeId: string): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>("SELECT version FROM stores WHERE id = ?", [
    storeId,
  ]);
  if (rows.length === 0) {
    throw new HttpError(404, "not_found", `No store "${storeId}": pair this device again.`);
  }
  return Number(rows[0].version);
}

type VersionListener = (version: number) => void;

/**
 * Reads the versions of the stores someone listens to, every `pollMs`, and
 * hands each reading to that store's listeners (who skip what they already
 * sent). It polls only while someone listens. A failed read is logged once
 * per outage and retried at the next tick; streams stay open meanwhile.
 */
export class StoreVersionWatcher {
  private readonly listeners = new Map<string, Set<VersionListener>>();
  private timer: NodeJS.Timeout | null = null;
  private reading = false;
  private failing = false;

  constructor(
    private readonly pool: Pool,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {}

  get listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  get polling(): boolean {
    return this.timer !== null || this.reading;
  }

  subscribe(storeId: string, listener: VersionListener): () => void {
    let set = this.listeners.get(storeId);
    if (!set) this.listeners.set(storeId, (set = new Set()));
    set.add(listener);
    this.schedule();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(storeId);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
    };
  }

  private schedule(): void {
    if (this.timer || this.reading || this.listeners.size === 0) return;
    this.timer = setTimeout(() => void this.tick(), this.pollMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.reading = true;
    const storeIds = [...this.listeners.keys()];
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>(
        "SELECT id, version FROM stores WHERE id IN (?)",
        [storeIds],
      );
      if (this.failing) this.logger.info("event watcher reads the store versions again");
      this.failing = false;
      for (const row of rows) {
        for (const listener of this.listeners.get(row.id) ?? []) listener(Number(row.version));
      }
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, "event watcher cannot read versions");
      this.failing = true;
    }
    this.reading = false;
    this.schedule();
  }
}
