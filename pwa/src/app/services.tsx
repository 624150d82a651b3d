/**
 * The long-lived services of the app (the local database, the sync engine
 * and the server API), created once in main.tsx and handed to the screens by context.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";

import type { CounterDb } from "../db/database.js";
import type { SyncApi } from "../sync/api.js";
import type { SyncEngine } from "../sync/engine.js";
import type { SyncStatus } from "../sync/status.js";

export interface Services {
  db: CounterDb;
  engine: SyncEngine;
  /** For calls outside the sync cycle (pairing). */
  api: SyncApi;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices needs a ServicesProvider above it");
  return services;
}

export function useSyncStatus(): SyncStatus {
  const { engine } = useServices();
  return useSyncExternalStore(engine.status.subscribe, engine.status.get);
}
