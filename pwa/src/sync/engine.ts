/**
 * The sync engine: one per tab, but only one tab pushes at a time (Web Locks).
 * It runs a cycle (push, pull, purge) after each local write, when the network
 * comes back, when the app becomes visible and on an interval; it backs off
 * with jitter on transient failures and stops on a refused request. No React here.
 */
import type { CounterDb } from "../db/database.js";
import { ApiError, createApi, NetworkError, type FetchLike, type SyncApi } from "./api.js";
import { backoffDelayMs, type BackoffOptions } from "./backoff.js";
import { pullChanges } from "./pull.js";
import { pushOutbox } from "./push.js";
import { purgeExpired } from "./retention.js";
import { StatusStore, type SyncProblem } from "./status.js";

/** The part of the Web Locks API the engine uses (navigator.locks in a browser). */
export interface LockManagerLike {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
}

/** Where `online` and `visibilitychange` come from; the browser's window and document. */
export interface SyncEnvironment {
  window: Pick<Window, "addEventListener" | "removeEventListener">;
  document: Pick<Document, "addEventListener" | "removeEventListener" | "visibilityState">;
}

export interface SyncEngineOptions {
  db: CounterDb;
  /** Sent in every push (the server logs it per device). */
  appVersion: string;
  /** Transport; default the global fetch. */
  fetch?: FetchLike;
  /** Origin of the sync server; default "" (same origin). */
  baseUrl?: string;
  /** Time between background cycles, in ms. Default 5000. */
  intervalMs?: number;
  /** Mutations per push request. Default 200 (the server accepts up to 500). */
  batchSize?: number;
  /** Orders per pull page. Default 200 (the server accepts 1 to 1000). */
  pullLimit?: number;
  /** Days confirmed outbox entries are kept for a server restored from a backup. Default 7. */
  retentionDays?: number;
  /** Retry delays after a transient failure: base 1000 ms, cap 60000 ms by default. */
  backoff?: BackoffOptions;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  now?: () => number;
  /** Cross-tab lock; default navigator.locks, or an in-tab lock when absent. */
  locks?: LockManagerLike | null;
  /** Event sources for the triggers; default window and document when they exist. */
  environment?: SyncEnvironment | null;
}

/** "event": the server's event stream said the store changed (sync/server-events.ts). */
export type SyncTrigger =
  "write" | "online" | "visible" | "interval" | "retry" | "manual" | "start" | "event";

const LOCK_NAME = "ocpizza-sync";

export class SyncEngine {
  readonly status = new StatusStore();
  private readonly api: SyncApi;
  private readonly options: Required<
    Pick<SyncEngineOptions, "intervalMs" | "batchSize" | "pullLimit" | "retentionDays">
  >;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly locks: LockManagerLike;
  private readonly environment: SyncEnvironment | null;

  private running: Promise<void> | null = null;
  private rerun = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private intervalTimer: ReturnType<typeof setInterval> | null = null;
  private started = false;

  constructor(private readonly config: SyncEngineOptions) {
    this.api = createApi({
      fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      baseUrl: config.baseUrl,
    });
    this.options = {
      intervalMs: config.intervalMs ?? 5_000,
      batchSize: config.batchSize ?? 200,
      pullLimit: config.pullLimit ?? 200,
      retentionDays: config.retentionDays ?? 7,
    };
    this.now = config.now ?? Date.now;
    this.random = config.random ?? Math.random;
    this.locks = config.locks ?? browserLocks() ?? inTabLock();
    this.environment = config.environment === undefined ? browserEnvironment() : config.environment;
  }

  /** Starts the triggers and a first cycle, and asks for persistent storage. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void requestPersistentStorage();
    this.environment?.window.addEventListener("online", this.onOnline);
    this.environment?.window.addEventListener("offline", this.onOffline);
    this.environment?.document.addEventListener("visibilitychange", this.onVisibility);
    this.intervalTimer = setInterval(
      () => void this.requestSync("interval"),
      this.options.intervalMs,
    );
    void this.requestSync("start");
  }

  stop(): void {
    this.started = false;
    this.environment?.window.removeEventListener("online", this.onOnline);
    this.environment?.window.removeEventListener("offline", this.onOffline);
    this.environment?.document.removeEventListener("visibilitychange", this.onVisibility);
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.clearRetry();
  }

  /** Resolves when no cycle is running (tests wait on it after advancing fake timers). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Runs a cycle now (manual: also after an error stop) and resolves when it is over. */
  syncNow(): Promise<void> {
    return this.requestSync("manual");
  }

