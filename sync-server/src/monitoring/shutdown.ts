/**
 * Whether this server process has begun a graceful stop. main.ts begins it
 * on SIGTERM; readiness then answers 503 so load balancers stop sending new
 * work, and open event streams end so their clients reconnect elsewhere.
 */

export interface Shutdown {
  readonly stopping: boolean;
  /** Marks the process as stopping and calls every listener once. */
  begin(): void;
  /** Calls `listener` when the stop begins (at once if it has); returns the unsubscribe. */
  onBegin(listener: () => void): () => void;
}

export function createShutdown(): Shutdown {
  const listeners = new Set<() => void>();
  let stopping = false;
  return {
    get stopping() {
      return stopping;
    },
    begin() {
      if (stopping) return;
      stopping = true;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
    onBegin(listener) {
      if (stopping) {
        listener();
        return () => undefined;
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
