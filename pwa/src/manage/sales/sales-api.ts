/**
 * The server calls of the sales and alerts pages, with the manager's session
 * cookie, through @tanstack/react-query. Online only: nothing is kept in
 * IndexedDB, and a failed call is shown as it is, never replaced by stale data.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { SalesDashboard, StoreInfo } from "@ocpizza/schema";

export interface DeviceStatus {
  id: string;
  storeId: string;
  storeName: string;
  name: string;
  registerCode: string | null;
  appVersion: string | null;
  lastSeenAtMs: number | null;
  unsyncedCount: number;
  unsyncedSinceMs: number | null;
  unsyncedAgeMs: number | null;
  rejections: number;
  /** Seqs the device reported and the server never received (a wiped or lost tablet). */
  notReceivedSeqs: { from: number; to: number } | null;
  revoked: boolean;
}

export interface AlertListing {
  id: number;
  storeId: string;
  storeName: string;
  kind: string;
  message: string;
  createdAtMs: number;
  resolvedAtMs: number | null;
  acknowledgedAtMs: number | null;
  acknowledgedBy: string | null;
}

export type AlertStatus = "open" | "acknowledged" | "all";

/** An answer other than 2xx, with the server's code and message. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: "same-origin" });
  return readAnswer<T>(response);
}

async function readAnswer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as
    (T & { error?: { code: string; message: string } }) | null;
  if (!response.ok) {
    const error = body?.error ?? { code: "http_error", message: `HTTP ${response.status}` };
    throw new ServerError(response.status, error.code, error.message);
  }
  return body as T;
}

export interface DashboardQuery {
  from: string;
  to: string;
  /** Omitted: every store the manager may see. */
  storeId?: string;
}

export function dashboardPath(query: DashboardQuery, csv?: { section?: string }): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.storeId) params.set("storeId", query.storeId);
  if (csv) params.set("format", "csv");
  if (csv?.section) params.set("section", csv.section);
  return `/api/v1/reports/dashboard?${params}`;
}

export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: ["dashboard", query],
    queryFn: () => getJson<SalesDashboard>(dashboardPath(query)),
    retry: false,
    // A minute is fresh enough for figures that devices push every few seconds.
    staleTime: 60_000,
  });
}

export function useStores() {
  return useQuery({
    queryKey: ["stores"],
    queryFn: async () => (await getJson<{ stores: StoreInfo[] }>("/api/v1/stores")).stores,
    staleTime: 10 * 60_000,
  });
}

export function useDeviceStatus(storeId?: string) {
  const params = storeId ? `?storeId=${encodeURIComponent(storeId)}` : "";
  return useQuery({
    queryKey: ["device-status", storeId ?? null],
    queryFn: async () =>
      (await getJson<{ devices: DeviceStatus[] }>(`/api/v1/reports/devices${params}`)).devices,
    retry: false,
    refetchInterval: 60_000,
  });
}

export function useAlerts(status: AlertStatus, storeId?: string) {
  const params = new URLSearchParams({ status });
  if (storeId) params.set("storeId", storeId);
  return useQuery({
    queryKey: ["alerts", status, storeId ?? null],
    queryFn: async () =>
      (await getJson<{ alerts: AlertListing[] }>(`/api/v1/alerts?${params}`)).alerts,
    retry: false,
    refetchInterval: 60_000,
  });
}

export function useAcknowledgeAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      const response = await fetch(`/api/v1/alerts/${id}/acknowledge`, {
        method: "POST",
        credentials: "same-origin",
        // The session guard's header (sync-server/src/http/csrf.ts).
        headers: { "x-requested-with": "ocpizza" },
      });
      return readAnswer<{ alert: AlertListing }>(response);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["alerts"] }),
  });
}