  /**
   * Asks for a cycle. Background triggers wait out a pending backoff and do
   * nothing after an error stop; network back, app visible or a tap retry at once.
   */
  requestSync(trigger: SyncTrigger): Promise<void> {
    const urgent = trigger === "manual" || trigger === "online" || trigger === "visible";
    if (this.status.get().halted && trigger !== "manual") return Promise.resolve();
    if (this.retryTimer && !urgent) return Promise.resolve();
    if (urgent) this.clearRetry();
    if (trigger === "manual") this.status.set({ halted: null });

    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.runCycles().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runCycles(): Promise<void> {
    do {
      this.rerun = false;
      await this.cycle();
    } while (this.rerun && !this.retryTimer && !this.status.get().halted);
  }

  private async cycle(): Promise<void> {
    const { db } = this.config;
    const now = this.now;
    // An unpaired counter has nobody to talk to: nothing to report either.
    if (!(await db.meta.get("device"))?.credential) return;

    this.status.set({ syncing: true });
    try {
      await this.locks.request(LOCK_NAME, async () => {
        await pushOutbox({
          db,
          api: this.api,
          appVersion: this.config.appVersion,
          now,
          ...this.options,
        });
        await pullChanges({ db, api: this.api, pullLimit: this.options.pullLimit, now });
        await purgeExpired(db, now(), this.options.retentionDays);
      });
      const lastSuccessAtMs = now();
      await db.meta.update("device", { lastSyncAtMs: lastSuccessAtMs });
      this.status.set({
        connection: "online",
        syncing: false,
        lastError: null,
        halted: null,
        attempt: 0,
        nextRetryAtMs: null,
        lastSuccessAtMs,
      });
    } catch (error) {
      this.onFailure(error);
    }
  }

  private onFailure(error: unknown): void {
    const problem = describeFailure(error);
    const refused = error instanceof ApiError && !error.transient;
    if (refused) {
      // The request itself is at fault: retrying unchanged would fail the same way.
      this.status.set({
        connection: "online",
        syncing: false,
        halted: problem,
        lastError: problem,
      });
      return;
    }

    const attempt = this.status.get().attempt;
    const retryAfterMs = error instanceof ApiError ? error.retryAfterMs : null;
    const delayMs = backoffDelayMs(attempt, this.random, this.config.backoff, retryAfterMs);
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.requestSync("retry");
    }, delayMs);
    this.status.set({
      connection:
        error instanceof NetworkError
          ? "offline"
          : error instanceof ApiError
            ? "unavailable"
            : "online",
      syncing: false,
      lastError: problem,
      attempt: attempt + 1,
      nextRetryAtMs: this.now() + delayMs,
    });
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.status.set({ nextRetryAtMs: null });
  }

  private readonly onOnline = () => void this.requestSync("online");
  private readonly onOffline = () => this.status.set({ connection: "offline" });
  private readonly onVisibility = () => {
    if (this.environment?.document.visibilityState === "visible") void this.requestSync("visible");
  };
}

function describeFailure(error: unknown): SyncProblem {
  if (error instanceof ApiError) {
    return { status: error.status, code: error.code, message: error.message };
  }
  if (error instanceof NetworkError) return { status: 0, code: "network", message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 0, code: "device", message };
}

function browserLocks(): LockManagerLike | null {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (!locks) return null;
  return { request: (name, callback) => locks.request(name, callback) };
}

/** Serialises cycles inside one tab when the Web Locks API is missing (older browsers, node). */
function inTabLock(): LockManagerLike {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request(_name, callback) {
      const run = tail.then(callback, callback);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

function browserEnvironment(): SyncEnvironment | null {
  if (typeof window === "undefined" || typeof document === "undefined") return null;
  return { window, document };
}

async function requestPersistentStorage(): Promise<void> {
  const storage = typeof navigator === "undefined" ? undefined : navigator.storage;
  if (!storage?.persist) return;
  try {
    if (!(await storage.persisted())) await storage.persist();
  } catch {
    // Some browsers refuse without a user gesture; the data then stays "best effort".
  }
}
