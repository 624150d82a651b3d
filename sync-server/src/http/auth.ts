/**
 * The context every handler sees (the device, session and principal set by
 * access.ts) and reading a bearer token. Device tokens are stored as sha256
 * hex; who may call what is decided in access.ts.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";

import type { SessionSubject } from "../accounts/sessions.js";
import type { Principal } from "./access.js";

export interface AuthenticatedDevice {
  id: string;
  storeId: string;
}

export type AppEnv = {
  Variables: {
    device?: AuthenticatedDevice;
    deviceId?: string;
    session?: SessionSubject;
    principal?: Principal;
  };
};

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function bearerToken(c: Context): string | null {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
