/**
 * What the sync engine tells the screens: whether the server answers, when
 * the next retry is, and any error that stopped it. The waiting count is not
 * here on purpose: the badge reads it from the outbox itself.
 */

export type Connection = "unknown" | "online" | "offline" | "unavailable";

export interface SyncProblem {
  /** HTTP status, or 0 when the server was not reached or the device failed. */
  status: number;
  code: string;
  message: string;
}

export interface SyncStatus {
  connection: Connection;
  syncing: boolean;
  /** A refused request (4xx other than a gap): sync waits for a manual retry. */
  halted: SyncProblem | null;
  /** The last failure, transient or not; null after a successful cycle. */
  lastError: SyncProblem | null;
  nextRetryAtMs: number | null;
  /** Consecutive transient failures. */
  attempt: number;
  lastSuccessAtMs: number | null;
}

export const INITIAL_STATUS: SyncStatus = {
  connection: "unknown",
  syncing: false,
  halted: null,
  lastError: null,
  nextRetryAtMs: null,
  attempt: 0,
  lastSuccessAtMs: null,
};

type Listener = (status: SyncStatus) => void;

/** A tiny observable value, shaped for React's useSyncExternalStore. */
export class StatusStore {
  private status: SyncStatus = INITIAL_STATUS;
  private readonly listeners = new Set<Listener>();

  get = (): SyncStatus => this.status;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(changes: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...changes };
    for (const listener of this.listeners) listener(this.status);
  }
}
