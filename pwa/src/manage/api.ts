/**
 * The calls of the manager and customer pages: same-origin JSON with the
 * session cookie and the X-Requested-With header the server's cross-site
 * check asks for. Failures have the counter's shapes: ApiError (the server
 * answered no) and NetworkError (it was not reached). Never retried blindly.
 */
import {
  isErrorBody,
  type CustomerSignUp,
  type MeResponse,
  type StaffListing,
  type StaffRole,
} from "@ocpizza/schema";

import { ApiError, NetworkError } from "../sync/api.js";

export { ApiError, NetworkError };

export interface StoreSummary {
  id: string;
  name: string;
  city: string;
}

export interface DeviceListing {
  id: string;
  storeId: string;
  name: string;
  registerCode: string | null;
  appVersion: string | null;
  pairedAtMs: number;
  lastSeenAtMs: number | null;
  reportedPending: number;
  revoked: boolean;
  revokedAtMs: number | null;
}

export interface PairingCode {
  code: string;
  storeId: string;
  expiresAtMs: number;
}

export interface NewStaff {
  email: string;
  name: string;
  role: StaffRole;
  storeIds: string[];
  password?: string;
}

export interface StaffChange {
  name?: string;
  role?: StaffRole;
  storeIds?: string[];
  disabled?: boolean;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "x-requested-with": "ocpizza",
  };
  if (body !== undefined) headers["content-type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.status === 204) return undefined as T;
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok) return answer as T;
  if (isErrorBody(answer)) {
    const { code, message, ...details } = answer.error;
    const retryAfter = Number(response.headers.get("retry-after"));
    const retryAfterMs = retryAfter > 0 ? retryAfter * 1000 : null;
    throw new ApiError(response.status, code, message, details, retryAfterMs);
  }
  throw new ApiError(response.status, "internal", `HTTP ${response.status}`);
}

const encode = encodeURIComponent;

export const webApi = {
  /** Who is signed in; null when nobody (401). */
  me: () =>
    request<MeResponse>("GET", "/api/v1/auth/me").catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }),
  signIn: (email: string, password: string, account: "staff" | "customer") =>
    request<MeResponse>("POST", "/api/v1/auth/login", { email, password, account }),
  signOut: () => request<void>("POST", "/api/v1/auth/logout"),
  signOutEverywhere: () => request<{ revokedSessions: number }>("POST", "/api/v1/auth/logout-all"),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ revokedSessions: number }>("POST", "/api/v1/auth/password", {
      currentPassword,
      newPassword,
    }),
  askReset: (email: string, account: "staff" | "customer") =>
    request<unknown>("POST", "/api/v1/auth/password-reset", { email, account }),
  confirmReset: (token: string, newPassword: string) =>
    request<unknown>("POST", "/api/v1/auth/password-reset/confirm", { token, newPassword }),
  verifyEmail: (token: string) => request<unknown>("POST", "/api/v1/auth/verify-email", { token }),
  /** 202 whether or not the email was free: what differs goes to the mailbox. */
  signUp: (customer: CustomerSignUp) =>
    request<{ status: string }>("POST", "/api/v1/customers", customer),
  resendVerification: (email: string) =>
    request<unknown>("POST", "/api/v1/auth/verify-email/resend", { email }),
  eraseAccount: (password: string) =>
    request<{ ordersAnonymised: number }>("POST", "/api/v1/account/erase", { password }),

  stores: () => request<{ stores: StoreSummary[] }>("GET", "/api/v1/stores"),
  devices: (storeId: string | null) =>
    request<{ devices: DeviceListing[] }>(
      "GET",
      storeId ? `/api/v1/admin/devices?storeId=${encode(storeId)}` : "/api/v1/admin/devices",
    ),
  pairingCode: (storeId: string) =>
    request<PairingCode>("POST", "/api/v1/admin/pairing-codes", { storeId }),
  revokeDevice: (deviceId: string) =>
    request<unknown>("POST", `/api/v1/admin/devices/${encode(deviceId)}/revoke`),
  staff: (storeId: string | null) =>
    request<{ staff: StaffListing[] }>(
      "GET",
      storeId ? `/api/v1/admin/staff?storeId=${encode(storeId)}` : "/api/v1/admin/staff",
    ),
  createStaff: (staff: NewStaff) =>
    request<{ staff: StaffListing }>("POST", "/api/v1/admin/staff", staff),
  changeStaff: (staffId: string, change: StaffChange) =>
    request<{ staff: StaffListing }>("PATCH", `/api/v1/admin/staff/${encode(staffId)}`, change),
  setPin: (staffId: string, pin: string) =>
    request<unknown>("PUT", `/api/v1/admin/staff/${encode(staffId)}/pin`, { pin }),
};

/** The export is a plain download: the browser sends the cookie and saves the file. */
export const EXPORT_URL = "/api/v1/account/export";
