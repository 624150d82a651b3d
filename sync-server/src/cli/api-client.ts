/**
 * A thin HTTP client for the sync server, used by the command-line tools
 * and the benchmark. It speaks to the server the way a counter does, and
 * turns error bodies into ApiError with the server's code and message.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { isErrorBody } from "@ocpizza/schema";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export async function callApi<T>(
  server: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, server), {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new ApiError(
      0,
      "unreachable",
      `cannot reach the server at ${server}: ${String(error)}`,
      null,
    );
  }
  const text = await response.text();
  const body = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = isErrorBody(body)
      ? body.error
      : { code: "http_" + response.status, message: text };
    throw new ApiError(response.status, String(error.code), String(error.message), body);
  }
  return body as T;
}

/** The admin token: ADMIN_TOKEN, or the file the server writes in DATA_DIR outside production. */
export function readAdminToken(): string {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const file = join(dataDir(), "admin-token");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    throw new ApiError(
      0,
      "no_admin_token",
      `no admin token: set ADMIN_TOKEN, or start the server once so that it writes ${file}`,
      null,
    );
  }
}

/** DATA_DIR as the server reads it: relative paths start at the repository root. */
export function dataDir(): string {
  return resolve(REPO_ROOT, process.env.DATA_DIR || ".data");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
